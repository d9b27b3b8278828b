import EMCore
import GRDB

extension Store {
    /// The samples that answer the same question with the same sample index as `sampleID` under the
    /// conditions along `axis` (see `CompareAxis`), in order of k or model; at most `limit`.
    public func compareDetails(of sampleID: Int64, axis: CompareAxis, context: BrowseContext,
                               limit: Int = 12) throws(StoreError) -> [SampleDetail] {
        let ids: [Int64] = try read { db in
            guard let s = try Row.fetchOne(db, sql: """
                SELECT s.question_id, s.sample_index, r.model, r.dataset, r.n_examples, r.reasoning, r.instruction
                FROM samples s JOIN runs r ON r.id = s.run_id WHERE s.id = ?
                """, arguments: [sampleID]) else { return [] }
            let common: StatementArguments = [s["question_id"] as Int64, s["sample_index"] as Int,
                                              s["reasoning"] as Int? ?? 0, s["instruction"] as String? ?? "none"]
            let base = """
                SELECT s.id FROM samples s JOIN runs r ON r.id = s.run_id
                WHERE s.question_id = ? AND s.sample_index = ? AND r.reasoning = ? AND r.instruction = ?
                """
            switch axis {
            case .k:
                return try Int64.fetchAll(db, sql: base + """
                     AND r.model = ? AND (r.dataset = ? OR r.n_examples = 0)
                    ORDER BY r.n_examples, r.dataset, s.id LIMIT ?
                    """, arguments: common + [s["model"] as String, s["dataset"] as String, limit])
            case .model:
                return try Int64.fetchAll(db, sql: base + """
                     AND r.dataset = ? AND r.n_examples = ?
                    ORDER BY r.model, s.id LIMIT ?
                    """, arguments: common + [s["dataset"] as String, s["n_examples"] as Int, limit])
            }
        }
        var details: [SampleDetail] = []
        for id in ids {
            if let d = try sampleDetail(id: id, context: context) { details.append(d) }
        }
        return details
    }

    /// The sample of the same run and sample index for the next (or previous) question, in question
    /// order; nil at the end.
    public func neighbourQuestion(of sampleID: Int64, forward: Bool) throws(StoreError) -> Int64? {
        try read { db in
            try Int64.fetchOne(db, sql: """
                SELECT n.id FROM samples s JOIN samples n ON n.run_id = s.run_id AND n.sample_index = s.sample_index
                WHERE s.id = ? AND n.question_id \(forward ? ">" : "<") s.question_id
                ORDER BY n.question_id \(forward ? "ASC" : "DESC") LIMIT 1
                """, arguments: [sampleID])
        }
    }
}
