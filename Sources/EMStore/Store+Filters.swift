import EMCore
import EMQuery
import GRDB

extension Store {
    /// Counts per model, dataset, k, reasoning, instruction and primary-judge verdict among the
    /// samples matching `filter`.
    public func facets(_ filter: SampleFilter, context: BrowseContext) throws(StoreError) -> [FacetValue] {
        try read { db in
            let args = StatementArguments(filter.arguments.map(\.databaseValue))
            let from = "FROM samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id WHERE \(filter.sql)"
            var out: [FacetValue] = []
            for (field, column) in [("model", "r.model"), ("dataset", "r.dataset"), ("k", "r.n_examples"),
                                    ("reasoning", "CASE WHEN r.reasoning != 0 THEN 'yes' ELSE 'no' END"),
                                    ("instruction", "r.instruction")] {
                for row in try Row.fetchAll(db, sql: "SELECT \(column) AS v, COUNT(*) AS n \(from) GROUP BY 1 ORDER BY 1",
                                            arguments: args) {
                    let v: DatabaseValue = row["v"]
                    out.append(FacetValue(field: field, value: v.isNull ? "" : "\(v.storage.value ?? "")", count: row["n"]))
                }
            }
            if let judge = context.primaryJudge {
                let verdict = VerdictSQL.verdict(judge: judge, rule: context.rule)
                var all = verdict.arguments
                all += filter.arguments
                for row in try Row.fetchAll(db, sql: "SELECT \(verdict.sql) AS v, COUNT(*) AS n \(from) GROUP BY 1",
                                            arguments: StatementArguments(all.map(\.databaseValue))) {
                    out.append(FacetValue(field: "verdict", value: row["v"] ?? "unjudged", count: row["n"]))
                }
            }
            return out
        }
    }

    /// The most recent distinct filters, newest first.
    public func filterHistory(limit: Int = 50) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT query FROM filter_history GROUP BY query ORDER BY MAX(id) DESC LIMIT ?
                """, arguments: [limit])
        }
    }

    /// Remembers a filter the user applied (kept per store). Silently skipped on a read-only store.
    public func recordFilter(_ query: String) throws(StoreError) {
        guard !isReadOnly else { return }
        try write { db in
            try db.execute(sql: "INSERT INTO filter_history(query, used_at) VALUES (?, ?)", arguments: [query, Timestamps.now()])
        }
    }

    /// Saves (or replaces) a named filter.
    public func saveFilter(name: String, query: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO saved_filters(name, query, created_at) VALUES (?, ?, ?)",
                           arguments: [name, query, Timestamps.now()])
        }
    }

    /// The saved filters, by name.
    public func savedFilters() throws(StoreError) -> [SavedFilter] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, query FROM saved_filters ORDER BY name").map {
                SavedFilter(name: $0["name"], query: $0["query"])
            }
        }
    }
}
