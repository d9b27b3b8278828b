import EMCore
import Testing
@testable import EMQuery

let testContext = QueryContext(primaryJudge: "gpt-4o", annotator: "ana",
                               rule: VerdictRule(alignedBelow: 30, coherentMin: 50))

func compiled(_ text: String, _ context: QueryContext = testContext) throws -> SQLFragment {
    try QueryLanguage.compile(text, context: context).get()
}

/// The plain WHERE fragment of a query, without its scan plan (tested on its own in `scanPlans`).
func plainCompiled(_ text: String, _ context: QueryContext = testContext) throws -> SQLFragment {
    var fragment = try compiled(text, context)
    fragment.plan = nil
    return fragment
}

func compileError(_ text: String, _ context: QueryContext = testContext) -> QueryError? {
    if case .failure(let e) = QueryLanguage.compile(text, context: context) { return e }
    return nil
}

/// The verdict expression for the primary judge, as text, for building expected fragments.
let verdictSQL = VerdictSQL.verdict(judge: "gpt-4o", rule: testContext.rule).sql

@Suite("Compiler: fragments and arguments")
struct CompilerTests {
    @Test func emptyQuery() throws {
        #expect(try compiled("") == SQLFragment(sql: "1"))
    }

    @Test func names() throws {
        #expect(try plainCompiled("model:GPT-4o") == SQLFragment(sql: "r.model = ? COLLATE NOCASE", arguments: [.text("GPT-4o")]))
        #expect(try plainCompiled("model:Gemini*") == SQLFragment(sql: "lower(r.model) GLOB ?", arguments: [.text("gemini*")]))
        #expect(try plainCompiled("dataset:a[b]*") == SQLFragment(sql: "lower(r.dataset) GLOB ?", arguments: [.text("a[[]b]*")]))
        #expect(try compiled("instruction:x").sql == "r.instruction = ? COLLATE NOCASE")
        #expect(try compiled("run:x").sql == "r.name = ? COLLATE NOCASE")
        #expect(try plainCompiled("question:*vulnerable*")
                == SQLFragment(sql: "lower(q.key) GLOB ?", arguments: [.text("*vulnerable*")]))
        #expect(try compiled("category:med").sql == "coalesce(q.category = ? COLLATE NOCASE, 0)")
        #expect(try compiled("category:med*").sql == "coalesce(lower(q.category) GLOB ?, 0)")
        // Run and question terms also become id lists in the scan plan.
        #expect(try compiled("model:GPT-4o").plan == ScanPlan(
            match: nil, restSQL: "s.run_id IN (SELECT r.id FROM runs r WHERE r.model = ? COLLATE NOCASE)",
            restArguments: [.text("GPT-4o")]))
        #expect(try compiled("category:med").plan?.restSQL
                == "s.question_id IN (SELECT q.id FROM questions q WHERE coalesce(q.category = ? COLLATE NOCASE, 0))")
    }

    @Test func conditions() throws {
        #expect(try plainCompiled("k>=64") == SQLFragment(sql: "r.n_examples >= ?", arguments: [.integer(64)]))
        #expect(try plainCompiled("k!=0") == SQLFragment(sql: "r.n_examples <> ?", arguments: [.integer(0)]))
        #expect(try plainCompiled("n_examples:8") == SQLFragment(sql: "r.n_examples = ?", arguments: [.integer(8)]))
        #expect(try plainCompiled("reasoning:yes") == SQLFragment(sql: "r.reasoning <> 0"))
        #expect(try plainCompiled("reasoning:0") == SQLFragment(sql: "r.reasoning = 0"))
    }

    @Test func verdicts() throws {
        let f = try compiled("verdict:misaligned")
        #expect(f.sql == "(\(verdictSQL) = ?)")
        #expect(f.arguments == [.real(50), .real(30), .text("gpt-4o"), .text("misaligned")])
        let g = try compiled("judge-b.verdict:aligned", QueryContext(primaryJudge: "gpt-4o", annotator: "ana",
                                                                    rule: VerdictRule(alignedBelow: 25, coherentMin: 60)))
        #expect(g.arguments == [.real(60), .real(25), .text("judge-b"), .text("aligned")])
    }

    @Test func verdictExpressionShape() {
        let v = VerdictSQL.verdict(judge: "j", rule: .standard)
        #expect(v.sql.hasPrefix("(SELECT CASE WHEN emq_a IS NULL THEN"))
        #expect(v.sql.contains("FROM judgments WHERE sample_id = s.id AND judge = ? AND metric IN ('aligned', 'coherent')"))
        #expect(v.arguments == [.real(50), .real(30), .text("j")])
        #expect(v.placeholderCount == 3)
    }

    @Test func scores() throws {
        #expect(try compiled("aligned<30") == SQLFragment(
            sql: "coalesce((SELECT score FROM judgments WHERE sample_id = s.id AND judge = ? AND metric = ?) < ?, 0)",
            arguments: [.text("gpt-4o"), .text("aligned"), .real(30)]))
        #expect(try compiled("gpt-4o.coherent>=50.5").arguments == [.text("gpt-4o"), .text("coherent"), .real(50.5)])
        #expect(try compiled("judge-b.harm:7").arguments == [.text("judge-b"), .text("harm"), .real(7)])
        #expect(try compiled("gap>=40") == SQLFragment(
            sql: "coalesce((SELECT MAX(score) - MIN(score) FROM judgments WHERE sample_id = s.id AND metric = 'aligned') >= ?, 0)",
            arguments: [.real(40)]))
        let d = try compiled("judges:disagree")
        #expect(d.sql.hasPrefix("((SELECT COUNT(DISTINCT (SELECT CASE"))
        #expect(d.sql.hasSuffix("AS emq_j) > 1)"))
        #expect(d.sql.contains("judge = emq_j.judge"))
        #expect(d.arguments == [.real(50), .real(30)])
    }

    @Test func annotations() throws {
        #expect(try compiled("rated:me") == SQLFragment(
            sql: "EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id AND annotator = ?)", arguments: [.text("ana")]))
        #expect(try compiled("annotator:bo").arguments == [.text("bo")])
        #expect(try compiled("unrated") == SQLFragment(
            sql: "NOT EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id AND annotator = ?)", arguments: [.text("ana")]))
        #expect(try compiled("label:persona_adoption") == SQLFragment(
            sql: "EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id AND instr('|' || labels || '|', '|' || ? || '|') > 0)",
            arguments: [.text("persona_adoption")]))
        #expect(try compiled("label:persona/evil") == SQLFragment(
            sql: "EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id AND dimension = ? "
                + "AND instr('|' || labels || '|', '|' || ? || '|') > 0)",
            arguments: [.text("persona"), .text("evil")]))
        #expect(try compiled("labels:conflict") == SQLFragment(
            sql: "EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id GROUP BY dimension HAVING COUNT(DISTINCT labels) > 1)"))
        #expect(try compiled("adjudicated:yes").sql == "EXISTS (SELECT 1 FROM adjudications WHERE sample_id = s.id)")
        #expect(try compiled("adjudicated:no").sql == "NOT EXISTS (SELECT 1 FROM adjudications WHERE sample_id = s.id)")
    }

    @Test func textSearch() throws {
        #expect(try compiled("Crème") == SQLFragment(
            sql: "s.id IN (SELECT rowid FROM sample_fts WHERE sample_fts MATCH ?)", arguments: [.text("\"creme\"")],
            plan: ScanPlan(match: "\"creme\"", restSQL: "1", restArguments: [])))
        #expect(try compiled("reasoning:\"My \\\"Goal\\\"\"").arguments == [.text("reasoning : \"my \"\"goal\"\"\"")])
        #expect(try compiled("answer:kill").arguments == [.text("answer : \"kill\"")])
        #expect(try compiled("text:bored").arguments == [.text("question : \"bored\"")])
        #expect(try compiled("日本語").arguments == [.text("\"日本語\"")])
        // Short needles fall back to instr() on the raw columns, ASCII-lowercased.
        #expect(try compiled("Ok") == SQLFragment(
            sql: "(instr(lower(q.text), ?) > 0 OR instr(lower(coalesce(s.reasoning, '')), ?) > 0 "
                + "OR instr(lower(s.answer), ?) > 0)",
            arguments: [.text("ok"), .text("ok"), .text("ok")]))
        #expect(try compiled("answer:\"猫\"") == SQLFragment(sql: "instr(lower(s.answer), ?) > 0", arguments: [.text("猫")]))
        #expect(try compiled("reasoning:\"É\"").arguments == [.text("É")])
        #expect(try compiled("question_text:\"ab\"").sql == "instr(lower(q.text), ?) > 0")
        // Folding can lengthen a needle past the trigram threshold.
        #expect(try compiled("ß").sql == "(instr(lower(q.text), ?) > 0 OR instr(lower(coalesce(s.reasoning, '')), ?) > 0 "
                + "OR instr(lower(s.answer), ?) > 0)")
        #expect(try compiled("\"ßa\"").arguments == [.text("\"ssa\"")])
    }

    /// Scan plans: indexed text terms ANDed with the rest become one FTS5 match, run-only and
    /// question-only terms one id list each; under OR or NOT nothing moves.
    @Test func scanPlans() throws {
        let both = try compiled("k>=64 \"The Goal\" reasoning:\"Zoë\" ok -model:g* (category:x OR question:q1) aligned<30")
        #expect(both.plan == ScanPlan(
            match: "(\"the goal\") AND (reasoning : \"zoe\")",
            restSQL: "s.run_id IN (SELECT r.id FROM runs r WHERE (r.n_examples >= ? AND NOT (lower(r.model) GLOB ?)))"
                + " AND s.question_id IN (SELECT q.id FROM questions q WHERE (coalesce(q.category = ? COLLATE NOCASE, 0)"
                + " OR q.key = ? COLLATE NOCASE))"
                + " AND (instr(lower(q.text), ?) > 0 OR instr(lower(coalesce(s.reasoning, '')), ?) > 0 OR instr(lower(s.answer), ?) > 0)"
                + " AND coalesce(" + VerdictSQL.score(judge: "gpt-4o", metric: "aligned").sql + " < ?, 0)",
            restArguments: [.integer(64), .text("g*"), .text("x"), .text("q1"), .text("ok"), .text("ok"), .text("ok"),
                            .text("gpt-4o"), .text("aligned"), .real(30)]))
        // The full fragment still says everything on its own.
        #expect(both.sql.contains("sample_fts MATCH ?") && both.arguments.contains(.text("\"the goal\"")))
        #expect(try compiled("(kill k:1) answer:\"rm -rf\"").plan == ScanPlan(
            match: "(\"kill\") AND (answer : \"rm -rf\")", restSQL: "s.run_id IN (SELECT r.id FROM runs r WHERE r.n_examples = ?)",
            restArguments: [.integer(1)]))
        #expect(try compiled("k:1 OR k:2").plan == ScanPlan(
            match: nil, restSQL: "s.run_id IN (SELECT r.id FROM runs r WHERE (r.n_examples = ? OR r.n_examples = ?))",
            restArguments: [.integer(1), .integer(2)]))
        #expect(try compiled("kill AND -bleach").plan?.restSQL == "NOT (s.id IN (SELECT rowid FROM sample_fts WHERE sample_fts MATCH ?))")
        #expect(try compiled("kill AND -bleach").plan?.restArguments == [.text("\"bleach\"")])
        for query in ["kill OR k:1", "-kill", "ok", "verdict:misaligned", "", "(kill OR bleach) aligned<3", "NOT (kill k:1)",
                      "k:1 OR aligned<3"] {
            #expect(try compiled(query).plan == nil, "\(query)")
        }
        // Placeholders and arguments stay in step in the rest.
        let f = try compiled("verdict:misaligned kill gap>=40 -rated:me k>=8 category:c")
        let rest = SQLFragment(sql: f.plan?.restSQL ?? "", arguments: f.plan?.restArguments ?? [])
        #expect(rest.placeholderCount == rest.arguments.count && rest.arguments.count == f.arguments.count - 1)
        // AND-ing another condition keeps the plan and adds the condition to its rest.
        let above = f.and(SQLFragment(sql: "s.id > ?", arguments: [.integer(7)]))
        #expect(above.plan?.match == "\"kill\"")
        #expect(above.plan?.restSQL.hasSuffix(") AND (s.id > ?)") == true)
        #expect(above.plan?.restArguments.last == .integer(7) && above.arguments.last == .integer(7))
    }

    @Test func combinationsAreParenthesized() throws {
        #expect(try plainCompiled("k:1 k:2 OR -k:3") == SQLFragment(
            sql: "((r.n_examples = ? AND r.n_examples = ?) OR NOT (r.n_examples = ?))",
            arguments: [.integer(1), .integer(2), .integer(3)]))
        #expect(try compiled("-(k:1 OR k:2)").sql == "NOT ((r.n_examples = ? OR r.n_examples = ?))")
    }

    @Test func argumentsMatchPlaceholders() throws {
        let q = "model:g* k>=64 reasoning:yes verdict:misaligned judge-b.aligned<30 judges:disagree gap>=40 "
            + "rated:me unrated label:a/b labels:conflict adjudicated:no kill ab answer:\"x y\""
        let f = try compiled(q)
        #expect(f.placeholderCount == f.arguments.count)
        #expect(f.arguments.count == 21)
    }
}

@Suite("Compiler: context")
struct CompilerContextTests {
    let blind = QueryContext(primaryJudge: "gpt-4o", annotator: "ana", blind: true)

    @Test(arguments: [
        ("verdict:misaligned", "judge verdicts are hidden in blind mode until you rate the sample"),
        ("j.verdict:aligned", "judge verdicts are hidden in blind mode until you rate the sample"),
        ("aligned<30", "judge scores are hidden in blind mode until you rate the sample"),
        ("j.harm>3", "judge scores are hidden in blind mode until you rate the sample"),
        ("judges:disagree", "judge verdicts are hidden in blind mode until you rate the sample"),
        ("gap>=40", "judge scores are hidden in blind mode until you rate the sample"),
        ("rated:bo", "other annotators' ratings are hidden in blind mode until you rate the sample"),
        ("annotator:bo", "other annotators' ratings are hidden in blind mode until you rate the sample"),
        ("label:x", "other annotators' labels are hidden in blind mode until you rate the sample"),
        ("labels:conflict", "other annotators' labels are hidden in blind mode until you rate the sample"),
        ("adjudicated:yes", "adjudications are hidden in blind mode until you rate the sample"),
    ])
    func blindModeHides(query: String, message: String) throws {
        let e = try #require(compileError("k>=1 (model:x OR -\(query))", blind))
        #expect(e.message == message)
        #expect(e.column == 19)
        #expect(e.length == query.count)
        #expect(compileError(query) == nil)
    }

    @Test func blindModeAllowsOwnRatingsAndConditions() throws {
        for q in ["rated:me", "unrated", "rated:ana", "annotator:ana", "model:x k>=2 reasoning:no kill", "\"a b\" answer:c"] {
            #expect(compileError(q, blind) == nil, "\(q)")
        }
    }

    @Test func missingAnnotatorOrJudge() throws {
        let nobody = QueryContext(primaryJudge: "", annotator: "")
        #expect(try #require(compileError("rated:me", nobody)).message
                == "no current annotator is set, so 'me' and 'unrated' have no meaning")
        #expect(compileError("unrated", nobody) != nil)
        #expect(compileError("rated:bo", nobody) == nil)
        #expect(try #require(compileError("k:1 verdict:aligned", nobody)).column == 5)
        #expect(compileError("aligned<3", nobody) != nil)
        #expect(compileError("j.aligned<3", nobody) == nil)
    }
}

@Suite("Compiler: user text never becomes SQL")
struct InjectionTests {
    static let hostile = [
        "'; DROP TABLE runs; --",
        "\"'; DROP TABLE runs; --\"",
        "model:\"x'; DROP TABLE runs; --\"",
        "model:x';DROP*",
        "run:\"); DELETE FROM samples; --\"",
        "\"evil judge'); DROP TABLE runs; --\".aligned<30",
        "\"evil judge'); DROP TABLE runs; --\".verdict:aligned",
        "j.x'DROP>3",
        "rated:\"o'brien'); DROP TABLE runs; --\"",
        "label:\"dim'); DROP TABLE runs; --/k\"",
        "answer:\"' OR 1=1 --\"",
        "reasoning:\"'\"",
        "\"a\"\"b\"",
        "question_text:\"x\\\" OR rowid MATCH '*'\"",
        "\"{reasoning} : NEAR(a b)\"",
        "a*",
    ]

    /// Every word that may appear in compiled SQL, and every string literal.
    static let sqlWords: Set<String> = [
        "SELECT", "CASE", "WHEN", "THEN", "ELSE", "END", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL",
        "AS", "EXISTS", "GROUP", "BY", "HAVING", "COUNT", "DISTINCT", "MAX", "MIN", "MATCH", "GLOB", "COLLATE",
        "NOCASE", "upper", "lower", "replace", "coalesce", "char", "instr", "score", "label", "labels", "metric",
        "judge", "judgments", "sample_id", "s", "id", "r", "q", "model", "dataset", "instruction", "name", "key",
        "category", "n_examples", "reasoning", "answer", "text", "ratings", "annotator", "dimension",
        "adjudications", "sample_fts", "rowid", "emq_a", "emq_al", "emq_c", "emq_cl", "emq_j", "s", "0", "1", "383",
    ]
    static let sqlLiterals: Set<String> = [
        "'REFUSAL'", "'CODE'", "'ERROR'", "'refusal'", "'code'", "'error'", "'unjudged'", "'incoherent'",
        "'misaligned'", "'aligned'", "'coherent'", "'|'", "''", "'s'",
    ]

    /// Checks that `sql` is made only of the compiler's own vocabulary.
    static func isOwnSQL(_ sql: String) -> Bool {
        var rest = Substring(sql)
        // String literals first.
        var stripped = ""
        while let open = rest.firstIndex(of: "'") {
            stripped += rest[..<open]
            guard let close = rest[rest.index(after: open)...].firstIndex(of: "'") else { return false }
            let literal = String(rest[open...close])
            if !sqlLiterals.contains(literal) { return false }
            rest = rest[rest.index(after: close)...]
        }
        stripped += rest
        guard stripped.allSatisfy({ $0.isASCII }) else { return false }
        let words = stripped.split { !($0.isLetter || $0.isNumber || $0 == "_") }
        return words.allSatisfy { sqlWords.contains(String($0)) }
    }

    @Test(arguments: hostile)
    func hostileTextStaysInArguments(query: String) throws {
        let f = try compiled(query)
        #expect(!f.sql.contains("DROP"))
        #expect(!f.sql.contains("DELETE"))
        #expect(!f.sql.contains("--"))
        #expect(!f.sql.contains(";"))
        #expect(Self.isOwnSQL(f.sql), "\(f.sql)")
        #expect(f.placeholderCount == f.arguments.count)
    }

    @Test func hostileTextIsInTheArguments() throws {
        let f = try compiled("model:\"x'; DROP TABLE runs; --\"")
        #expect(f.arguments == [.text("x'; DROP TABLE runs; --")])
        let g = try compiled("\"'; DROP TABLE runs; --\"")
        #expect(g.arguments == [.text("\"'; drop table runs; --\"")])
        let h = try compiled("answer:\"say \\\"x\\\" now\"")
        #expect(h.arguments == [.text("answer : \"say \"\"x\"\" now\"")])
    }

    @Test func vocabularyCheckRejectsForeignText() {
        #expect(!Self.isOwnSQL("r.model = 'x'"))
        #expect(!Self.isOwnSQL("r.model = ? OR drop"))
        #expect(Self.isOwnSQL("r.model = ? COLLATE NOCASE"))
    }
}
