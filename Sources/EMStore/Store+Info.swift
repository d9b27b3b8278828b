import EMCore
import GRDB

/// What `emscope info` reports: counts, schema version and the conditions present.
public struct StoreInfo: Equatable, Sendable, Codable {
    public var runs: Int
    public var samples: Int
    public var judgments: Int
    public var questions: Int
    public var examples: Int
    public var ratings: Int
    public var schemaVersion: Int
    public var models: [String]
    public var datasets: [String]
    public var nExamples: [Int]
    /// Reasoning settings present: `false` (no chain of thought) and/or `true`.
    public var reasoning: [Bool]
    public var instructions: [String]
    public var judges: [String]
    public var metrics: [String]
    public var annotators: [String]
    public var readOnly: Bool

    enum CodingKeys: String, CodingKey {
        case runs, samples, judgments, questions, examples, ratings
        case schemaVersion = "schema_version"
        case models, datasets
        case nExamples = "n_examples"
        case reasoning, instructions, judges, metrics, annotators
        case readOnly = "read_only"
    }
}

extension Store {
    /// Counts and conditions of the whole store.
    public func info() throws(StoreError) -> StoreInfo {
        try read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            return StoreInfo(
                runs: try count("runs"), samples: try count("samples"), judgments: try count("judgments"),
                questions: try count("questions"), examples: try count("examples"), ratings: try count("ratings"),
                schemaVersion: try schemaVersion(db),
                models: try String.fetchAll(db, sql: "SELECT DISTINCT model FROM runs ORDER BY model"),
                datasets: try String.fetchAll(db, sql: "SELECT DISTINCT dataset FROM runs ORDER BY dataset"),
                nExamples: try Int.fetchAll(db, sql: "SELECT DISTINCT n_examples FROM runs ORDER BY n_examples"),
                reasoning: try Int.fetchAll(db, sql: "SELECT DISTINCT reasoning != 0 FROM runs ORDER BY 1").map { $0 != 0 },
                instructions: try String.fetchAll(db, sql: "SELECT DISTINCT instruction FROM runs ORDER BY instruction"),
                judges: try judges(db),
                metrics: try String.fetchAll(db, sql: "SELECT DISTINCT metric FROM judgments ORDER BY metric"),
                annotators: try String.fetchAll(db, sql: "SELECT DISTINCT annotator FROM ratings ORDER BY annotator"),
                readOnly: isReadOnly)
        }
    }

    /// Judge names, sorted; the first is the primary judge unless the user picks another.
    public func judges() throws(StoreError) -> [String] {
        try read { db in try judges(db) }
    }

    func judges(_ db: Database) throws -> [String] {
        // A skip scan over the (judge, metric, score) index: one seek per judge, instead of
        // DISTINCT reading every index entry (hundreds of ms at millions of judgments).
        try String.fetchAll(db, sql: """
            WITH RECURSIVE j(name) AS (
                SELECT MIN(judge) FROM judgments
                UNION ALL
                SELECT (SELECT MIN(judge) FROM judgments WHERE judge > j.name) FROM j WHERE j.name IS NOT NULL
            )
            SELECT name FROM j WHERE name IS NOT NULL
            """)
    }

    func schemaVersion(_ db: Database) throws -> Int {
        guard try db.tableExists("emscope_meta") else { return 0 }
        return Int(try String.fetchOne(db, sql: "SELECT value FROM emscope_meta WHERE key = 'schema_version'") ?? "0") ?? 0
    }
}
