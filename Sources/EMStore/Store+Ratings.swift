import EMCore
import EMQuery
import Foundation
import GRDB

/// One stored rating as the agreement statistics read it: who rated which sample on a dimension, and
/// the set of labels they applied. An empty `labels` is a rating too ("reviewed — none apply"); a
/// sample the annotator never rated has no row at all.
public struct RatingRowRecord: Equatable, Hashable, Sendable {
    /// The rated sample (`samples.id`).
    public var sampleID: Int64
    /// The annotator's name.
    public var annotator: String
    /// The label keys, sorted; empty for "reviewed — none apply".
    public var labels: [String]
    /// True when the rating was made blind (judge scores and other ratings hidden).
    public var blind: Bool

    public init(sampleID: Int64, annotator: String, labels: [String], blind: Bool) {
        self.sampleID = sampleID
        self.annotator = annotator
        self.labels = labels
        self.blind = blind
    }

    /// The sample id as text: the item key of the agreement statistics.
    public var item: String { String(sampleID) }
}

/// A labelling dimension as the store knows it: from the latest version of a codebook, from the
/// ratings, or both.
public struct RatingDimension: Equatable, Hashable, Sendable {
    /// The dimension key, e.g. `patterns`.
    public var name: String
    /// `multi`, `single` or `ordinal` as declared by a codebook; nil when no stored codebook declares it.
    public var kind: CodebookDimension.Kind?
    /// The declared label keys in codebook order (lowest to highest for `ordinal`); empty when undeclared.
    public var labels: [String]
    /// The codebook that declares it (its latest stored version), if any.
    public var codebook: String?

    public init(name: String, kind: CodebookDimension.Kind?, labels: [String], codebook: String? = nil) {
        self.name = name
        self.kind = kind
        self.labels = labels
        self.codebook = codebook
    }
}

extension Store {
    /// The ratings of one dimension, in (sample, annotator) order.
    ///
    /// - `annotators`: only these annotators (nil: everyone).
    /// - `filter`: only samples matching this compiled query (`.alwaysTrue`: every sample).
    /// - `blindOnly`: only ratings made blind.
    public func ratingRows(dimension: String, annotators: [String]? = nil, filter: SampleFilter = .alwaysTrue,
                           blindOnly: Bool = false) throws(StoreError) -> [RatingRowRecord] {
        // A full scan: there is no index on the dimension, and scanning beats visiting the table through
        // the (sample_id, annotator, dimension) index row by row.
        var sql = "SELECT sample_id, annotator, labels, blind FROM ratings NOT INDEXED WHERE dimension = ?"
        var arguments: [DatabaseValue] = [dimension.databaseValue]
        if let annotators {
            if annotators.isEmpty { return [] }
            sql += " AND annotator IN (" + Array(repeating: "?", count: annotators.count).joined(separator: ", ") + ")"
            arguments += annotators.map(\.databaseValue)
        }
        if blindOnly { sql += " AND blind != 0" }
        if filter.sql != SampleFilter.alwaysTrue.sql {
            sql += " AND sample_id IN (" + Self.filteredSampleIDsSQL(filter) + ")"
            arguments += filter.arguments.map(\.databaseValue)
        }
        sql += " ORDER BY sample_id, annotator"
        return try read { db in
            var rows: [RatingRowRecord] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try cursor.next() {
                let joined: String = row[2] ?? ""
                let labels: [String]
                if joined.isEmpty {
                    labels = []
                } else if !joined.utf8.contains(UInt8(ascii: "|")) {
                    labels = [joined]
                } else {
                    labels = joined.utf8.split(separator: UInt8(ascii: "|"))
                        .map { String(decoding: $0, as: UTF8.self) }.sorted()
                }
                rows.append(RatingRowRecord(sampleID: row[0], annotator: row[1], labels: labels,
                                            blind: (row[3] as Int64? ?? 0) != 0))
            }
            return rows
        }
    }

    /// The dimensions of the latest version of every stored codebook (in declared order; when two
    /// codebooks declare the same key, the one imported last wins), then the dimensions that only
    /// appear in ratings, sorted by name. A codebook whose definition cannot be read is skipped.
    public func dimensions() throws(StoreError) -> [RatingDimension] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, name, version, definition FROM codebooks ORDER BY id DESC")
            var latest: [String: (version: Int, definition: String)] = [:]
            var order: [String] = []   // codebook names, most recently imported first
            for row in rows {
                let name: String = row["name"]
                let version: Int = row["version"]
                if latest[name] == nil { order.append(name) }
                if let known = latest[name], known.version >= version { continue }
                latest[name] = (version, row["definition"])
            }
            var result: [RatingDimension] = []
            var seen = Set<String>()
            let decoder = JSONDecoder()
            for name in order {
                guard let definition = latest[name]?.definition,
                      let codebook = try? decoder.decode(Codebook.self, from: Data(definition.utf8)) else { continue }
                for dimension in codebook.dimensions where seen.insert(dimension.key).inserted {
                    result.append(RatingDimension(name: dimension.key, kind: dimension.kind,
                                                  labels: dimension.labels.map(\.key), codebook: codebook.name))
                }
            }
            let rated = try String.fetchAll(db, sql: "SELECT DISTINCT dimension FROM ratings ORDER BY dimension")
            for name in rated where seen.insert(name).inserted {
                result.append(RatingDimension(name: name, kind: nil, labels: []))
            }
            return result
        }
    }

    /// The annotators who have rated anything, sorted.
    public func ratingAnnotators() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT annotator FROM ratings ORDER BY annotator") }
    }

    /// One judge's `aligned` and `coherent` scores and labels per sample, for the verdict rule.
    /// Samples the judge has neither metric for are absent (their verdict is `unjudged`).
    /// `filter` restricts the samples (`.alwaysTrue`: every sample).
    public func judgeScores(judge: String, filter: SampleFilter = .alwaysTrue) throws(StoreError) -> [Int64: JudgeScores] {
        var sql = """
            SELECT sample_id, metric, score, label FROM judgments
            WHERE judge = ? AND metric IN ('aligned', 'coherent')
            """
        var arguments: [DatabaseValue] = [judge.databaseValue]
        if filter.sql != SampleFilter.alwaysTrue.sql {
            sql += " AND sample_id IN (" + Self.filteredSampleIDsSQL(filter) + ")"
            arguments += filter.arguments.map(\.databaseValue)
        }
        return try read { db in
            var scores: [Int64: JudgeScores] = [:]
            try Self.collectScores(db, sql: sql, arguments: arguments, into: &scores)
            return scores
        }
    }

    /// One judge's scores of the given samples only (see `judgeScores(judge:filter:)`): the cost follows
    /// the number of samples asked for, not the size of the store.
    public func judgeScores(judge: String, sampleIDs: [Int64]) throws(StoreError) -> [Int64: JudgeScores] {
        try judgeScores(judges: [judge], sampleIDs: sampleIDs)[judge] ?? [:]
    }

    /// Several judges' scores of the given samples, by judge (a judge without any of them maps to `[:]`).
    /// One pass over the samples' judgments, in sample order: each sample's judgments sit together.
    public func judgeScores(judges: [String], sampleIDs: [Int64]) throws(StoreError) -> [String: [Int64: JudgeScores]] {
        let ids = Array(Set(sampleIDs)).sorted()
        let wanted = Set(judges)
        return try read { db in
            var scores: [String: [Int64: JudgeScores]] = [:]
            for judge in wanted { scores[judge] = [:] }
            var start = 0
            while start < ids.count {
                let chunk = ids[start..<min(start + 500, ids.count)]
                start += chunk.count
                let sql = """
                    SELECT sample_id, judge, metric, score, label FROM judgments
                    WHERE sample_id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))
                    """
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(chunk.map(\.databaseValue)))
                while let row = try cursor.next() {
                    let judge: String = row[1]
                    guard wanted.contains(judge) else { continue }
                    let metric: String = row[2]
                    guard metric == "aligned" || metric == "coherent" else { continue }
                    let id: Int64 = row[0]
                    var entry = scores[judge]?[id] ?? JudgeScores()
                    if metric == "aligned" {
                        entry.aligned = row[3]
                        entry.alignedLabel = row[4]
                    } else {
                        entry.coherent = row[3]
                        entry.coherentLabel = row[4]
                    }
                    scores[judge]?[id] = entry
                }
            }
            return scores
        }
    }

    static func collectScores(_ db: Database, sql: String, arguments: [DatabaseValue],
                              into scores: inout [Int64: JudgeScores]) throws {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            let metric: String = row[1]
            let score: Double? = row[2]
            let label: String? = row[3]
            var entry = scores[id] ?? JudgeScores()
            if metric == "aligned" {
                entry.aligned = score
                entry.alignedLabel = label
            } else {
                entry.coherent = score
                entry.coherentLabel = label
            }
            scores[id] = entry
        }
    }

    /// The ids of the samples that match a compiled query (one `?` per filter argument, in order).
    static func filteredSampleIDsSQL(_ filter: SampleFilter) -> String {
        """
        SELECT s.id FROM samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id \
        WHERE \(filter.sql)
        """
    }
}
