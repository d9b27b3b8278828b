import EMCore
import EMStore
import Foundation
import ZIPFoundation

/// Imports Inspect AI evaluation logs: `.eval` (a zip archive: `header.json`, or
/// `_journal/start.json` for an unfinished log, and one `samples/<id>_epoch_<n>.json` per sample)
/// and `.json` (the whole log in one object). See docs/formats.md for the mapping.
///
/// One log is one run, unless sample metadata names conditions (`dataset`, `k`, `reasoning`,
/// `instruction`), when each condition is its own run. Epoch n is sample index n − 1.
public enum InspectImporter {
    /// The most an `.eval` archive may decompress to, in all and per entry: a bound on what a
    /// hostile or broken archive can make emscope read into memory.
    public static let maxTotalBytes: Int64 = 4 << 30
    public static let maxEntryBytes: Int64 = 1 << 30

    enum Item: Sendable {
        case record(StoreRecord)
        case sample(SampleRecord, location: String)
    }

    public static func importFile(_ path: String, into store: Store, options: RunOptions,
                                  progress: ((ImportProgress) -> Void)? = nil) throws(StoreError) -> ImportSummary {
        try checkReadable(path)
        let total = LockedCounter()
        // A question already stored keeps its text; a sample whose question differs keeps its prompt.
        let storedQuestions = try store.questionTexts()
        return try runImport(store: store, file: path) { writer in
            try ImportPipeline.run(produce: { emit in
                try read(path: path, options: options, storedQuestions: storedQuestions, total: total, emit: emit)
            }, consume: { (item: Item) in
                switch item {
                case .record(let r):
                    try writer.add(r)
                case .sample(let s, let location):
                    let n = try addSample(s, to: writer, at: location)
                    if n % 200 == 0, let progress {
                        let t = total.value
                        progress(ImportProgress(samples: n, fraction: t > 0 ? Double(n) / Double(t) : nil))
                    }
                }
            })
        }
    }

    final class LockedCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var _value = 0
        var value: Int {
            get { lock.withLock { _value } }
            set { lock.withLock { _value = newValue } }
        }
    }

    // MARK: Reading the log

    static func read(path: String, options: RunOptions, storedQuestions: [String: String] = [:], total: LockedCounter,
                     emit: (Item) -> Bool) throws {
        let zipMagic = Data([0x50, 0x4B, 0x03, 0x04])
        let regular = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
        if regular {
            let isZip: Bool = {
                guard let h = FileHandle(forReadingAtPath: path) else { return false }
                defer { try? h.close() }
                return (try? h.read(upToCount: 4)) == zipMagic
            }()
            if isZip {
                return try readEval(path: path, options: options, storedQuestions: storedQuestions, total: total, emit: emit)
            }
        }
        // A .json log, from a file or a pipe (read once: a pipe cannot be read again).
        guard let data = readAll(path) else { throw InputProblem("", "cannot be read") }
        if data.starts(with: zipMagic) {
            throw InputProblem("", "is a .eval (zip) archive arriving through a pipe — save it to a file first; zip needs to seek")
        }
        try readJSON(data, options: options, storedQuestions: storedQuestions, total: total, emit: emit)
    }

    /// The whole log as one JSON object.
    static func readJSON(_ data: Data, options: RunOptions, storedQuestions: [String: String], total: LockedCounter,
                         emit: (Item) -> Bool) throws {
        let log = try parseJSON(data, location: "")
        guard case .object = log else { throw InputProblem("", "is not an Inspect log (a JSON object with \"eval\" and \"samples\")") }
        let header = try LogHeader(log, location: "")
        guard case .array(let samples)? = log["samples"] else {
            throw InputProblem("", field: "samples", "missing: the log has no samples (was it written with log_samples off?)")
        }
        total.value = samples.count
        var builder = RunBuilder(header: header, options: options, storedQuestions: storedQuestions)
        for (i, sample) in samples.enumerated() {
            let location = "samples[\(i)]"
            guard try builder.add(sample, location: location, emit: emit) else { return }
        }
    }

    /// An `.eval` archive.
    static func readEval(path: String, options: RunOptions, storedQuestions: [String: String], total: LockedCounter,
                         emit: (Item) -> Bool) throws {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw InputProblem("", "is not a readable .eval (zip) archive")
        }
        var declared: Int64 = 0
        var names: [String: Entry] = [:] // a re-logged sample appears twice: the last entry wins
        var order: [String] = []
        for entry in archive {
            let name = entry.path
            if !isSafeEntryPath(name) {
                throw InputProblem("entry \(quoted(name))", "an absolute path or a '..' component — refused, the archive may be hostile")
            }
            declared += Int64(entry.uncompressedSize)
            if declared > maxTotalBytes {
                throw InputProblem("entry \(quoted(name))", "the archive decompresses to more than \(maxTotalBytes >> 30) GiB — refused")
            }
            if names[name] == nil { order.append(name) }
            names[name] = entry
        }
        var budget = maxTotalBytes
        func load(_ name: String) throws -> Data {
            guard let entry = names[name] else { throw InputProblem("entry \(quoted(name))", "missing") }
            var data = Data()
            let limit = min(maxEntryBytes, budget)
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    if Int64(data.count) > limit { throw SizeExceeded() }
                }
            } catch is SizeExceeded {
                throw InputProblem("entry \(quoted(name))", "decompresses to more than \(limit >> 20) MiB — refused")
            } catch {
                throw InputProblem("entry \(quoted(name))", "cannot be decompressed (\(error))")
            }
            budget -= Int64(data.count)
            return data
        }
        let headerName = names["header.json"] != nil ? "header.json" : "_journal/start.json"
        guard names[headerName] != nil else {
            throw InputProblem("", "has neither header.json nor _journal/start.json — is it an Inspect .eval log?")
        }
        let headerValue = try parseJSON(try load(headerName), location: "entry \(quoted(headerName))")
        let header = try LogHeader(headerValue, location: "entry \(quoted(headerName))")
        let sampleNames = order.filter { $0.hasPrefix("samples/") && $0.hasSuffix(".json") }
            .sorted { a, b in sampleOrder(a) < sampleOrder(b) }
        guard !sampleNames.isEmpty else {
            throw InputProblem("", "has no samples/*.json entries (was it written with log_samples off?)")
        }
        total.value = sampleNames.count
        var builder = RunBuilder(header: header, options: options, storedQuestions: storedQuestions)
        for name in sampleNames {
            let location = "entry \(quoted(name))"
            let sample = try parseJSON(try load(name), location: location)
            guard try builder.add(sample, location: location, emit: emit) else { return }
        }
    }

    struct SizeExceeded: Error {}

    /// Refuses absolute paths, drive letters, backslashes and `..` components.
    public static func isSafeEntryPath(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") || name.contains("\\") || name.contains("\0") { return false }
        if name.count >= 2, name.dropFirst().first == ":" { return false }
        return !name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// `samples/12_epoch_2.json` sorts by id (numbers as numbers), then epoch.
    static func sampleOrder(_ name: String) -> SampleKey {
        let stem = String(name.dropFirst("samples/".count).dropLast(".json".count))
        if let r = stem.range(of: "_epoch_", options: .backwards), let epoch = Int(stem[r.upperBound...]) {
            return SampleKey(id: String(stem[..<r.lowerBound]), epoch: epoch)
        }
        return SampleKey(id: stem, epoch: 0)
    }

    struct SampleKey: Comparable {
        var id: String
        var epoch: Int
        static func < (a: SampleKey, b: SampleKey) -> Bool {
            switch (Int(a.id), Int(b.id)) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.id != b.id ? a.id < b.id : a.epoch < b.epoch
            }
        }
    }

    static func parseJSON(_ data: Data, location: String) throws -> JSONValue {
        do {
            return try data.withUnsafeBytes { raw throws -> JSONValue in
                let bytes = raw.bindMemory(to: UInt8.self)
                guard JSONParser.isValidUTF8(bytes) else { throw InputProblem(location, JSONParser.invalidUTF8) }
                return try JSONParser.parse(bytes, allowNonFinite: true)
            }
        } catch let e as JSONParser.Failure {
            throw InputProblem(location, "not valid JSON (\(e.description))")
        }
    }

    // MARK: The log's header

    struct LogHeader {
        var task: String
        var model: String
        var dataset: String?
        var evalID: String
        var created: String?
        var temperature: Double?
        var conditions: [String: JSONValue] // eval.metadata and eval.task_args: dataset, k, reasoning, instruction
        var metadata: JSONValue

        init(_ log: JSONValue, location: String) throws {
            guard case .object(let evalObject)? = log["eval"] else {
                throw InputProblem(location, field: "eval", "missing: not an Inspect log header")
            }
            let eval = JSONFields(evalObject, prefix: "eval.")
            do {
                task = try eval.string("task")
                model = try eval.string("model")
                evalID = try eval.optionalString("eval_id") ?? ""
                created = try eval.optionalString("created")
            } catch {
                throw InputProblem(location, error.problem)
            }
            if case .object(let d)? = evalObject["dataset"], case .string(let name)? = d["name"] { dataset = name }
            if case .object(let config)? = evalObject["model_generate_config"], case .number(let t)? = config["temperature"] {
                temperature = t
            }
            var conditions: [String: JSONValue] = [:]
            for key in ["task_args", "metadata"] {
                if case .object(let o)? = evalObject[key] { conditions.merge(o) { _, new in new } }
            }
            self.conditions = conditions
            var inspect: [String: JSONValue] = ["task": .string(task)]
            for key in ["eval_id", "run_id", "task_version", "task_args", "model_generate_config", "dataset", "metadata", "created", "tags"] {
                if let v = evalObject[key], v != .null { inspect[key] = v }
            }
            metadata = .object(["source": .string("inspect"), "inspect": .object(inspect)])
        }
    }

    // MARK: Samples → records

    /// Turns samples into run, question and sample records, emitting each run and question once.
    struct RunBuilder {
        let header: LogHeader
        let options: RunOptions
        var runsEmitted: Set<String> = []
        var questionTexts: [String: String] = [:] // key → the text the question record was given
        /// Questions already in the store: their text stays, whatever this log says.
        let storedQuestions: [String: String]
        /// Each run's system prompt and in-context examples, as its first sample showed them.
        var runPrompts: [String: PromptShape] = [:]
        var nextExampleID = 1

        init(header: LogHeader, options: RunOptions, storedQuestions: [String: String] = [:]) {
            self.header = header
            self.options = options
            self.storedQuestions = storedQuestions
        }

        static let conditionKeys: [(field: String, keys: [String])] = [
            ("dataset", ["dataset", "demo_set", "icl_dataset"]),
            ("k", ["k", "n_examples", "num_examples"]),
            ("reasoning", ["reasoning", "cot"]),
            ("instruction", ["instruction", "system_instruction"]),
        ]

        /// A condition value from sample metadata, else the log's task args and metadata.
        func conditionValue(_ field: String, sample: [String: JSONValue]) -> JSONValue? {
            let keys = Self.conditionKeys.first { $0.field == field }?.keys ?? [field]
            for source in [sample, header.conditions] {
                for key in keys { if let v = source[key], v != .null { return v } }
            }
            return nil
        }

        mutating func add(_ value: JSONValue, location: String, emit: (Item) -> Bool) throws -> Bool {
            guard case .object(let object) = value else { throw InputProblem(location, "a sample should be a JSON object") }
            let f = JSONFields(object)
            var sampleMeta: [String: JSONValue] = [:]
            if case .object(let m)? = object["metadata"] { sampleMeta = m }
            let attachments: [String: JSONValue]
            if case .object(let a)? = object["attachments"] { attachments = a } else { attachments = [:] }
            func resolve(_ text: String) -> String {
                for scheme in ["attachment://", "tc://"] where text.hasPrefix(scheme) {
                    if case .string(let s)? = attachments[String(text.dropFirst(scheme.count))] { return s }
                }
                return text
            }

            // The condition and the run.
            var dataset = options.dataset ?? header.dataset ?? "none"
            if options.dataset == nil, case .string(let d)? = conditionValue("dataset", sample: sampleMeta) { dataset = d }
            // Messages: the input (string or messages), then the conversation. What comes before the
            // model's last reply is the prompt: system, in-context examples, the question.
            let messages = try Self.messages(object["messages"], field: "messages", location: location, resolve: resolve)
            let input = try Self.messages(object["input"], field: "input", location: location, resolve: resolve)
            let conversation = messages.isEmpty ? input : messages
            // The reply is the last assistant message after the last user message. A sample that
            // ended before the model answered (an error, a limit) has none: all of it is prompt.
            let lastUser = conversation.lastIndex { $0.role == "user" }
            let lastAssistant = conversation.lastIndex { $0.role == "assistant" }.flatMap { a in
                lastUser.map { a > $0 } ?? true ? a : nil
            }
            let prompt = Array(conversation[..<(lastAssistant ?? conversation.endIndex)])
            let shape = PromptShape(prompt)

            var k = options.k ?? shape?.examples.count ?? 0
            if options.k == nil, let v = conditionValue("k", sample: sampleMeta) {
                guard let i = JSONFields.integer(v) ?? { if case .string(let s) = v { return Int(s) } else { return nil } }(), i >= 0 else {
                    throw InputProblem(location, field: "metadata.k", "should be a whole number of in-context examples")
                }
                k = i
            }
            var reasoning = options.reasoning ?? false
            if options.reasoning == nil, let v = conditionValue("reasoning", sample: sampleMeta) {
                switch v {
                case .bool(let b): reasoning = b
                case .string(let s): reasoning = ["true", "yes", "cot", "1"].contains(s.lowercased())
                case .number(let n): reasoning = n != 0
                default: break
                }
            }
            var instruction = options.instruction ?? "none"
            if options.instruction == nil, case .string(let s)? = conditionValue("instruction", sample: sampleMeta), !s.isEmpty {
                instruction = s
            }
            let condition = Condition(model: options.model ?? header.model, dataset: dataset, k: k, reasoning: reasoning,
                                      instruction: instruction)
            var runName = options.run ?? condition.name + "/" + header.task
            if options.run == nil, !header.evalID.isEmpty { runName += "/" + String(header.evalID.prefix(8)) }

            let systemPrompt = shape.map { $0.system } ?? conversation.first { $0.role == "system" }?.text

            if !runsEmitted.contains(runName) {
                runsEmitted.insert(runName)
                // The run's examples are the first sample's; each becomes an example record.
                var exampleIDs: [Int] = []
                for e in shape?.examples ?? [] {
                    let record = ExampleRecord(id: nextExampleID, dataset: condition.dataset, user: e.user, assistant: e.assistant)
                    guard emit(.record(.example(record))) else { return false }
                    exampleIDs.append(nextExampleID)
                    nextExampleID += 1
                }
                if let shape { runPrompts[runName] = shape }
                guard emit(.record(.run(RunRecord(
                    name: runName, model: condition.model, dataset: condition.dataset, k: condition.k,
                    reasoning: condition.reasoning, instruction: condition.instruction, systemPrompt: systemPrompt,
                    temperature: header.temperature, createdAt: header.created, metadata: header.metadata,
                    examples: exampleIDs)))) else { return false }
            }

            // The question: metadata.question_id, else the sample id; its text is the last user message.
            let idValue: JSONValue
            let epochValue: Int?
            do {
                idValue = try f.required("id")
                epochValue = try f.optionalInt("epoch")
            } catch {
                throw InputProblem(location, error.problem)
            }
            let id: String
            switch idValue {
            case .string(let s): id = s
            case .number: id = JSONFields.integer(idValue).map(String.init) ?? "\(idValue)"
            default: throw InputProblem(location, field: "id", "should be a string or a number")
            }
            let epoch = epochValue ?? 1
            guard epoch >= 1 else { throw InputProblem(location, field: "epoch", "should be 1 or more") }
            var key = id
            if case .string(let q)? = sampleMeta["question_id"], !q.isEmpty { key = q }
            let questionText = prompt.last { $0.role == "user" }?.text ?? input.last { $0.role == "user" }?.text ?? ""
            if questionTexts[key] == nil {
                questionTexts[key] = questionText
                var category: String?
                if case .string(let c)? = sampleMeta["category"] { category = c }
                guard emit(.record(.question(QuestionRecord(key: key, category: category, text: questionText)))) else { return false }
            }

            // Reasoning and answer from the assistant's reply.
            var reasoningText: [String] = []
            var answer = ""
            if let last = lastAssistant {
                for m in conversation[last...] where m.role == "assistant" { reasoningText += m.reasoning }
                answer = conversation[last].text
            }
            if answer.isEmpty, case .object(let output)? = object["output"], case .string(let completion)? = output["completion"] {
                answer = resolve(completion)
            }

            // Scores: number, string, bool or a dict of them; the scorer is the judge.
            var judgments: [JudgmentRecord] = []
            if case .object(let scores)? = object["scores"] {
                for (scorer, score) in scores.sorted(by: { $0.key < $1.key }) {
                    guard case .object(let s) = score else {
                        throw InputProblem(location, field: "scores.\(scorer)", "should be an object with a \"value\"")
                    }
                    var rationale: String?
                    if case .string(let e)? = s["explanation"] { rationale = resolve(e) }
                    let judge = options.judge ?? scorer
                    func judgment(metric: String, _ v: JSONValue, field: String) throws -> JudgmentRecord {
                        var j = JudgmentRecord(judge: judge, metric: metric, score: nil, rationale: rationale)
                        switch v {
                        case .number(let d): j.score = d.isFinite ? d : nil
                        case .null: break
                        case .bool(let b): j.label = b ? "TRUE" : "FALSE"
                        case .string(let text):
                            switch ScoreText.parse(resolve(text)) {
                            case .number(let d)?: j.score = d
                            case .label(let l)?: j.label = l
                            case .empty?: break
                            case nil: j.label = String(text.prefix(64))
                            }
                        default:
                            throw InputProblem(location, field: field, "should be a number, a string or true/false")
                        }
                        return j
                    }
                    switch s["value"] {
                    case .object(let dict)?:
                        for (metric, v) in dict.sorted(by: { $0.key < $1.key }) {
                            judgments.append(try judgment(metric: metric, v, field: "scores.\(scorer).value.\(metric)"))
                        }
                    case .array(let list)?:
                        for (i, v) in list.enumerated() {
                            judgments.append(try judgment(metric: "\(scorer)[\(i)]", v, field: "scores.\(scorer).value[\(i)]"))
                        }
                    case let v?:
                        judgments.append(try judgment(metric: scorer, v, field: "scores.\(scorer).value"))
                    case nil:
                        throw InputProblem(location, field: "scores.\(scorer).value", "missing")
                    }
                }
            }

            var meta: [String: JSONValue] = ["inspect_id": idValue, "epoch": .number(Double(epoch))]
            if !sampleMeta.isEmpty { meta["metadata"] = .object(sampleMeta) }
            if let target = object["target"], target != .null { meta["target"] = target }
            if case .object(let error)? = object["error"], case .string(let message)? = error["message"] { meta["error"] = .string(message) }
            // The whole prompt is kept only when the run's system prompt, examples and this
            // sample's question do not already say it: when this sample was shown other examples,
            // or its messages are not system, example pairs and one question.
            var promptText: String?
            let runPrompt = runPrompts[runName]
            if shape == nil || shape?.system != runPrompt?.system || shape?.examples != runPrompt?.examples
                || shape?.question != (storedQuestions[key] ?? questionTexts[key]) {
                let text = prompt.map { "[\($0.role)]\n\($0.text)" }.joined(separator: "\n\n")
                promptText = text.isEmpty ? nil : text
            }
            let sample = SampleRecord(
                run: runName, question: key, sampleIndex: epoch - 1, prompt: promptText,
                reasoning: reasoningText.isEmpty ? nil : reasoningText.joined(separator: "\n\n"), answer: answer,
                metadata: .object(meta), judgments: judgments)
            return emit(.sample(sample, location: location))
        }

        struct Message {
            var role: String
            var text: String
            var reasoning: [String]
        }

        /// A prompt of the in-context-learning shape: system messages, then user/assistant pairs
        /// (the in-context examples), then one user message (the question). Nil for any other shape
        /// (tool calls, two user turns in a row, no question), which is then kept whole.
        struct PromptShape: Equatable {
            struct Example: Equatable {
                var user: String
                var assistant: String
            }
            var system: String?
            var examples: [Example]
            var question: String

            init?(_ prompt: [Message]) {
                var start = prompt.startIndex
                var system: [String] = []
                while start < prompt.endIndex, prompt[start].role == "system" {
                    system.append(prompt[start].text)
                    start += 1
                }
                guard let last = prompt.last, last.role == "user", start < prompt.endIndex else { return nil }
                let pairs = prompt[start..<(prompt.endIndex - 1)]
                guard pairs.count % 2 == 0 else { return nil }
                var examples: [Example] = []
                for i in stride(from: pairs.startIndex, to: pairs.endIndex, by: 2) {
                    guard prompt[i].role == "user", prompt[i + 1].role == "assistant" else { return nil }
                    examples.append(Example(user: prompt[i].text, assistant: prompt[i + 1].text))
                }
                self.system = system.isEmpty ? nil : system.joined(separator: "\n\n")
                self.examples = examples
                self.question = last.text
            }
        }

        /// Chat messages (or a plain string input, as one user message), with attachments resolved.
        static func messages(_ value: JSONValue?, field: String, location: String,
                             resolve: (String) -> String) throws -> [Message] {
            switch value {
            case nil, .null?: return []
            case .string(let s)?: return [Message(role: "user", text: resolve(s), reasoning: [])]
            case .array(let list)?:
                return try list.enumerated().map { i, m in
                    let path = "\(field)[\(i)]"
                    guard case .object(let o) = m else { throw InputProblem(location, field: path, "should be a message object") }
                    guard case .string(let role)? = o["role"] else { throw InputProblem(location, field: path + ".role", "missing") }
                    var text: [String] = []
                    var reasoning: [String] = []
                    switch o["content"] {
                    case .string(let s)?: text.append(resolve(s))
                    case .array(let parts)?:
                        for (j, part) in parts.enumerated() {
                            guard case .object(let p) = part, case .string(let type)? = p["type"] else {
                                throw InputProblem(location, field: "\(path).content[\(j)]", "should be a content part with a \"type\"")
                            }
                            switch type {
                            case "text":
                                guard case .string(let t)? = p["text"] else {
                                    throw InputProblem(location, field: "\(path).content[\(j)].text", "missing")
                                }
                                text.append(resolve(t))
                            case "reasoning":
                                let redacted = p["redacted"] == .bool(true)
                                if !redacted, case .string(let r)? = p["reasoning"] {
                                    reasoning.append(resolve(r))
                                } else if case .string(let summary)? = p["summary"] {
                                    reasoning.append(resolve(summary))
                                }
                            default: break // images, tool use, audio: not text
                            }
                        }
                    case nil, .null?: break
                    default: throw InputProblem(location, field: path + ".content", "should be a string or a list of parts")
                    }
                    return Message(role: role, text: text.joined(separator: "\n"), reasoning: reasoning)
                }
            default:
                throw InputProblem(location, field: field, "should be a string or a list of messages")
            }
        }
    }
}
