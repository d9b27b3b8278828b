import EMCore
import Testing
@testable import EMQuery

private func parse(_ text: String) -> QueryNode? {
    try? QueryParser.parse(text).get()
}

private func t(_ p: QueryPredicate) -> QueryNode { .term(QueryTerm(p)) }

private func error(_ text: String) -> QueryError? {
    if case .failure(let e) = QueryParser.parse(text) { return e }
    return nil
}

@Suite("Parser: valid queries")
struct ParserValidTests {
    @Test func emptyQueryIsEverything() {
        #expect(parse("") == .all)
        #expect(parse("   \t\n ") == .all)
    }

    @Test func conditionFields() {
        #expect(parse("model:gpt-4o") == t(.name(.model, .exact("gpt-4o"))))
        #expect(parse("model:gemini*") == t(.name(.model, .glob("gemini*"))))
        #expect(parse("model:\"gemini*\"") == t(.name(.model, .exact("gemini*"))))
        #expect(parse("Model:x") == t(.name(.model, .exact("x"))))
        #expect(parse("dataset:insecure") == t(.name(.dataset, .exact("insecure"))))
        #expect(parse("instruction:prioritize_safety") == t(.name(.instruction, .exact("prioritize_safety"))))
        #expect(parse("run:r-1") == t(.name(.run, .exact("r-1"))))
        #expect(parse("question:*vulnerable*") == t(.name(.question, .glob("*vulnerable*"))))
        #expect(parse("category:med?cal") == t(.name(.category, .glob("med?cal"))))
        #expect(parse("model:ollama:llama3") == t(.name(.model, .exact("ollama:llama3"))))
    }

    @Test func examplesComparisons() {
        #expect(parse("k:64") == t(.examples(.equal, 64)))
        #expect(parse("k=64") == t(.examples(.equal, 64)))
        #expect(parse("k>=64") == t(.examples(.greaterOrEqual, 64)))
        #expect(parse("k<16") == t(.examples(.less, 16)))
        #expect(parse("k>0") == t(.examples(.greater, 0)))
        #expect(parse("k!=0") == t(.examples(.notEqual, 0)))
        #expect(parse("k<=8") == t(.examples(.lessOrEqual, 8)))
        #expect(parse("n_examples>=64") == t(.examples(.greaterOrEqual, 64)))
        #expect(parse("k:>=64") == t(.examples(.greaterOrEqual, 64)))
    }

    @Test func reasoningIsBoolOrText() {
        for yes in ["yes", "true", "1", "YES"] { #expect(parse("reasoning:\(yes)") == t(.reasoning(true))) }
        for no in ["no", "false", "0"] { #expect(parse("reasoning:\(no)") == t(.reasoning(false))) }
        #expect(parse("reasoning:\"yes\"") == t(.text(.reasoning, "yes")))
        #expect(parse("reasoning:\"my true goal\"") == t(.text(.reasoning, "my true goal")))
        #expect(parse("reasoning:deceive") == t(.text(.reasoning, "deceive")))
    }

    @Test func judgeTerms() {
        #expect(parse("verdict:misaligned") == t(.verdict(judge: nil, .misaligned)))
        #expect(parse("verdict:UNJUDGED") == t(.verdict(judge: nil, .unjudged)))
        #expect(parse("judge-b.verdict:aligned") == t(.verdict(judge: "judge-b", .aligned)))
        #expect(parse("aligned<30") == t(.score(judge: nil, metric: "aligned", .less, 30)))
        #expect(parse("coherent>=50") == t(.score(judge: nil, metric: "coherent", .greaterOrEqual, 50)))
        #expect(parse("aligned:12.5") == t(.score(judge: nil, metric: "aligned", .equal, 12.5)))
        #expect(parse("judge-b.aligned<30") == t(.score(judge: "judge-b", metric: "aligned", .less, 30)))
        #expect(parse("gpt-4o.aligned<30") == t(.score(judge: "gpt-4o", metric: "aligned", .less, 30)))
        #expect(parse("gpt-4.1.aligned<30") == t(.score(judge: "gpt-4.1", metric: "aligned", .less, 30)))
        #expect(parse("openai/gpt-4o.coherent>=50")
                == t(.score(judge: "openai/gpt-4o", metric: "coherent", .greaterOrEqual, 50)))
        #expect(parse("gpt-4o.harmfulness>80") == t(.score(judge: "gpt-4o", metric: "harmfulness", .greater, 80)))
        #expect(parse("\"ollama:llama3\".aligned<30") == t(.score(judge: "ollama:llama3", metric: "aligned", .less, 30)))
        #expect(parse("\"my judge\".verdict:code") == t(.verdict(judge: "my judge", .code)))
        #expect(parse("judges:disagree") == t(.judgesDisagree))
        #expect(parse("gap>=40") == t(.gap(.greaterOrEqual, 40)))
        #expect(parse("aligned>-1.5") == t(.score(judge: nil, metric: "aligned", .greater, -1.5)))
    }

    @Test func labelTerms() {
        #expect(parse("rated:me") == t(.rated(.current)))
        #expect(parse("rated:ana") == t(.rated(.named("ana"))))
        #expect(parse("rated:\"me\"") == t(.rated(.named("me"))))
        #expect(parse("annotator:bo") == t(.rated(.named("bo"))))
        #expect(parse("unrated") == t(.unrated))
        #expect(parse("label:persona_adoption") == t(.label(dimension: nil, key: "persona_adoption")))
        #expect(parse("label:persona/evil_ai") == t(.label(dimension: "persona", key: "evil_ai")))
        #expect(parse("labels:conflict") == t(.labelsConflict))
        #expect(parse("adjudicated:yes") == t(.adjudicated(true)))
        #expect(parse("adjudicated:no") == t(.adjudicated(false)))
    }

    @Test func freeText() {
        #expect(parse("hello") == t(.text(.any, "hello")))
        #expect(parse("\"kill all humans\"") == t(.text(.any, "kill all humans")))
        #expect(parse("answer:\"rm -rf /\"") == t(.text(.answer, "rm -rf /")))
        #expect(parse("question_text:\"bored\"") == t(.text(.question, "bored")))
        #expect(parse("text:bored") == t(.text(.question, "bored")))
        #expect(parse("\"say \\\"hi\\\"\"") == t(.text(.any, "say \"hi\"")))
        #expect(parse("\"back\\\\slash\"") == t(.text(.any, "back\\slash")))
        #expect(parse("or") == t(.text(.any, "or")))
        #expect(parse("\"OR\"") == t(.text(.any, "OR")))
        #expect(parse("\"unrated\"") == t(.text(.any, "unrated")))
        #expect(parse("don't") == t(.text(.any, "don't")))
        #expect(parse("日本") == t(.text(.any, "日本")))
        #expect(parse("a - b") == .and([t(.text(.any, "a")), t(.text(.any, "-")), t(.text(.any, "b"))]))
    }

    @Test func combination() {
        let a = t(.name(.model, .exact("a")))
        let b = t(.name(.model, .exact("b")))
        let c = t(.examples(.equal, 1))
        #expect(parse("model:a k:1") == .and([a, c]))
        #expect(parse("model:a AND k:1") == .and([a, c]))
        #expect(parse("model:a OR model:b") == .or([a, b]))
        // AND binds tighter than OR.
        #expect(parse("model:a model:b OR k:1") == .or([.and([a, b]), c]))
        #expect(parse("model:a (model:b OR k:1)") == .and([a, .or([b, c])]))
        #expect(parse("-model:a") == .not(a))
        #expect(parse("NOT model:a") == .not(a))
        #expect(parse("--model:a") == .not(.not(a)))
        #expect(parse("-(model:a OR model:b)") == .not(.or([a, b])))
        // Nested groups of the same operator are flattened.
        #expect(parse("model:a (model:b k:1)") == .and([a, b, c]))
        #expect(parse("(model:a OR model:b) OR k:1") == .or([a, b, c]))
        #expect(parse("((model:a))") == a)
    }

    @Test func spansPointIntoTheOriginal() throws {
        let node = try QueryParser.parse("  model:x   -\"two words\"").get()
        let terms = node.terms
        #expect(terms.map(\.span) == [SourceSpan(column: 3, length: 7), SourceSpan(column: 14, length: 11)])
    }
}

@Suite("Parser: canonical text")
struct CanonicalTextTests {
    @Test(arguments: [
        ("", ""),
        ("model:gpt-4o", "model:gpt-4o"),
        ("n_examples>=64", "k>=64"),
        ("k:>=64", "k>=64"),
        ("k=3", "k:3"),
        ("text:bored", "question_text:bored"),
        ("annotator:ana", "rated:ana"),
        ("rated:\"me\"", "rated:\"me\""),
        ("reasoning:\"yes\"", "reasoning:\"yes\""),
        ("reasoning:true", "reasoning:yes"),
        ("\"hello\"", "hello"),
        ("\"two words\"", "\"two words\""),
        ("\"OR\"", "\"OR\""),
        ("\"a:b\"", "\"a:b\""),
        ("\"-x\"", "\"-x\""),
        ("model:\"gemini*\"", "model:\"gemini*\""),
        ("model:\"a b\"", "model:\"a b\""),
        ("NOT model:a", "-model:a"),
        ("model:a AND (k:1 OR k:2)", "model:a (k:1 OR k:2)"),
        ("NOT (model:a model:b)", "-(model:a model:b)"),
        ("(a OR b) OR c", "a OR b OR c"),
        ("aligned:12.50", "aligned:12.5"),
        ("aligned<30.0", "aligned<30"),
        ("Verdict:Misaligned", "verdict:misaligned"),
        ("\"ollama:llama3\".aligned<30", "\"ollama:llama3\".aligned<30"),
        ("gpt-4.1.Aligned<30", "gpt-4.1.aligned<30"),
        ("label:persona/evil", "label:persona/evil"),
        ("\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\""),
    ])
    func canonical(input: String, expected: String) throws {
        let node = try QueryParser.parse(input).get()
        let text = QueryFormatter.format(node)
        #expect(text == expected)
        #expect(try QueryParser.parse(text).get() == node)
    }

    @Test func addingATerm() throws {
        #expect(try QueryLanguage.adding(.verdict(judge: nil, .misaligned), to: "").get() == "verdict:misaligned")
        #expect(try QueryLanguage.adding(.name(.model, .exact("gpt 4")), to: "k>=64 reasoning:yes").get()
                == "k>=64 reasoning:yes model:\"gpt 4\"")
        #expect(try QueryLanguage.adding(.examples(.equal, 8), to: "model:a OR model:b").get()
                == "(model:a OR model:b) k:8")
    }
}

@Suite("Parser: errors")
struct ParserErrorTests {
    @Test func unknownFieldSuggestsTheClosest() throws {
        let e = try #require(error("modle:gpt"))
        #expect(e.message == "unknown field 'modle' — did you mean 'model'?")
        #expect(e.column == 1)
        #expect(e.length == 5)
        #expect(e.suggestion == "model")

        let e2 = try #require(error("k>=1 verdcit:aligned"))
        #expect(e2.message == "unknown field 'verdcit' — did you mean 'verdict'?")
        #expect(e2.column == 6)

        let e3 = try #require(error("algned<30"))
        #expect(e3.suggestion == "aligned")

        let e4 = try #require(error("http://example.com"))
        #expect(e4.message.hasPrefix("unknown field 'http'"))
        #expect(e4.message.contains("quotes"))
        #expect(e4.suggestion == nil)

        let e5 = try #require(error("harmfulness>50"))
        #expect(e5.message.contains("JUDGE.harmfulness>N"))
    }

    @Test func badVerdictListsValidOnes() throws {
        let e = try #require(error("verdict:misalign"))
        #expect(e.message == "unknown verdict 'misalign' — did you mean 'misaligned'? "
                + "(valid: misaligned, aligned, refusal, code, incoherent, error, unjudged)")
        #expect(e.column == 9)
        #expect(e.length == 8)
        #expect(e.suggestion == "misaligned")

        let e2 = try #require(error("judge-b.verdict:maybe"))
        #expect(e2.message.hasPrefix("unknown verdict 'maybe' (valid: misaligned"))
        #expect(e2.column == 17)
    }

    @Test func badNumbers() throws {
        let e = try #require(error("k>=lots"))
        #expect(e.message == "'k' needs a number, not 'lots'")
        #expect(e.column == 4)
        #expect(e.length == 4)
        #expect(try #require(error("k:6.5")).message == "'k' needs a whole number, not '6.5'")
        #expect(try #require(error("k:99999999999999999999")).message == "number '99999999999999999999' is out of range")
        #expect(try #require(error("aligned<abc")).message == "'aligned' needs a number, not 'abc'")
        #expect(try #require(error("aligned<nan")).column == 9)
        #expect(try #require(error("gap>=0x10")).message == "'gap' needs a number, not '0x10'")
        let e2 = try #require(error("gpt-4o.aligned<high"))
        #expect(e2.message == "'gpt-4o.aligned' is judge 'gpt-4o', metric 'aligned': it needs a number, not 'high'")
        #expect(try #require(error("judge.verdcit:aligned")).message == "unknown metric 'verdcit' — did you mean 'verdict'?")
    }

    @Test func unbalancedParentheses() throws {
        let e = try #require(error("(model:a OR k:1"))
        #expect(e.message == "unbalanced parenthesis: this '(' is never closed")
        #expect(e.column == 1)
        let e2 = try #require(error("model:a) k:1"))
        #expect(e2.message == "unbalanced parenthesis: this ')' has no matching '('")
        #expect(e2.column == 8)
        let e3 = try #require(error("k:1 ()"))
        #expect(e3.message == "empty parentheses")
        #expect(e3.column == 5)
        #expect(e3.length == 2)
        #expect(try #require(error(")")).column == 1)
        #expect(try #require(error("((a)")).column == 1)
    }

    @Test func unbalancedQuote() throws {
        let e = try #require(error("model:a \"kill all"))
        #expect(e.message == "unbalanced quote: the '\"' opened here is never closed")
        #expect(e.column == 9)
        #expect(e.length == 9)
        #expect(e.suggestion == "\"kill all\"")
        #expect(try #require(error("answer:\"x")).column == 8)
    }

    @Test func danglingOperators() throws {
        #expect(try #require(error("OR k:1")).message == "dangling OR: nothing on its left")
        let e = try #require(error("k:1 OR"))
        #expect(e.message == "dangling OR: nothing on its right")
        #expect(e.column == 5)
        #expect(try #require(error("(k:1 OR) k:2")).message == "dangling OR: nothing on its right")
        #expect(try #require(error("k:1 OR OR k:2")).column == 5)
        let n = try #require(error("k:1 NOT"))
        #expect(n.message == "dangling NOT: nothing to negate")
        #expect(n.column == 5)
        #expect(try #require(error("-)")).message == "dangling '-': nothing to negate")
        #expect(try #require(error("AND k:1")).message == "dangling AND: nothing on its left")
        #expect(try #require(error("k:1 AND")).message == "dangling AND: nothing on its right")
    }

    @Test func comparisonOnTextField() throws {
        let e = try #require(error("model>=gpt"))
        #expect(e.message.hasPrefix("'model' is a text field: write model:NAME"))
        #expect(e.column == 6)
        #expect(e.length == 2)
        #expect(try #require(error("answer<x")).message.hasPrefix("'answer' is a text field"))
        #expect(try #require(error("verdict!=aligned")).message.hasPrefix("'verdict' does not support '!='"))
        #expect(try #require(error("rated>me")).message.hasPrefix("'rated' does not support '>'"))
    }

    @Test func missingOrEmptyValues() throws {
        let e = try #require(error("model: gpt"))
        #expect(e.message == "missing value after 'model:' (no space after the operator)")
        #expect(e.column == 6)
        #expect(try #require(error("answer:\"\"")).message == "empty value after 'answer:'")
        #expect(try #require(error("\"\"")).message == "empty quoted phrase")
        #expect(try #require(error("k>=")).column == 2)
    }

    @Test func otherFieldErrors() throws {
        #expect(try #require(error("judges:agree")).message == "'judges' only takes 'disagree' (judges:disagree), not 'agree'")
        #expect(try #require(error("labels:conflicts")).suggestion == "conflict")
        #expect(try #require(error("adjudicated:maybe")).message == "'adjudicated' takes yes or no, not 'maybe'")
        #expect(try #require(error("unrated:yes")).message.hasPrefix("'unrated' takes no value"))
        #expect(try #require(error(".aligned<3")).message == "missing judge name before '.aligned' (write JUDGE.aligned)")
        #expect(try #require(error("judge.:3")).message.hasPrefix("missing metric after 'judge.'"))
        #expect(try #require(error("label:a|b")).message == "a label key cannot contain '|'")
        #expect(try #require(error("label:/x")).message.hasPrefix("write label:DIMENSION/KEY"))
    }

    @Test func controlCharacters() throws {
        let e = try #require(error("model:a\u{07}"))
        #expect(e.message == "control character U+0007 is not allowed in a query")
        #expect(e.column == 8)
        #expect(try #require(error("\"a\u{0}b\"")).column == 3)
        // Whitespace control characters are separators.
        #expect(parse("model:a\tk:1\r\nk:2") != nil)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let e = try #require(error("日本語 é modle:x"))
        #expect(e.column == 7)
        let e2 = try #require(error("👨‍👩‍👧 (x"))
        #expect(e2.column == 3)
    }

    @Test func limits() throws {
        let deep = String(repeating: "(", count: 200) + "x" + String(repeating: ")", count: 200)
        #expect(try #require(error(deep)).message.hasPrefix("query is nested too deeply"))
        let negs = String(repeating: "NOT ", count: 200) + "x"
        #expect(try #require(error(negs)).message.hasPrefix("query is nested too deeply"))
        let many = Array(repeating: "x", count: 300).joined(separator: " ")
        #expect(try #require(error(many)).message.hasPrefix("query has too many terms"))
        #expect(try #require(error(many)).column == 513)
    }

    @Test func diagnosticRendering() throws {
        let e = try #require(error("k>=1 modle:x"))
        #expect(e.diagnostic(for: "k>=1 modle:x") == """
              k>=1 modle:x
                   ^^^^^
            error: unknown field 'modle' — did you mean 'model'? (suggested: 'model')
            """)
    }
}

@Suite("Suggestions, folding, fields")
struct SupportTests {
    @Test func editDistance() {
        #expect(Suggest.distance("modle", "model") == 1)
        #expect(Suggest.distance("kitten", "sitting") == 3)
        #expect(Suggest.distance("", "abc") == 3)
        #expect(Suggest.distance("MODEL", "model") == 0)
        #expect(Suggest.closest(to: "verd", among: QueryFields.suggestionVocabulary) == "verdict")
        #expect(Suggest.closest(to: "xyzzy", among: QueryFields.suggestionVocabulary) == nil)
        #expect(Suggest.closest(to: "datset", among: QueryFields.suggestionVocabulary) == "dataset")
        #expect(Suggest.closest(to: "unrate", among: QueryFields.suggestionVocabulary) == "unrated")
    }

    @Test func folding() {
        #expect(TextFold.fold("Crème BRÛLÉE") == "creme brulee")
        #expect(TextFold.fold("Straße") == "strasse")
        #expect(TextFold.fold("ＡＢＣ１２３") == "abc123")
        #expect(TextFold.fold("日本語") == "日本語")
        #expect(TextFold.asciiLowercased("ÉCOLE École") == "École École")
    }

    @Test func fieldsHaveHelp() {
        #expect(QueryFields.all.allSatisfy { !$0.summary.isEmpty && !$0.syntax.isEmpty && !$0.example.isEmpty })
        #expect(QueryFields.fieldNames.contains("n_examples"))
        #expect(QueryFields.info(named: "TEXT")?.name == "question_text")
        #expect(QueryFields.info(named: "n_examples")?.name == "k")
        // Every example parses (pattern entries excepted where the placeholder is not literal syntax).
        for f in QueryFields.all {
            #expect((try? QueryParser.parse(f.example).get()) != nil, "example of \(f.name): \(f.example)")
        }
        let help = QueryFields.helpText()
        #expect(help.contains("k:N  k>=N"))
        #expect(help.split(separator: "\n").count == QueryFields.all.count + FieldInfo.Group.allCases.count + 1)
    }
}

@Suite("Lexer")
struct LexerTests {
    @Test func tokensCarrySpansForHighlighting() throws {
        let tokens = try QueryLexer.tokenize("-(k>=64 OR \"a b\") gpt-4.1.aligned:<30 x").get()
        #expect(tokens.map(\.span.column) == [1, 2, 3, 9, 12, 17, 19, 39])
        #expect(tokens[0].kind == .minus)
        #expect(tokens[3].kind == .or)
        #expect(tokens[4].kind == .phrase("a b"))
        guard case .field(let f) = tokens[6].kind else {
            Issue.record("expected a field token")
            return
        }
        #expect(f.qualifier == "gpt-4.1")
        #expect(f.name == "aligned")
        #expect(f.op == .less)
        #expect(f.opSpan == SourceSpan(column: 34, length: 2))
        #expect(f.value == "30")
        #expect(f.fullNameSpan == SourceSpan(column: 19, length: 15))
        #expect(tokens[7].kind == .word("x"))
    }

    @Test func validateForTheFilterBar() {
        let ctx = QueryContext(primaryJudge: "j", annotator: "me", blind: true)
        #expect(QueryLanguage.validate("model:x unrated", context: ctx) == nil)
        #expect(QueryLanguage.validate("verdict:aligned", context: ctx)?.column == 1)
        #expect(QueryLanguage.validate("k>=", context: ctx)?.message == "missing value after 'k>=' (no space after the operator)")
    }
}
