import EMCore
import Foundation
import GRDB

/// A problem with one record during an import (the caller adds the file and line).
public struct RecordError: Error, Equatable, Sendable {
    public var problem: String
    public init(_ problem: String) { self.problem = problem }
}

/// Writes `StoreRecord`s into the store inside one transaction, idempotently: a run is known by
/// its name, a question by its key, a sample by (run, question, sample index), a judgment by
/// (sample, judge, metric), a rating by (sample, annotator, dimension). Existing rows are counted
/// as present and never rewritten.
public final class RecordWriter {
    let db: Database
    public private(set) var summary = ImportSummary()
    private var exampleIDs: [Int: Int64] = [:]          // file-local example ref → examples.id
    private var examplesByContent: [ExampleKey: Int64]?  // lazily loaded existing examples
    private var runIDs: [String: Int64] = [:]
    private var questionIDs: [String: Int64] = [:]
    private var codebookIDs: [String: Int64] = [:]       // "name#fileVersion" → codebooks.id (first record)
    private var codebooksInFile: [String: [Int64]] = [:] // name → codebooks.id of its records, in file order
    /// The row id of the sample the last `add(.sample)` wrote or found, and whether it was new.
    public private(set) var lastSample: (id: Int64, added: Bool)?
    private var insertSample: FastInsert?
    private var insertJudgment: FastInsert?

    struct ExampleKey: Hashable {
        var dataset: String
        var user: String
        var assistant: String
    }

    init(db: Database) { self.db = db }

    /// Adds one record.
    public func add(_ record: StoreRecord) throws {
        switch record {
        case .example(let e): try addExample(e)
        case .run(let r): try addRun(r)
        case .question(let q): try addQuestion(q)
        case .sample(let s): try addSample(s)
        case .codebook(let c): try addCodebook(c)
        case .rating(let r): try addRating(r)
        }
    }

    private func addExample(_ e: ExampleRecord) throws {
        if examplesByContent == nil {
            var map: [ExampleKey: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, dataset, user, assistant FROM examples")
            while let row = try rows.next() {
                map[ExampleKey(dataset: row[1], user: row[2], assistant: row[3])] = row[0]
            }
            examplesByContent = map
        }
        let key = ExampleKey(dataset: e.dataset, user: e.user, assistant: e.assistant)
        if let id = examplesByContent?[key] {
            exampleIDs[e.id] = id
            summary.examples.present += 1
            return
        }
        try db.cachedStatement(sql: "INSERT INTO examples(dataset, user, assistant) VALUES (?, ?, ?)")
            .execute(arguments: [e.dataset, e.user, e.assistant])
        let id = db.lastInsertedRowID
        examplesByContent?[key] = id
        exampleIDs[e.id] = id
        summary.examples.added += 1
    }

    private func addRun(_ r: RunRecord) throws {
        guard !r.name.isEmpty else { throw RecordError("run has an empty \"name\"") }
        guard r.k >= 0 else { throw RecordError("run \"\(r.name)\": \"k\" must be 0 or more, not \(r.k)") }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM runs WHERE name = ?", arguments: [r.name]) {
            runIDs[r.name] = id
            summary.runs.present += 1
            return
        }
        let exampleRowIDs = try r.examples.map { ref -> Int64 in
            guard let id = exampleIDs[ref] else {
                throw RecordError("run \"\(r.name)\" names example \(ref), which no earlier example record defines")
            }
            return id
        }
        try db.execute(sql: """
            INSERT INTO runs(name, model, dataset, n_examples, reasoning, instruction, system_prompt, temperature, created_at, metadata)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [r.name, r.model, r.dataset, r.k, r.reasoning ? 1 : 0, r.instruction, r.systemPrompt,
                             r.temperature, r.createdAt, r.metadata?.jsonText])
        let runID = db.lastInsertedRowID
        runIDs[r.name] = runID
        for (position, exampleID) in exampleRowIDs.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO run_examples(run_id, position, example_id) VALUES (?, ?, ?)")
                .execute(arguments: [runID, position, exampleID])
        }
        summary.runs.added += 1
    }

    private func addQuestion(_ q: QuestionRecord) throws {
        guard !q.key.isEmpty else { throw RecordError("question has an empty \"key\"") }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM questions WHERE key = ?", arguments: [q.key]) {
            questionIDs[q.key] = id
            summary.questions.present += 1
            return
        }
        try db.execute(sql: "INSERT INTO questions(key, category, text) VALUES (?, ?, ?)",
                       arguments: [q.key, q.category, q.text])
        questionIDs[q.key] = db.lastInsertedRowID
        summary.questions.added += 1
    }

    private func runID(_ name: String, for what: String) throws -> Int64 {
        if let id = runIDs[name] { return id }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM runs WHERE name = ?", arguments: [name]) {
            runIDs[name] = id
            return id
        }
        throw RecordError("\(what) names run \"\(name)\", which is neither in the file before it nor in the store")
    }

    private func questionID(_ key: String, for what: String) throws -> Int64 {
        if let id = questionIDs[key] { return id }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM questions WHERE key = ?", arguments: [key]) {
            questionIDs[key] = id
            return id
        }
        throw RecordError("\(what) names question \"\(key)\", which is neither in the file before it nor in the store")
    }

    private func addSample(_ s: SampleRecord) throws {
        let run = try runID(s.run, for: "sample")
        let question = try questionID(s.question, for: "sample")
        if insertSample == nil {
            insertSample = try FastInsert(db, sql: """
                INSERT OR IGNORE INTO samples(run_id, question_id, sample_index, prompt, reasoning, answer, metadata)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        }
        let insert = insertSample!
        insert.reset()
        try insert.bind(1, run)
        try insert.bind(2, question)
        try insert.bind(3, s.sampleIndex)
        try insert.bind(4, s.prompt)
        try insert.bind(5, s.reasoning)
        try insert.bind(6, s.answer)
        try insert.bind(7, s.metadata?.jsonText)
        let sampleWasAdded = try insert.step()
        let sampleID: Int64
        if sampleWasAdded {
            sampleID = db.lastInsertedRowID
            summary.samples.added += 1
        } else {
            guard let id = try Int64.fetchOne(db.cachedStatement(
                sql: "SELECT id FROM samples WHERE run_id = ? AND question_id = ? AND sample_index = ?"),
                arguments: [run, question, s.sampleIndex]) else { throw RecordError("sample vanished during import") }
            sampleID = id
            summary.samples.present += 1
        }
        lastSample = (sampleID, sampleWasAdded)
        try addJudgments(s.judgments, toSample: sampleID)
    }

    /// Adds judgments to a sample written earlier in this import (an importer that learns some
    /// scores only at the end of its input). Existing (sample, judge, metric) rows are kept.
    public func addJudgments(_ judgments: [JudgmentRecord], toSample sampleID: Int64) throws {
        for j in judgments {
            if let score = j.score, !(score.isFinite) {
                throw RecordError("judgment by \"\(j.judge)\" on \"\(j.metric)\" has a score that is not a finite number")
            }
            if insertJudgment == nil {
                insertJudgment = try FastInsert(db, sql: """
                    INSERT OR IGNORE INTO judgments(sample_id, judge, metric, score, label, rationale) VALUES (?, ?, ?, ?, ?, ?)
                    """)
            }
            let insert = insertJudgment!
            insert.reset()
            try insert.bind(1, sampleID)
            try insert.bind(2, j.judge)
            try insert.bind(3, j.metric)
            try insert.bind(4, j.score)
            try insert.bind(5, j.label)
            try insert.bind(6, j.rationale)
            if try insert.step() {
                summary.judgments.added += 1
            } else {
                summary.judgments.present += 1
            }
        }
    }

    /// Sets the metadata of a sample this import added (never of one that was already present).
    public func setMetadata(_ metadata: JSONValue, ofAddedSample sampleID: Int64) throws {
        try db.cachedStatement(sql: "UPDATE samples SET metadata = ? WHERE id = ?").execute(arguments: [metadata.jsonText, sampleID])
    }

    private func addCodebook(_ c: Codebook) throws {
        let definition = try CodebookStore.definitionJSON(c)
        let id = try CodebookStore.upsert(db, codebook: c, definition: definition) { added in
            if added { summary.codebooks.added += 1 } else { summary.codebooks.present += 1 }
        }
        if codebookIDs["\(c.name)#\(c.version)"] == nil { codebookIDs["\(c.name)#\(c.version)"] = id }
        codebooksInFile[c.name, default: []].append(id)
    }

    private func addRating(_ r: RatingRecord) throws {
        let run = try runID(r.run, for: "rating")
        let question = try questionID(r.question, for: "rating")
        guard let sampleID = try Int64.fetchOne(db.cachedStatement(
            sql: "SELECT id FROM samples WHERE run_id = ? AND question_id = ? AND sample_index = ?"),
            arguments: [run, question, r.sampleIndex]) else {
            throw RecordError("rating names sample \(r.run) / \(r.question) / \(r.sampleIndex), which does not exist")
        }
        var codebookID: Int64?
        if let name = r.codebook {
            // `codebook_version` is the position among this file's codebook records of that name (what
            // export writes); failing that the `version` a record of the file declares; failing that
            // the version stored in the store; failing that the latest (docs/formats.md).
            let version = r.codebookVersion ?? 1
            if let ids = codebooksInFile[name], version >= 1, version <= ids.count {
                codebookID = ids[version - 1]
            } else if let id = codebookIDs["\(name)#\(version)"] {
                codebookID = id
            } else if let id = try Int64.fetchOne(db, sql: "SELECT id FROM codebooks WHERE name = ? AND version = ?",
                                                  arguments: [name, version]) {
                codebookID = id
            } else {
                codebookID = try Int64.fetchOne(db, sql: "SELECT id FROM codebooks WHERE name = ? ORDER BY version DESC LIMIT 1",
                                                arguments: [name])
            }
        }
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO ratings(sample_id, annotator, dimension, labels, codebook_id, blind, changed_after_reveal,
                                          seconds, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [sampleID, r.annotator, r.dimension, r.labels.sorted().joined(separator: "|"), codebookID,
                                     r.blind ? 1 : 0, r.changedAfterReveal ? 1 : 0, r.seconds, r.createdAt, r.updatedAt])
        if db.changesCount > 0 { summary.ratings.added += 1 } else { summary.ratings.present += 1 }
    }
}

extension Store {
    /// Runs `body` with a record writer inside one transaction: everything it adds lands, or
    /// nothing does. `file` names the input in error messages.
    public func importing(file: String, _ body: (RecordWriter) throws -> Void) throws(StoreError) -> ImportSummary {
        try write { db in
            let writer = RecordWriter(db: db)
            do {
                try body(writer)
            } catch let e as RecordError {
                throw StoreError(.badInput, file: file, problem: e.problem, remedy: "nothing from this file was imported")
            }
            return writer.summary
        }
    }
}
