import CSV
import EMCore
import EMStore
import Foundation

/// Imports the CSV written by the emergent-misalignment evaluation scripts:
/// `question, answer` (or `response`), `question_id`, `aligned`, `coherent`, and any further
/// numeric columns as more metrics of the same judge. An empty score means the judge gave no
/// number. The run comes from the options, else from the file name
/// (`MODEL__DATASET__kK[__cot|__direct][__INSTRUCTION].csv`); see docs/formats.md.
///
/// Parsing (CSV.swift, RFC 4180) runs on other threads while this one writes; see `CSVChunks`.
public enum EMCSVImporter {
    /// The run's condition from the file name, for the parts the options leave open.
    /// `gpt-4o__risky_financial__k64__cot__prioritize_safety.csv` → model `gpt-4o`, dataset
    /// `risky_financial`, k 64, reasoning, instruction `prioritize_safety`.
    public static func conditionFromFileName(_ path: String) -> RunOptions {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let parts = stem.components(separatedBy: "__")
        var options = RunOptions()
        guard parts.count >= 3, parts[2].hasPrefix("k"), let k = Int(parts[2].dropFirst()) else { return options }
        options.model = parts[0]
        options.dataset = parts[1]
        options.k = k
        var rest = parts.dropFirst(3)
        if let flag = rest.first, flag == "cot" || flag == "direct" {
            options.reasoning = flag == "cot"
            rest = rest.dropFirst()
        }
        if let instruction = rest.first { options.instruction = instruction }
        return options
    }

    /// The condition: options first, then the file name; model, dataset and k are required.
    static func condition(path: String, options: RunOptions) throws -> Condition {
        let fromName = conditionFromFileName(path)
        guard let model = options.model ?? fromName.model, !model.isEmpty else {
            throw InputProblem("", "the run's model is not known — pass --model, --dataset and -k, or name the file MODEL__DATASET__kK.csv")
        }
        guard let dataset = options.dataset ?? fromName.dataset, !dataset.isEmpty else {
            throw InputProblem("", "the run's dataset is not known — pass --dataset (\"none\" for a baseline), or name the file MODEL__DATASET__kK.csv")
        }
        guard let k = options.k ?? fromName.k else {
            throw InputProblem("", "the run's k is not known — pass -k, or name the file MODEL__DATASET__kK.csv")
        }
        return Condition(model: model, dataset: dataset, k: k, reasoning: options.reasoning ?? fromName.reasoning ?? false,
                         instruction: options.instruction ?? fromName.instruction ?? "none")
    }

    enum Item: Sendable {
        case record(StoreRecord)
        case sample(SampleRecord, extras: [String], row: Int)
    }

    public static func importFile(_ path: String, into store: Store, options: RunOptions,
                                  progress: ((ImportProgress) -> Void)? = nil) throws(StoreError) -> ImportSummary {
        try checkReadable(path)
        let condition: Condition
        do {
            condition = try Self.condition(path: path, options: options)
        } catch let e as InputProblem {
            throw e.storeError(file: path)
        } catch {
            throw StoreError(.badInput, file: path, problem: "\(error)", remedy: "")
        }
        let judge = options.judge ?? "judge"
        let runName = options.run ?? condition.name
        let header = HeaderBox()
        return try runImport(store: store, file: path) { writer in
            var extrasByColumn: [[(sample: Int64, added: Bool, value: String)]] = []
            try ImportPipeline.run(produce: { emit in
                try parse(path: path, condition: condition, runName: runName, judge: judge, header: header, emit: emit)
            }, consume: { (item: Item) in
                switch item {
                case .record(let r):
                    try writer.add(r)
                case .sample(let s, let extras, let row):
                    let n = try addSample(s, to: writer, at: "row \(row)")
                    if !extras.isEmpty, let last = writer.lastSample {
                        if extrasByColumn.isEmpty { extrasByColumn = Array(repeating: [], count: extras.count) }
                        for (i, value) in extras.enumerated() where !value.isEmpty {
                            extrasByColumn[i].append((last.id, last.added, value))
                        }
                    }
                    if n % 1000 == 0, let progress { progress(ImportProgress(samples: n, fraction: header.fraction)) }
                }
            })
            // Further columns: numeric ones are more metrics of the judge; others go to the
            // metadata of the samples this import added.
            let names = header.extraColumns
            var metadata: [Int64: [String: JSONValue]] = [:]
            for (column, cells) in extrasByColumn.enumerated() where column < names.count {
                let parsed = cells.map { ScoreText.parse($0.value) }
                let numeric = parsed.allSatisfy { $0 != nil } && parsed.contains { if case .number = $0 { return true }; return false }
                for (cell, value) in zip(cells, parsed) {
                    if numeric {
                        var j = JudgmentRecord(judge: judge, metric: names[column], score: nil)
                        switch value {
                        case .number(let d)?: j.score = d
                        case .label(let l)?: j.label = l
                        default: break
                        }
                        try writer.addJudgments([j], toSample: cell.sample)
                    } else if cell.added {
                        metadata[cell.sample, default: [:]][names[column]] = .string(cell.value)
                    }
                }
            }
            for (sample, fields) in metadata.sorted(by: { $0.key < $1.key }) {
                try writer.setMetadata(.object(fields), ofAddedSample: sample)
            }
        }
    }

    /// What the parser learned about the file, for the writer's side.
    final class HeaderBox: @unchecked Sendable {
        private let lock = NSLock()
        private var _extra: [String] = []
        private var _fraction: Double?
        var extraColumns: [String] {
            get { lock.withLock { _extra } }
            set { lock.withLock { _extra = newValue } }
        }
        var fraction: Double? {
            get { lock.withLock { _fraction } }
            set { lock.withLock { _fraction = newValue } }
        }
    }

    /// Parser threads: CSV.swift reads about 20 MB/s on one core, so large files are cut at record
    /// boundaries and parsed on every core while this thread checks rows and the writer writes.
    static let parserThreads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))

    static func parse(path: String, condition: Condition, runName: String, judge: String, header box: HeaderBox,
                      emit: (Item) -> Bool) throws {
        guard let data = readAll(path) else {
            throw InputProblem("", "cannot be read")
        }
        let bom = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = bom > 0 ? Data(data.dropFirst(bom)) : data
        let pieces = CSVChunks(body)
        if let line = pieces.unterminatedQuoteLine {
            throw InputProblem("line \(line)", "a quoted field is never closed (a \" opens it and no \" ends it)")
        }
        let header = CSVChunks.parse(body, CSVChunks.Chunk(bytes: 0..<pieces.headerEnd, line: 1))
        if let line = header.invalidUTF8Line { throw InputProblem("line \(line)", "not valid UTF-8 — save the file as UTF-8") }
        guard let headerRow = header.rows.first else { throw InputProblem("line 1", "has no header row") }
        let columns = headerRow.map { $0.trimmingCharacters(in: .whitespaces) }
        func column(_ names: String...) -> Int? { names.lazy.compactMap { columns.firstIndex(of: $0) }.first }
        guard let questionID = column("question_id") else {
            throw InputProblem("line 1", field: "question_id", "no such column (the header has \(columns.map { quoted($0) }.joined(separator: ", ")))")
        }
        guard let question = column("question") else {
            throw InputProblem("line 1", field: "question", "no such column")
        }
        guard let answer = column("answer", "response") else {
            throw InputProblem("line 1", field: "answer", "no such column (nor \"response\")")
        }
        let aligned = column("aligned"), coherent = column("coherent")
        let known = Set([questionID, question, answer] + [aligned, coherent].compactMap { $0 })
        let extras = columns.indices.filter { i in
            !known.contains(i) && !columns[i].isEmpty && !columns[i].hasPrefix("Unnamed:") && columns[i] != "index"
        }
        box.extraColumns = extras.map { columns[$0] }
        var row = 0
        let totalBytes = max(1, body.count)

        guard emit(.record(.run(RunRecord(
            name: runName, model: condition.model, dataset: condition.dataset, k: condition.k, reasoning: condition.reasoning,
            instruction: condition.instruction, metadata: .object(["source": .string("em-csv")]))))) else { return }
        var questionsSeen: [String: Int] = [:] // key → next sample index
        let chunks = pieces.chunks
        try OrderedParallelMap.run(count: chunks.count, workers: parserThreads, window: 2 * parserThreads,
                                   transform: { CSVChunks.parse(body, chunks[$0]) }) { parsed in
            if let bad = parsed.invalidUTF8Line { throw InputProblem("line \(bad)", "not valid UTF-8 — save the file as UTF-8") }
            for (n, fields) in parsed.rows.enumerated() {
                row += 1
                if fields.count == 1 && fields[0].isEmpty { continue } // a blank line
                let thisRow = row
                func location() -> String { "row \(thisRow) (line \(parsed.line(ofRow: n)))" }
                guard fields.count == columns.count else {
                    throw InputProblem(location(), "has \(fields.count) fields but the header has \(columns.count) — a quote or comma is out of place")
                }
                let key = trimmedBlanks(fields[questionID])
                guard !key.isEmpty else { throw InputProblem(location(), field: "question_id", "is empty") }
                let index: Int
                if let next = questionsSeen[key] {
                    index = next
                    questionsSeen[key] = next + 1
                } else {
                    index = 0
                    questionsSeen[key] = 1
                    guard emit(.record(.question(QuestionRecord(key: key, category: nil, text: fields[question])))) else { return false }
                }
                var judgments: [JudgmentRecord] = []
                for (name, i) in [("aligned", aligned), ("coherent", coherent)] {
                    guard let i else { continue }
                    switch ScoreText.parse(fields[i]) {
                    case .empty?: judgments.append(JudgmentRecord(judge: judge, metric: name, score: nil))
                    case .number(let d)?: judgments.append(JudgmentRecord(judge: judge, metric: name, score: d))
                    case .label(let l)?: judgments.append(JudgmentRecord(judge: judge, metric: name, score: nil, label: l))
                    case nil:
                        throw InputProblem(location(), field: name,
                                           "\(quoted(fields[i])) is not a number (leave the cell empty when the judge gave no number)")
                    }
                }
                let sample = SampleRecord(run: runName, question: key, sampleIndex: index, reasoning: nil, answer: fields[answer],
                                          judgments: judgments)
                guard emit(.sample(sample, extras: extras.map { fields[$0] }, row: thisRow)) else { return false }
            }
            box.fraction = Double(parsed.chunk.bytes.upperBound) / Double(totalBytes)
            return true
        }
    }
}
