import EMCore
import EMQuery
import GRDB

/// A WHERE fragment over `samples s JOIN runs r JOIN questions q`, compiled from a query by
/// `EMQuery`; user text only ever travels in its arguments.
public typealias SampleFilter = SQLFragment

extension SQLArgument {
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let s): return s.databaseValue
        case .integer(let i): return i.databaseValue
        case .real(let d): return d.databaseValue
        case .null: return .null
        }
    }
}

extension SortKey {
    /// ORDER BY terms as (expression, ascending); ties broken by id so pages never overlap.
    /// Missing scores sort last in either direction.
    /// `id` is the expression for the sample id (`s.id`, or `sample_fts.rowid` when the search index
    /// drives the query, so FTS5 delivers rows already in order).
    func terms(descending: Bool, id: String = "s.id", seed: Int = 0) -> [(String, Bool)] {
        let asc = !descending
        switch self {
        case .shuffled:
            // A fixed permutation of ids per seed: multiply by a large odd constant modulo a prime.
            // The seed is an integer from the command line, never text.
            let s = ((seed % 1_000_003) + 1_000_003) % 1_000_003
            return [("(((\(id) + \(s)) * 2654435761) % 4294967291)", asc), (id, asc)]
        case .id: return [(id, asc)]
        case .model: return [("r.model", asc), (id, asc)]
        case .dataset: return [("r.dataset", asc), (id, asc)]
        case .k: return [("r.n_examples", asc), (id, asc)]
        case .question: return [("q.key", asc), ("s.sample_index", asc), (id, asc)]
        case .aligned: return [("a_score IS NULL", true), ("a_score", asc), (id, asc)]
        case .coherent: return [("c_score IS NULL", true), ("c_score", asc), (id, asc)]
        }
    }

    /// The ORDER BY clause, or its exact reverse (used to read the end of a long list from its end).
    func sql(descending: Bool, reversed: Bool = false, id: String = "s.id", seed: Int = 0) -> String {
        terms(descending: descending, id: id, seed: seed).map { expr, asc in "\(expr) \(asc != reversed ? "ASC" : "DESC")" }
            .joined(separator: ", ")
    }
}

/// The settings that shape what the list shows: which judge is primary, the thresholds, who is looking.
public struct BrowseContext: Sendable, Equatable {
    public var primaryJudge: String?
    public var rule: VerdictRule
    public var annotator: String?
    /// The seed of the `shuffled` order.
    public var shuffleSeed: Int

    public init(primaryJudge: String?, rule: VerdictRule = .standard, annotator: String? = nil, shuffleSeed: Int = 0) {
        self.primaryJudge = primaryJudge
        self.rule = rule
        self.annotator = annotator
        self.shuffleSeed = shuffleSeed
    }
}

extension Store {
    /// The number of samples matching a filter.
    public func sampleCount(_ filter: SampleFilter = .alwaysTrue) throws(StoreError) -> Int {
        try read { db in try Self.countSamples(db, filter) }
    }

    static func countSamples(_ db: Database, _ filter: SampleFilter) throws -> Int {
        if filter.sql == "1" { return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM samples") ?? 0 }
        let source = SampleSource(filter, inIDOrder: false)
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(source.from) WHERE \(source.condition)",
                                arguments: StatementArguments(source.arguments.map(\.databaseValue))) ?? 0
    }

    /// The FROM and WHERE of a query over the samples a filter selects.
    ///
    /// A filter with a scan plan (see `ScanPlan`) runs as its plan. With a text match it starts from
    /// the index: `sample_fts CROSS JOIN samples s ON s.id = sample_fts.rowid …` with
    /// `sample_fts MATCH ? AND (rest)`. FTS5 hands out matches in rowid order, so a page in id order
    /// (`ORDER BY sample_fts.rowid`) stops after its last row instead of collecting every match of a
    /// common word first. Other filters read `samples s` joined to `runs r` and `questions q`;
    /// `inIDOrder` makes that `samples s NOT INDEXED CROSS JOIN …`, so SQLite walks samples in id
    /// order and stops after the page, instead of starting from `runs` or from an index on
    /// `run_id` (which the plan's `s.run_id IN (…)` would invite) and sorting every match.
    struct SampleSource {
        var from: String
        var condition: String
        var arguments: [SQLArgument]
        /// The expression to order by for the list's id order.
        var idColumn: String

        init(_ filter: SampleFilter, inIDOrder: Bool) {
            let rest = filter.plan.map { ($0.restSQL, $0.restArguments) } ?? (filter.sql, filter.arguments)
            if let match = filter.plan?.match {
                from = "sample_fts CROSS JOIN samples s ON s.id = sample_fts.rowid"
                    + " CROSS JOIN runs r ON r.id = s.run_id CROSS JOIN questions q ON q.id = s.question_id"
                condition = "sample_fts MATCH ? AND (\(rest.0))"
                arguments = [.text(match)] + rest.1
                idColumn = "sample_fts.rowid"
            } else {
                from = inIDOrder
                    ? "samples s NOT INDEXED CROSS JOIN runs r ON r.id = s.run_id CROSS JOIN questions q ON q.id = s.question_id"
                    : "samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id"
                condition = rest.0
                arguments = rest.1
                idColumn = "s.id"
            }
        }
    }

    /// One window of the list: `limit` rows from position `offset` in the given order.
    ///
    /// When `total` is known and the window lies in the second half of the list, the rows are read
    /// from the end in reverse order (OFFSET then skips fewer rows), and returned in list order.
    /// In id order, samples are scanned in id order, or the search index is walked in rowid order
    /// when the filter has a search driver (see `SampleSource`), so the first page costs a page.
    public func samplePage(_ filter: SampleFilter = .alwaysTrue, order: SortKey = .id, descending: Bool = false,
                           offset: Int, limit: Int, total: Int? = nil, context: BrowseContext) throws(StoreError) -> [SampleRow] {
        let query = Self.pageQuery(filter, order: order, descending: descending, offset: offset, limit: limit,
                                   total: total, context: context)
        return try read { db in
            let rows = try Row.fetchAll(db, sql: query.sql,
                                        arguments: StatementArguments(query.arguments.map(\.databaseValue))).map { row in
                let judged: Bool = row["judged"]
                let scores: JudgeScores? = judged ? JudgeScores(aligned: row["a_score"], alignedLabel: row["a_label"],
                                                                coherent: row["c_score"], coherentLabel: row["c_label"]) : nil
                let labelState: LabelState
                if row["adjudicated"] as Bool { labelState = .adjudicated }
                else if (row["conflicts"] as Int) > 0 { labelState = .conflict }
                else if row["mine"] as Bool { labelState = .mine }
                else if (row["raters"] as Int) > 0 { labelState = .others }
                else { labelState = .unrated }
                return SampleRow(id: row[0], run: row[1], model: row[2], dataset: row[3], k: row[4],
                                 reasoning: (row[5] as Int? ?? 0) != 0, instruction: row[6] ?? "none", question: row[7],
                                 sampleIndex: row[8], primary: scores, verdict: context.rule.verdict(scores),
                                 labelState: labelState, ratedByMe: row["mine"])
            }
            return query.reversed ? rows.reversed() : rows
        }
    }

    /// The statement `samplePage` runs for these arguments: SQL with numbered placeholders `?1` …
    /// and the values bound to them in order (for `emscope bench --sql`, which prints it for the
    /// sqlite3 shell). `reversed` says the rows come back in reverse list order.
    public static func pageQuery(_ filter: SampleFilter = .alwaysTrue, order: SortKey = .id, descending: Bool = false,
                                 offset: Int, limit: Int, total: Int? = nil,
                                 context: BrowseContext) -> (sql: String, arguments: [SQLArgument], reversed: Bool) {
        let judge = context.primaryJudge ?? ""
        let me = context.annotator ?? ""
        var offset = offset, limit = limit
        var reversed = false
        if let total, offset > total / 2 {
            let end = min(total, offset + limit)
            reversed = true
            limit = max(0, end - offset)
            offset = total - end
        }
        let source = SampleSource(filter, inIDOrder: order == .id)
        let orderSQL = order.sql(descending: descending, reversed: reversed, id: source.idColumn, seed: context.shuffleSeed)
        let sql = """
            SELECT s.id, r.name, r.model, r.dataset, r.n_examples, r.reasoning, r.instruction, q.key, s.sample_index,
              (SELECT score FROM judgments WHERE sample_id = s.id AND judge = ?1 AND metric = 'aligned') AS a_score,
              (SELECT label FROM judgments WHERE sample_id = s.id AND judge = ?1 AND metric = 'aligned') AS a_label,
              (SELECT score FROM judgments WHERE sample_id = s.id AND judge = ?1 AND metric = 'coherent') AS c_score,
              (SELECT label FROM judgments WHERE sample_id = s.id AND judge = ?1 AND metric = 'coherent') AS c_label,
              EXISTS (SELECT 1 FROM judgments WHERE sample_id = s.id AND judge = ?1) AS judged,
              (SELECT COUNT(DISTINCT annotator) FROM ratings WHERE sample_id = s.id) AS raters,
              EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id AND annotator = ?2) AS mine,
              (SELECT COUNT(DISTINCT dimension || ':' || labels) - COUNT(DISTINCT dimension) FROM ratings WHERE sample_id = s.id) AS conflicts,
              EXISTS (SELECT 1 FROM adjudications WHERE sample_id = s.id) AS adjudicated
            FROM \(source.from)
            WHERE \(source.condition)
            ORDER BY \(orderSQL)
            LIMIT ?3 OFFSET ?4
            """
        let args: [SQLArgument] = [.text(judge), .text(me), .integer(Int64(limit)), .integer(Int64(offset))] + source.arguments
        return (renumber(sql, fixed: 4), args, reversed)
    }

    /// The `detail` lines of `EXPLAIN QUERY PLAN` for a statement (tests check plan shapes with it).
    func queryPlan(_ sql: String, _ arguments: [SQLArgument]) throws(StoreError) -> [String] {
        try read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql,
                             arguments: StatementArguments(arguments.map(\.databaseValue))).map { $0["detail"] as String }
        }
    }

    /// Everything the detail sections show for one sample; nil when it no longer exists.
    public func sampleDetail(id: Int64, context: BrowseContext) throws(StoreError) -> SampleDetail? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT s.id, s.sample_index, s.prompt, s.reasoning, s.answer,
                       r.id AS run_id, r.name, r.model, r.dataset, r.n_examples, r.reasoning AS cot, r.instruction,
                       r.system_prompt, r.temperature, q.key, q.category, q.text,
                       (SELECT COUNT(*) FROM run_examples WHERE run_id = r.id) AS n_stored
                FROM samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id
                WHERE s.id = ?
                """, arguments: [id]) else { return nil }
            let run = RunInfo(id: row["run_id"], name: row["name"], model: row["model"], dataset: row["dataset"],
                              k: row["n_examples"], reasoning: (row["cot"] as Int? ?? 0) != 0,
                              instruction: row["instruction"] ?? "none", systemPrompt: row["system_prompt"],
                              temperature: row["temperature"])
            let question = QuestionRecord(key: row["key"], category: row["category"], text: row["text"] ?? "")
            var byJudge: [String: [Row]] = [:]
            for j in try Row.fetchAll(db, sql: """
                SELECT judge, metric, score, label, rationale FROM judgments WHERE sample_id = ? ORDER BY judge, metric
                """, arguments: [id]) {
                byJudge[j["judge"], default: []].append(j)
            }
            var judges: [JudgeResult] = byJudge.keys.sorted().map { judge in
                let rows = byJudge[judge] ?? []
                func metric(_ name: String) -> Row? { rows.first { ($0["metric"] as String) == name } }
                let scores = JudgeScores(aligned: metric("aligned")?["score"], alignedLabel: metric("aligned")?["label"],
                                         coherent: metric("coherent")?["score"], coherentLabel: metric("coherent")?["label"])
                let rationales = rows.compactMap { r -> MetricNote? in
                    guard let text: String = r["rationale"], !text.isEmpty else { return nil }
                    return MetricNote(metric: r["metric"], score: r["score"], text: text)
                }
                let others = rows.filter { !["aligned", "coherent"].contains($0["metric"] as String) }.map {
                    MetricNote(metric: $0["metric"], score: $0["score"], text: $0["label"])
                }
                return JudgeResult(judge: judge, scores: scores, verdict: context.rule.verdict(scores),
                                   rationales: rationales, otherMetrics: others)
            }
            if let primary = context.primaryJudge, let i = judges.firstIndex(where: { $0.judge == primary }) {
                judges.insert(judges.remove(at: i), at: 0)
            }
            return SampleDetail(id: row["id"], run: run, question: question, sampleIndex: row["sample_index"],
                                prompt: row["prompt"], reasoning: row["reasoning"], answer: row["answer"] ?? "",
                                exampleCount: row["n_stored"], judges: judges)
        }
    }

    /// A run's in-context examples in prompt order.
    public func runExamples(runID: Int64) throws(StoreError) -> [ExampleRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.id, e.dataset, e.user, e.assistant FROM run_examples x JOIN examples e ON e.id = x.example_id
                WHERE x.run_id = ? ORDER BY x.position
                """, arguments: [runID]).map {
                ExampleRecord(id: $0["id"], dataset: $0["dataset"], user: $0["user"] ?? "", assistant: $0["assistant"] ?? "")
            }
        }
    }

    /// Every question's text by key (an importer compares a sample's question with the stored one).
    public func questionTexts() throws(StoreError) -> [String: String] {
        try read { db in
            var texts: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT key, text FROM questions")
            while let row = try rows.next() {
                if let key: String = row[0] { texts[key] = row[1] ?? "" }
            }
            return texts
        }
    }

    /// Shifts `?N` placeholders of a filter fragment past the statement's own numbered ones.
    /// Filter fragments use plain `?`; they are numbered after the `fixed` leading arguments.
    static func renumber(_ sql: String, fixed: Int) -> String {
        var out = ""
        var n = fixed
        var inString = false
        var chars = sql.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if c == "'" { inString.toggle(); out.append(c); continue }
            if c == "?" && !inString {
                let next = chars.next()
                if let next, next.isNumber {
                    out.append(c)
                    out.append(next)
                } else {
                    n += 1
                    out += "?\(n)"
                    pending = next
                }
                continue
            }
            out.append(c)
        }
        return out
    }
}

extension Store {
    /// The sample with the longest reasoning trace and its position in the unfiltered list (for benchmarks).
    public func longestTraceSample() throws(StoreError) -> (id: Int64, position: Int)? {
        try read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM samples ORDER BY length(reasoning) DESC LIMIT 1") else {
                return nil
            }
            let position = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM samples WHERE id < ?", arguments: [id]) ?? 0
            return (id, position)
        }
    }
}
