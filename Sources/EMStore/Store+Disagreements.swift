import EMCore
import EMQuery
import GRDB

extension Store {
    /// Up to `limit` samples matching `filter` that someone rated, in id order.
    public func ratedSampleIDs(_ filter: SampleFilter, limit: Int) throws(StoreError) -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: """
                SELECT s.id FROM samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id
                WHERE s.id IN (SELECT DISTINCT sample_id FROM ratings) AND (\(filter.sql))
                ORDER BY s.id LIMIT ?
                """, arguments: StatementArguments(filter.arguments.map(\.databaseValue) + [limit.databaseValue]))
        }
    }

    /// Up to `limit` samples matching `filter`, in id order.
    public func sampleIDs(_ filter: SampleFilter, limit: Int) throws(StoreError) -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: """
                SELECT s.id FROM samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id
                WHERE \(filter.sql) ORDER BY s.id LIMIT ?
                """, arguments: StatementArguments(filter.arguments.map(\.databaseValue) + [limit.databaseValue]))
        }
    }

    /// Every rating of the given samples, by sample (all annotators).
    public func ratings(sampleIDs: [Int64]) throws(StoreError) -> [Int64: [DimensionRating]] {
        let ids = Array(Set(sampleIDs)).sorted()
        return try read { db in
            var out: [Int64: [DimensionRating]] = [:]
            var start = 0
            while start < ids.count {
                let chunk = ids[start..<min(start + 500, ids.count)]
                start += chunk.count
                let rows = try Row.fetchAll(db, sql: """
                    SELECT sample_id, annotator, dimension, labels FROM ratings
                    WHERE sample_id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))
                    ORDER BY sample_id, annotator, dimension
                    """, arguments: StatementArguments(chunk.map(\.databaseValue)))
                for row in rows {
                    out[row[0], default: []].append(DimensionRating(annotator: row[1], dimension: row[2],
                                                                    labels: Self.splitLabels(row[3])))
                }
            }
            return out
        }
    }

    /// The list rows of the given samples, in id order.
    public func sampleRows(ids: [Int64], context: BrowseContext) throws(StoreError) -> [SampleRow] {
        var rows: [SampleRow] = []
        let sorted = Array(Set(ids)).sorted()
        var start = 0
        while start < sorted.count {
            let chunk = Array(sorted[start..<min(start + 500, sorted.count)])
            start += chunk.count
            let filter = SampleFilter(sql: "s.id IN (" + Array(repeating: "?", count: chunk.count).joined(separator: ",") + ")",
                                      arguments: chunk.map { .integer($0) })
            rows += try samplePage(filter, order: .id, offset: 0, limit: chunk.count, context: context)
        }
        return rows
    }
}
