import EMCore
import EMStore
import Foundation

/// Which field of a per-sample record holds what: `field = path` pairs, from a mapping file
/// and `--map` options. A path is keys separated by dots; a number indexes an array
/// (`scores.0.value`). See docs/formats.md.
public struct RecordMapping: Sendable, Equatable {
    /// The fields a mapping can name (scores are `score:METRIC` or `score:JUDGE:METRIC`).
    public static let fields = ["run", "model", "dataset", "k", "cot", "instruction", "question", "question_text",
                                "category", "sample_index", "prompt", "reasoning", "answer", "records"]

    /// Paths tried for a field the mapping does not name (the first one a record has is used).
    static let defaults: [String: [String]] = [
        "run": ["run"], "model": ["model"], "dataset": ["dataset", "demo_set"], "k": ["k"], "cot": ["cot"],
        "instruction": ["instruction"], "question": ["question_id"], "question_text": ["question"],
        "category": ["category"], "sample_index": ["sample_index"], "prompt": ["prompt"], "reasoning": ["reasoning"],
        "answer": ["answer", "response"],
    ]
    static let defaultScores = ["aligned", "coherent"]

    public var paths: [String: String] = [:]
    /// (judge or nil for `--judge`, metric, path).
    public var scores: [Score] = []

    public struct Score: Sendable, Equatable {
        public var judge: String?
        public var metric: String
        public var path: String
    }

    public init() {}

    /// Reads `field = path` lines (`#` starts a comment).
    public static func parse(file text: String, name: String) throws(StoreError) -> RecordMapping {
        var mapping = RecordMapping()
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            do {
                try mapping.add(String(line))
            } catch {
                throw StoreError(.badInput, file: name, problem: "line \(i + 1): \(error.problem)", remedy: "see docs/formats.md for mapping files")
            }
        }
        return mapping
    }

    /// Adds one `field=path` entry.
    public mutating func add(_ entry: String) throws(JSONFields.Problem) {
        guard let eq = entry.firstIndex(of: "=") else {
            throw JSONFields.Problem("\(quoted(entry)) should be FIELD=PATH")
        }
        let field = entry[..<eq].trimmingCharacters(in: .whitespaces)
        let path = entry[entry.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { throw JSONFields.Problem("\(quoted(field)) has an empty path") }
        if field.hasPrefix("score:") {
            let parts = field.dropFirst("score:".count).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(parts.count), !parts.contains(where: \.isEmpty) else {
                throw JSONFields.Problem("\(quoted(field)) should be score:METRIC or score:JUDGE:METRIC")
            }
            scores.append(Score(judge: parts.count == 2 ? parts[0] : nil, metric: parts.last!, path: path))
        } else {
            guard Self.fields.contains(field) else {
                throw JSONFields.Problem("unknown field \(quoted(field)) (known: \(Self.fields.joined(separator: ", ")), score:METRIC, score:JUDGE:METRIC)")
            }
            paths[field] = path
        }
    }

    /// Entries of `other` replace this mapping's.
    public mutating func merge(_ other: RecordMapping) {
        paths.merge(other.paths) { _, new in new }
        let metrics = Set(other.scores.map { "\($0.judge ?? "")\u{0}\($0.metric)" })
        scores = scores.filter { !metrics.contains("\($0.judge ?? "")\u{0}\($0.metric)") } + other.scores
    }
}

/// Imports per-sample JSON records (JSONL, one object a line; or a JSON array) through a `RecordMapping`.
public enum RecordsImporter {
    enum Item: Sendable {
        case record(StoreRecord)
        case sample(SampleRecord, location: String)
    }

    public static func importFile(_ path: String, into store: Store, mapping: RecordMapping, options: RunOptions,
                                  progress: ((ImportProgress) -> Void)? = nil) throws(StoreError) -> ImportSummary {
        try checkReadable(path)
        let size = fileSize(path)
        let position = InspectImporter.LockedCounter()
        return try runImport(store: store, file: path) { writer in
            try ImportPipeline.run(produce: { emit in
                var builder = Builder(mapping: mapping, options: options)
                // One handle, read once: a pipe (`<(zcat records.jsonl.gz)`) cannot be reopened.
                guard let handle = FileHandle(forReadingAtPath: path) else { throw InputProblem("", "cannot be read") }
                defer { try? handle.close() }
                let head = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
                let trimmed = head.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
                if trimmed == UInt8(ascii: "[") || (trimmed == UInt8(ascii: "{") && mapping.paths["records"] != nil) {
                    let rest: Data
                    do { rest = try handle.readToEnd() ?? Data() } catch { throw InputProblem("", "cannot be read (\(error))") }
                    let value = try InspectImporter.parseJSON(Data(head) + rest, location: "")
                    var list = value
                    if let recordsPath = mapping.paths["records"] {
                        guard let found = Builder.lookup(value, recordsPath) else {
                            throw InputProblem("", field: recordsPath, "missing (named by records=)")
                        }
                        list = found
                    }
                    guard case .array(let records) = list else {
                        throw InputProblem("", "should be a JSON array of records (or name the array with records=PATH)")
                    }
                    position.value = -records.count
                    for (i, r) in records.enumerated() {
                        guard try builder.add(r, location: "record [\(i)]", emit: emit) else { return }
                    }
                } else {
                    let reader = LineReader(handle: handle, prefix: head)
                    var line = 0
                    var read = 0
                    for bytes in reader {
                        line += 1
                        read += bytes.count + 1
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        let value = try InspectImporter.parseJSON(Data(bytes), location: "line \(line)")
                        guard try builder.add(value, location: "line \(line)", emit: emit) else { return }
                        if line % 1000 == 0 { position.value = read }
                    }
                }
            }, consume: { (item: Item) in
                switch item {
                case .record(let r): try writer.add(r)
                case .sample(let s, let location):
                    let n = try addSample(s, to: writer, at: location)
                    if n % 1000 == 0, let progress {
                        let p = position.value
                        progress(ImportProgress(samples: n, fraction: p < 0 ? Double(n) / Double(-p) : size > 0 ? Double(p) / Double(size) : nil))
                    }
                }
            })
        }
    }

    struct Builder {
        let mapping: RecordMapping
        let options: RunOptions
        var runs: Set<String> = []
        var questions: Set<String> = []
        var nextIndex: [String: Int] = [:]

        /// The value at a dotted path.
        static func lookup(_ value: JSONValue, _ path: String) -> JSONValue? {
            var v = value
            for part in path.split(separator: ".", omittingEmptySubsequences: false) {
                switch v {
                case .object(let o): guard let next = o[String(part)] else { return nil }; v = next
                case .array(let a): guard let i = Int(part), a.indices.contains(i) else { return nil }; v = a[i]
                default: return nil
                }
            }
            return v
        }

        /// The field's value and the path it came from; nil when absent or null.
        func value(_ field: String, in record: JSONValue) -> (JSONValue, String)? {
            let candidates = mapping.paths[field].map { [$0] } ?? RecordMapping.defaults[field] ?? []
            for path in candidates {
                if let v = Self.lookup(record, path), v != .null { return (v, path) }
            }
            return nil
        }

        func string(_ field: String, in record: JSONValue, location: String) throws -> String? {
            guard let (v, path) = value(field, in: record) else { return nil }
            switch v {
            case .string(let s): return s
            case .number: return JSONFields.integer(v).map(String.init) ?? v.jsonText
            default: throw InputProblem(location, field: path, "should be a string (it is mapped to \(field))")
            }
        }

        func integer(_ field: String, in record: JSONValue, location: String) throws -> Int? {
            guard let (v, path) = value(field, in: record) else { return nil }
            if let i = JSONFields.integer(v) { return i }
            if case .string(let s) = v, let i = Int(s.trimmingCharacters(in: .whitespaces)) { return i }
            throw InputProblem(location, field: path, "should be a whole number (it is mapped to \(field))")
        }

        func flag(_ field: String, in record: JSONValue, location: String) throws -> Bool? {
            guard let (v, path) = value(field, in: record) else { return nil }
            switch v {
            case .bool(let b): return b
            case .number(let n): return n != 0
            case .string(let s) where ["true", "yes", "1", "cot"].contains(s.lowercased()): return true
            case .string(let s) where ["false", "no", "0", "direct", ""].contains(s.lowercased()): return false
            default: throw InputProblem(location, field: path, "should be true or false (it is mapped to \(field))")
            }
        }

        mutating func add(_ record: JSONValue, location: String, emit: (Item) -> Bool) throws -> Bool {
            guard case .object = record else { throw InputProblem(location, "a record should be a JSON object") }
            func need<T>(_ v: T?, _ field: String) throws -> T {
                guard let v else {
                    let flag = ["model": "--model", "dataset": "--dataset", "k": "-k"][field]
                    throw InputProblem(location, field: mapping.paths[field] ?? RecordMapping.defaults[field]?.first ?? field,
                                       "missing (map it with --map \(field)=PATH" + (flag.map { " or pass \($0)" } ?? "") + ")")
                }
                return v
            }
            let model = try need(try options.model ?? string("model", in: record, location: location), "model")
            let dataset = try need(try options.dataset ?? string("dataset", in: record, location: location), "dataset")
            let k = try need(try options.k ?? integer("k", in: record, location: location), "k")
            guard k >= 0 else { throw InputProblem(location, field: mapping.paths["k"] ?? "k", "should be 0 or more") }
            let cot = try options.reasoning ?? flag("cot", in: record, location: location) ?? false
            let instruction = try options.instruction ?? string("instruction", in: record, location: location) ?? "none"
            let condition = Condition(model: model, dataset: dataset, k: k, reasoning: cot, instruction: instruction)
            let runName = try options.run ?? string("run", in: record, location: location) ?? condition.name
            if !runs.contains(runName) {
                runs.insert(runName)
                guard emit(.record(.run(RunRecord(name: runName, model: model, dataset: dataset, k: k, reasoning: cot,
                                                  instruction: instruction, metadata: .object(["source": .string("records")])))))
                else { return false }
            }
            let key = try need(try string("question", in: record, location: location), "question")
            if !questions.contains(key) {
                questions.insert(key)
                let text = try string("question_text", in: record, location: location) ?? ""
                let category = try string("category", in: record, location: location)
                guard emit(.record(.question(QuestionRecord(key: key, category: category, text: text)))) else { return false }
            }
            let slot = runName + "\u{0}" + key
            let index: Int
            if let i = try integer("sample_index", in: record, location: location) {
                index = i
            } else {
                index = nextIndex[slot, default: 0]
                nextIndex[slot] = index + 1
            }
            let answer = try need(try string("answer", in: record, location: location), "answer")
            var judgments: [JudgmentRecord] = []
            var scores = mapping.scores
            if scores.isEmpty {
                scores = RecordMapping.defaultScores.map { RecordMapping.Score(judge: nil, metric: $0, path: $0) }
                    .filter { Self.lookup(record, $0.path) != nil }
            }
            for score in scores {
                var j = JudgmentRecord(judge: score.judge ?? options.judge ?? "judge", metric: score.metric, score: nil)
                switch Self.lookup(record, score.path) {
                case nil, .null?: break
                case .number(let d)?:
                    guard d.isFinite else { throw InputProblem(location, field: score.path, "is not a finite number") }
                    j.score = d
                case .string(let s)?:
                    switch ScoreText.parse(s) {
                    case .number(let d)?: j.score = d
                    case .label(let l)?: j.label = l
                    case .empty?: break
                    case nil: throw InputProblem(location, field: score.path, "\(quoted(s)) is not a score (a number, empty, CODE, REFUSAL or ERROR)")
                    }
                default:
                    throw InputProblem(location, field: score.path, "should be a number (it is mapped to score:\(score.metric))")
                }
                judgments.append(j)
            }
            let sample = SampleRecord(
                run: runName, question: key, sampleIndex: index, prompt: try string("prompt", in: record, location: location),
                reasoning: try string("reasoning", in: record, location: location), answer: answer, judgments: judgments)
            return emit(.sample(sample, location: location))
        }
    }
}
