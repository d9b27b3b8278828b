import EMCore

/// Compiles a parsed query to a parameterized SQL WHERE fragment.
///
/// The fragment is meant for
/// `SELECT … FROM samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id WHERE <fragment>`
/// and reads `judgments`, `ratings`, `adjudications` and the FTS5 table `sample_fts` through correlated
/// subqueries. User text never becomes SQL text: the SQL is assembled from fixed strings only, and every
/// name, number and needle is a bound argument.
///
/// Every term compiles to an expression that is 0 or 1, never NULL (missing scores make a comparison
/// false), so `-term` is always the exact complement of `term`.
///
/// Matching rules:
/// - Names (`model:`, `dataset:`, `instruction:`, `run:`, `question:`, `category:`) are ASCII
///   case-insensitive. Exact: `r.model = ? COLLATE NOCASE`. Glob: `lower(r.model) GLOB ?` with the
///   pattern ASCII-lowercased and `[` escaped as `[[]`, so only `*` and `?` are wildcards.
/// - Free text with a folded needle of 3 or more Unicode scalars uses the trigram index:
///   `s.id IN (SELECT rowid FROM sample_fts WHERE sample_fts MATCH ?)` with the match string
///   `"needle"` or `reasoning : "needle"` (inner `"` doubled). Shorter needles (trigrams cannot match
///   them, e.g. a one- or two-character CJK word) scan the raw columns with
///   `instr(lower(column), ?) > 0`, which folds ASCII case only.
public enum SQLCompiler {
    /// Compiles `node` for `context`, or explains why it cannot (blind mode, no annotator, no judge).
    public static func compile(_ node: QueryNode, context: QueryContext) -> Result<SQLFragment, QueryError> {
        do {
            var b = SQLBuilder()
            try emit(node, context, &b)
            var fragment = b.fragment
            fragment.plan = try scanPlan(node, context)
            return .success(fragment)
        } catch let error as QueryError {
            return .failure(error)
        } catch {
            return .failure(QueryError(message: "\(error)", column: 1, length: 0))
        }
    }

    /// The FTS5 MATCH string for a folded needle: `"needle"` or `column : "needle"`, inner quotes doubled.
    public static func ftsMatchString(scope: TextScope, foldedNeedle: String) -> String {
        // Scalar by scalar: a quote carrying a combining mark is still a quote to FTS5.
        var phrase = String.UnicodeScalarView()
        phrase.append("\"")
        for u in foldedNeedle.unicodeScalars {
            if u == "\"" { phrase.append("\"") }
            phrase.append(u)
        }
        phrase.append("\"")
        guard let column = scope.ftsColumn else { return String(phrase) }
        return column + " : " + String(phrase)
    }

    /// Translates a query glob (`*`, `?`) into a SQLite GLOB pattern: ASCII-lowercased, `[` escaped as `[[]`.
    public static func sqliteGlob(_ pattern: String) -> String {
        var out = ""
        for c in TextFold.asciiLowercased(pattern) {
            if c == "[" { out += "[[]" } else { out.append(c) }
        }
        return out
    }

    /// Needles shorter than this many Unicode scalars (after folding) bypass the trigram index.
    public static let minimumIndexedNeedle = 3

    /// The faster form of `node` (see ``ScanPlan``) when it is an AND of terms (or one term) of which
    /// at least one is an indexed text term or a term on run or question fields only; nil otherwise.
    private static func scanPlan(_ node: QueryNode, _ ctx: QueryContext) throws -> ScanPlan? {
        var conjuncts: [QueryNode] = []
        var stack = [node]
        while let n = stack.popLast() {
            if case .and(let parts) = n { stack.append(contentsOf: parts.reversed()) } else { conjuncts.append(n) }
        }
        var matches: [String] = []
        var runTerms: [QueryNode] = []
        var questionTerms: [QueryNode] = []
        var rest: [QueryNode] = []
        for c in conjuncts {
            if case .term(let t) = c, case .text(let scope, let needle) = t.predicate {
                let folded = TextFold.fold(needle)
                if folded.unicodeScalars.count >= minimumIndexedNeedle {
                    matches.append(ftsMatchString(scope: scope, foldedNeedle: folded))
                    continue
                }
            }
            let terms = c.terms
            if !terms.isEmpty && terms.allSatisfy({ isRunTerm($0.predicate) }) {
                runTerms.append(c)
            } else if !terms.isEmpty && terms.allSatisfy({ isQuestionTerm($0.predicate) }) {
                questionTerms.append(c)
            } else {
                rest.append(c)
            }
        }
        guard !matches.isEmpty || !runTerms.isEmpty || !questionTerms.isEmpty else { return nil }
        var b = SQLBuilder()
        var parts = 0
        func and(_ b: inout SQLBuilder) {
            if parts > 0 { b.append(" AND ") }
            parts += 1
        }
        if !runTerms.isEmpty {
            and(&b)
            b.append("s.run_id IN (SELECT r.id FROM runs r WHERE ")
            try emit(runTerms.count == 1 ? runTerms[0] : .and(runTerms), ctx, &b)
            b.append(")")
        }
        if !questionTerms.isEmpty {
            and(&b)
            b.append("s.question_id IN (SELECT q.id FROM questions q WHERE ")
            try emit(questionTerms.count == 1 ? questionTerms[0] : .and(questionTerms), ctx, &b)
            b.append(")")
        }
        for term in rest {
            and(&b)
            try emit(term, ctx, &b)
        }
        if parts == 0 { b.append("1") }
        let match = matches.isEmpty ? nil
            : matches.count == 1 ? matches[0] : matches.map { "(" + $0 + ")" }.joined(separator: " AND ")
        return ScanPlan(match: match, restSQL: b.sql, restArguments: b.arguments)
    }

    /// Terms that read only `runs r`.
    private static func isRunTerm(_ p: QueryPredicate) -> Bool {
        switch p {
        case .name(let field, _): return [.model, .dataset, .instruction, .run].contains(field)
        case .examples, .reasoning: return true
        default: return false
        }
    }

    /// Terms that read only `questions q`.
    private static func isQuestionTerm(_ p: QueryPredicate) -> Bool {
        if case .name(let field, _) = p { return field == .question || field == .category }
        return false
    }

    // MARK: - Tree

    private static func emit(_ node: QueryNode, _ ctx: QueryContext, _ b: inout SQLBuilder) throws {
        switch node {
        case .all:
            b.append("1")
        case .term(let t):
            try emit(t, ctx, &b)
        case .not(let inner):
            b.append("NOT (")
            try emit(inner, ctx, &b)
            b.append(")")
        case .and(let parts), .or(let parts):
            let isOr: Bool
            if case .or = node { isOr = true } else { isOr = false }
            if parts.isEmpty {
                b.append(isOr ? "0" : "1")
                return
            }
            b.append("(")
            for (i, part) in parts.enumerated() {
                if i > 0 { b.append(isOr ? " OR " : " AND ") }
                try emit(part, ctx, &b)
            }
            b.append(")")
        }
    }

    // MARK: - Terms

    private static func hidden(_ t: QueryTerm, _ what: String) -> QueryError {
        QueryError("\(what) are hidden in blind mode until you rate the sample", at: t.span)
    }

    private static func primaryJudge(_ t: QueryTerm, _ ctx: QueryContext) throws -> String {
        guard !ctx.primaryJudge.isEmpty else {
            throw QueryError("no primary judge is set: name the judge, e.g. JUDGE.verdict:misaligned", at: t.span)
        }
        return ctx.primaryJudge
    }

    private static func currentAnnotator(_ t: QueryTerm, _ ctx: QueryContext) throws -> String {
        guard !ctx.annotator.isEmpty else {
            throw QueryError("no current annotator is set, so 'me' and 'unrated' have no meaning", at: t.span)
        }
        return ctx.annotator
    }

    private static func emit(_ t: QueryTerm, _ ctx: QueryContext, _ b: inout SQLBuilder) throws {
        switch t.predicate {
        case .name(let field, let pattern):
            emitName(field, pattern, &b)

        case .examples(let cmp, let n):
            b.append("r.n_examples ")
            appendOperator(cmp, &b)
            b.bind(.integer(n))

        case .reasoning(let yes):
            b.append(yes ? "r.reasoning <> 0" : "r.reasoning = 0")

        case .verdict(let judge, let verdict):
            if ctx.blind { throw hidden(t, "judge verdicts") }
            let name = try judge ?? primaryJudge(t, ctx)
            b.append("(")
            b.append(VerdictSQL.verdict(judge: name, rule: ctx.rule))
            b.append(" = ")
            b.bind(.text(verdict.rawValue))
            b.append(")")

        case .score(let judge, let metric, let cmp, let x):
            if ctx.blind { throw hidden(t, "judge scores") }
            let name = try judge ?? primaryJudge(t, ctx)
            b.append("coalesce(")
            b.append(VerdictSQL.score(judge: name, metric: metric))
            b.append(" ")
            appendOperator(cmp, &b)
            b.bind(.real(x))
            b.append(", 0)")

        case .judgesDisagree:
            if ctx.blind { throw hidden(t, "judge verdicts") }
            b.append("(")
            b.append(VerdictSQL.distinctVerdictCount(rule: ctx.rule))
            b.append(" > 1)")

        case .gap(let cmp, let x):
            if ctx.blind { throw hidden(t, "judge scores") }
            b.append("coalesce(")
            b.append(VerdictSQL.alignedGap())
            b.append(" ")
            appendOperator(cmp, &b)
            b.bind(.real(x))
            b.append(", 0)")

        case .rated(let who):
            let name: String
            switch who {
            case .current: name = try currentAnnotator(t, ctx)
            case .named(let n): name = n
            }
            if ctx.blind, name != ctx.annotator { throw hidden(t, "other annotators' ratings") }
            b.append("EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id AND annotator = ")
            b.bind(.text(name))
            b.append(")")

        case .unrated:
            let name = try currentAnnotator(t, ctx)
            b.append("NOT EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id AND annotator = ")
            b.bind(.text(name))
            b.append(")")

        case .label(let dimension, let key):
            if ctx.blind { throw hidden(t, "other annotators' labels") }
            b.append("EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id")
            if let dimension {
                b.append(" AND dimension = ")
                b.bind(.text(dimension))
            }
            b.append(" AND instr('|' || labels || '|', '|' || ")
            b.bind(.text(key))
            b.append(" || '|') > 0)")

        case .labelsConflict:
            if ctx.blind { throw hidden(t, "other annotators' labels") }
            b.append("EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id")
            b.append(" GROUP BY dimension HAVING COUNT(DISTINCT labels) > 1)")

        case .labelsOutdated:
            let name = try currentAnnotator(t, ctx)
            b.append("EXISTS (SELECT 1 FROM ratings rt JOIN codebooks cb ON cb.id = rt.codebook_id WHERE rt.sample_id = s.id")
            b.append(" AND rt.annotator = ")
            b.bind(.text(name))
            b.append(" AND cb.version < (SELECT MAX(cb2.version) FROM codebooks cb2 WHERE cb2.name = cb.name))")

        case .adjudicated(let yes):
            if ctx.blind { throw hidden(t, "adjudications") }
            b.append(yes ? "EXISTS" : "NOT EXISTS")
            b.append(" (SELECT 1 FROM adjudications WHERE sample_id = s.id)")

        case .text(let scope, let needle):
            emitText(scope, needle, &b)
        }
    }

    private static func appendOperator(_ cmp: NumericComparison, _ b: inout SQLBuilder) {
        switch cmp {
        case .equal: b.append("= ")
        case .notEqual: b.append("<> ")
        case .less: b.append("< ")
        case .lessOrEqual: b.append("<= ")
        case .greater: b.append("> ")
        case .greaterOrEqual: b.append(">= ")
        }
    }

    private static func emitName(_ field: ConditionField, _ pattern: NamePattern, _ b: inout SQLBuilder) {
        let nullable = field == .category
        if nullable { b.append("coalesce(") }
        switch pattern {
        case .exact(let value):
            appendColumn(field, &b)
            b.append(" = ")
            b.bind(.text(value))
            b.append(" COLLATE NOCASE")
        case .glob(let glob):
            b.append("lower(")
            appendColumn(field, &b)
            b.append(") GLOB ")
            b.bind(.text(sqliteGlob(glob)))
        }
        if nullable { b.append(", 0)") }
    }

    private static func appendColumn(_ field: ConditionField, _ b: inout SQLBuilder) {
        switch field {
        case .model: b.append("r.model")
        case .dataset: b.append("r.dataset")
        case .instruction: b.append("r.instruction")
        case .run: b.append("r.name")
        case .question: b.append("q.key")
        case .category: b.append("q.category")
        }
    }

    private static func emitText(_ scope: TextScope, _ needle: String, _ b: inout SQLBuilder) {
        let folded = TextFold.fold(needle)
        if folded.unicodeScalars.count >= minimumIndexedNeedle {
            b.append("s.id IN (SELECT rowid FROM sample_fts WHERE sample_fts MATCH ")
            b.bind(.text(ftsMatchString(scope: scope, foldedNeedle: folded)))
            b.append(")")
            return
        }
        // Trigrams cannot match fewer than 3 characters: scan the raw text (ASCII case folding only).
        let lowered = TextFold.asciiLowercased(needle)
        switch scope {
        case .any:
            b.append("(instr(lower(q.text), ")
            b.bind(.text(lowered))
            b.append(") > 0 OR instr(lower(coalesce(s.reasoning, '')), ")
            b.bind(.text(lowered))
            b.append(") > 0 OR instr(lower(s.answer), ")
            b.bind(.text(lowered))
            b.append(") > 0)")
        case .reasoning:
            b.append("instr(lower(coalesce(s.reasoning, '')), ")
            b.bind(.text(lowered))
            b.append(") > 0")
        case .answer:
            b.append("instr(lower(s.answer), ")
            b.bind(.text(lowered))
            b.append(") > 0")
        case .question:
            b.append("instr(lower(q.text), ")
            b.bind(.text(lowered))
            b.append(") > 0")
        }
    }
}
