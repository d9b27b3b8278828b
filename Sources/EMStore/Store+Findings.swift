import EMCore
import EMQuery
import GRDB

extension Store {
    /// The SQL column of a condition field over `runs r`.
    static func conditionColumn(_ field: GroupField) -> String {
        switch field {
        case .model: return "r.model"
        case .dataset: return "r.dataset"
        case .k: return "r.n_examples"
        case .reasoning: return "(r.reasoning != 0)"
        case .instruction: return "coalesce(r.instruction, 'none')"
        }
    }

    /// Verdict counts per condition among the samples matching `filter`, grouped by `fields` (a field
    /// not listed is pooled and nil in the keys). The verdict is the primary judge's
    /// (`context.primaryJudge`; without one every sample is `unjudged`) under `context.rule`, computed in
    /// SQL by `VerdictSQL` — the same expression as the list's verdict column, the facets and the filters.
    ///
    /// One statement, one pass: `GROUP BY` the fields and the verdict. Conditions come back sorted by key.
    public func conditionCounts(by fields: [GroupField], filter: SampleFilter = .alwaysTrue,
                                context: BrowseContext) throws(StoreError) -> [ConditionCounts] {
        let fields = Array(Set(fields)).sorted()
        var arguments: [DatabaseValue] = []
        let verdictSQL: String
        if let judge = context.primaryJudge {
            let verdict = VerdictSQL.verdict(judge: judge, rule: context.rule)
            verdictSQL = verdict.sql
            arguments += verdict.arguments.map(\.databaseValue)
        } else {
            verdictSQL = "'unjudged'"
        }
        arguments += filter.arguments.map(\.databaseValue)
        let columns = fields.map(Self.conditionColumn)
        let select = (columns + [verdictSQL]).enumerated().map { "\($1) AS c\($0)" }.joined(separator: ", ")
        let groupBy = (1...(columns.count + 1)).map(String.init).joined(separator: ", ")
        let sql = """
            SELECT \(select), COUNT(*) AS n
            FROM samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id
            WHERE \(filter.sql)
            GROUP BY \(groupBy)
            """
        return try read { db in
            var byKey: [ConditionKey: VerdictCounts] = [:]
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try cursor.next() {
                var key = ConditionKey()
                for (i, field) in fields.enumerated() {
                    switch field {
                    case .model: key.model = row[i] ?? ""
                    case .dataset: key.dataset = row[i] ?? ""
                    case .k: key.k = row[i] ?? 0
                    case .reasoning: key.reasoning = (row[i] as Int64? ?? 0) != 0
                    case .instruction: key.instruction = row[i] ?? "none"
                    }
                }
                let verdictText: String = row[fields.count] ?? "unjudged"
                let count: Int = row[fields.count + 1]
                byKey[key, default: VerdictCounts()][Verdict(rawValue: verdictText) ?? .unjudged] += count
            }
            return byKey.map { ConditionCounts(key: $0.key, counts: $0.value) }.sorted { $0.key < $1.key }
        }
    }

    /// The samples matching `filter` that the primary judge calls `verdict` (default: misaligned), each
    /// with its full condition, in id order. Empty without a primary judge.
    public func samplesWithVerdict(_ verdict: Verdict = .misaligned, filter: SampleFilter = .alwaysTrue,
                                   context: BrowseContext) throws(StoreError) -> [SampleCondition] {
        guard let judge = context.primaryJudge else { return [] }
        let expression = VerdictSQL.verdict(judge: judge, rule: context.rule)
        var arguments = expression.arguments.map(\.databaseValue)
        arguments.append(verdict.rawValue.databaseValue)
        arguments += filter.arguments.map(\.databaseValue)
        let sql = """
            SELECT s.id, r.model, r.dataset, r.n_examples, r.reasoning, coalesce(r.instruction, 'none')
            FROM samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id
            WHERE \(expression.sql) = ? AND (\(filter.sql))
            ORDER BY s.id
            """
        return try read { db in
            var out: [SampleCondition] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try cursor.next() {
                out.append(SampleCondition(sampleID: row[0], key: ConditionKey(
                    model: row[1] ?? "", dataset: row[2] ?? "", k: row[3] ?? 0,
                    reasoning: (row[4] as Int64? ?? 0) != 0, instruction: row[5] ?? "none")))
            }
            return out
        }
    }
}
