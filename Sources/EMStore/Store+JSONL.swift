import EMCore
import Foundation
import GRDB

extension Store {
    /// Imports one native JSONL file in one transaction: all of it, or nothing.
    /// A bad line gives an error naming the file and the line number. Lines are decoded on a
    /// second thread while this one writes (`ImportPipeline`).
    public func importJSONL(path: String, progress: ((ImportProgress) -> Void)? = nil) throws(StoreError) -> ImportSummary {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.missing, file: path, problem: "no such file", remedy: "check the path")
        }
        guard LineReader(path: path) != nil else {
            throw StoreError(.io, file: path, problem: "cannot be read", remedy: "check the file's permissions")
        }
        let totalBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        struct Line: Sendable {
            var number: Int
            var bytesRead: Int
            var record: StoreRecord
        }
        return try importing(file: path) { writer in
            try ImportPipeline.run(produce: { (emit: (Line) -> Bool) throws in
                guard let reader = LineReader(path: path) else {
                    throw StoreError(.io, file: path, problem: "cannot be read", remedy: "check the file's permissions")
                }
                let codec = JSONLCodec()
                var lineNumber = 0
                var bytesRead = 0
                for bytes in reader {
                    lineNumber += 1
                    bytesRead += bytes.count + 1
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    let record: StoreRecord
                    do {
                        record = try bytes.withUnsafeBufferPointer { utf8 throws(JSONLCodec.LineError) in
                            try codec.decode(utf8: utf8, lineNumber: lineNumber)
                        }
                    } catch let error as JSONLCodec.LineError {
                        throw StoreError(.badInput, file: path, problem: error.description, remedy: "nothing from this file was imported")
                    }
                    if !emit(Line(number: lineNumber, bytesRead: bytesRead, record: record)) { return }
                }
            }, consume: { line in
                do {
                    try writer.add(line.record)
                } catch let e as RecordError {
                    throw StoreError(.badInput, file: path, problem: "line \(line.number): \(e.problem)",
                                     remedy: "nothing from this file was imported")
                }
                if line.number % 2000 == 0, let progress {
                    progress(ImportProgress(samples: writer.summary.samples.added + writer.summary.samples.present,
                                            fraction: totalBytes > 0 ? Double(line.bytesRead) / Double(totalBytes) : nil))
                }
            })
        }
    }

    /// Streams the whole store as native records, in dependency order: codebooks, examples,
    /// runs, questions, samples with their judgments, ratings.
    public func exportRecords(_ emit: (StoreRecord) throws -> Void) throws(StoreError) {
        try read { db in
            // A rating names its codebook by name and by the position of that codebook among the
            // file's codebook records of the same name (1 = first), which is the stored version when
            // versions run 1, 2, 3 … — and stays right when they do not, or when two stored versions
            // carry the same `version` in their definition (docs/formats.md).
            var codebookNames: [Int64: (String, Int)] = [:]
            var positions: [String: Int] = [:]
            let codebooks = try Row.fetchCursor(db, sql: "SELECT id, name, version, definition FROM codebooks ORDER BY name, version")
            while let row = try codebooks.next() {
                let definition: String = row["definition"]
                let name: String = row["name"]
                if let c = try? JSONDecoder().decode(Codebook.self, from: Data(definition.utf8)) {
                    let position = (positions[name] ?? 0) + 1
                    positions[name] = position
                    codebookNames[row["id"]] = (name, position)
                    try emit(.codebook(c))
                }
            }
            let examples = try Row.fetchCursor(db, sql: "SELECT id, dataset, user, assistant FROM examples ORDER BY id")
            while let row = try examples.next() {
                try emit(.example(ExampleRecord(id: row[0], dataset: row[1], user: row[2], assistant: row[3])))
            }
            let runs = try Row.fetchAll(db, sql: """
                SELECT id, name, model, dataset, n_examples, reasoning, instruction, system_prompt, temperature, created_at, metadata
                FROM runs ORDER BY id
                """)
            var runNames: [Int64: String] = [:]
            for row in runs {
                let id: Int64 = row["id"]
                runNames[id] = row["name"]
                let refs = try Int.fetchAll(db, sql: "SELECT example_id FROM run_examples WHERE run_id = ? ORDER BY position",
                                            arguments: [id])
                try emit(.run(RunRecord(
                    name: row["name"], model: row["model"], dataset: row["dataset"], k: row["n_examples"],
                    reasoning: (row["reasoning"] as Int? ?? 0) != 0, instruction: row["instruction"] ?? "none",
                    systemPrompt: row["system_prompt"], temperature: row["temperature"], createdAt: row["created_at"],
                    metadata: (row["metadata"] as String?).flatMap(JSONValue.parse), examples: refs)))
            }
            var questionKeys: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, key, category, text FROM questions ORDER BY id") {
                questionKeys[row["id"]] = row["key"]
                try emit(.question(QuestionRecord(key: row["key"], category: row["category"], text: row["text"])))
            }
            let judgmentsStatement = try db.makeStatement(sql: """
                SELECT judge, metric, score, label, rationale FROM judgments WHERE sample_id = ? ORDER BY judge, metric
                """)
            let samples = try Row.fetchCursor(db, sql: """
                SELECT id, run_id, question_id, sample_index, prompt, reasoning, answer, metadata FROM samples ORDER BY id
                """)
            while let row = try samples.next() {
                let id: Int64 = row["id"]
                let run = runNames[row["run_id"]] ?? ""
                let question = questionKeys[row["question_id"]] ?? ""
                let index: Int = row["sample_index"]
                let judgments = try Row.fetchAll(judgmentsStatement, arguments: [id]).map {
                    JudgmentRecord(judge: $0["judge"], metric: $0["metric"], score: $0["score"], label: $0["label"],
                                   rationale: $0["rationale"])
                }
                try emit(.sample(SampleRecord(
                    run: run, question: question, sampleIndex: index, prompt: row["prompt"], reasoning: row["reasoning"],
                    answer: row["answer"], metadata: (row["metadata"] as String?).flatMap(JSONValue.parse),
                    judgments: judgments)))
            }
            let ratings = try Row.fetchCursor(db, sql: """
                SELECT r.name AS run, q.key AS question, s.sample_index, g.annotator, g.dimension, g.labels, g.codebook_id,
                       g.blind, g.changed_after_reveal, g.seconds, g.created_at, g.updated_at
                FROM ratings g JOIN samples s ON s.id = g.sample_id JOIN runs r ON r.id = s.run_id
                JOIN questions q ON q.id = s.question_id
                ORDER BY g.sample_id, g.annotator, g.dimension
                """)
            while let row = try ratings.next() {
                let run: String = row["run"], question: String = row["question"], index: Int = row["sample_index"]
                let labels: String = row["labels"]
                let codebook = (row["codebook_id"] as Int64?).flatMap { codebookNames[$0] }
                try emit(.rating(RatingRecord(
                    run: run, question: question, sampleIndex: index, annotator: row["annotator"], dimension: row["dimension"],
                    labels: labels.isEmpty ? [] : labels.split(separator: "|").map(String.init),
                    codebook: codebook?.0, codebookVersion: codebook?.1, blind: (row["blind"] as Int) != 0,
                    changedAfterReveal: (row["changed_after_reveal"] as Int) != 0, seconds: row["seconds"],
                    createdAt: row["created_at"], updatedAt: row["updated_at"])))
            }
        }
    }
}
