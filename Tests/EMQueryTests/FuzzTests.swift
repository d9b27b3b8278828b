import EMCore
import Testing
@testable import EMQuery


enum QueryFuzz {
    static let names = QueryFields.fieldNames + ["unrated", "modle", "gpt-4o.aligned", "judge-b.verdict", "j.harm",
                                                 ".aligned", "judge.", "a.b.c", "\"q j\".aligned", "x/y.coherent"]
    static let operators = [":", ":", ":", ">=", "<", "!=", "=", ">", "<=", ":>=", ":<", "!", "::"]
    static let values = ["gpt*", "gemini-2.5", "64", "-3", "12.5", "1e3", "0x10", "nan", "misaligned", "aligned",
                         "unjudged", "yes", "no", "maybe", "me", "ana", "disagree", "conflict", "a/b", "/", "a|b",
                         "*", "?", "[x]", "", "99999999999999999999999", "'; DROP TABLE runs; --", "ok"]
    static let pieces = ["(", ")", "\"", "\\\"", "\\\\", "-", "NOT", "OR", "AND", "or", " ", " ", " ", "\t", "\n",
                         "é", "e\u{301}", "日本語", "猫", "👨‍👩‍👧", "\u{202E}", "ß", "Ａ", "\u{0}", "\u{7}", "\u{1B}",
                         "\u{7F}", "\r\n", ".", "/", "'", ";", "--", "*", "kill", "\"a b\"", "\"\""]

    static func randomQuery(_ rng: inout SplitMix64) -> String {
        var out = ""
        let count = Int.random(in: 0...12, using: &rng)
        for _ in 0..<count {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0...3:
                out += names.randomElement(using: &rng)! + operators.randomElement(using: &rng)!
                    + values.randomElement(using: &rng)!
            case 4...7:
                out += pieces.randomElement(using: &rng)!
            case 8:
                out += values.randomElement(using: &rng)!
            default:
                let scalar = Unicode.Scalar(UInt32.random(in: 0...0x2FFFF, using: &rng)) ?? "x"
                out.unicodeScalars.append(scalar)
            }
            if Bool.random(using: &rng) { out += " " }
        }
        return out
    }
}

@Suite("Property: random input never traps")
struct FuzzTests {
    @Test func fiveThousandRandomQueries() throws {
        var rng = SplitMix64(seed: 0x5EED_CAFE)
        let open = QueryContext(primaryJudge: "gpt-4o", annotator: "ana")
        let blind = QueryContext(primaryJudge: "gpt-4o", annotator: "ana", blind: true)
        var parsed = 0
        var failed = 0
        for _ in 0..<5_000 {
            let text = QueryFuzz.randomQuery(&rng)
            let length = text.count
            switch QueryParser.parse(text) {
            case .failure(let e):
                failed += 1
                #expect(e.column >= 1 && e.column <= length + 1, "\(text.debugDescription): \(e)")
                #expect(e.length >= 0 && e.column + e.length <= length + 2, "\(text.debugDescription): \(e)")
                #expect(!e.message.isEmpty)
            case .success(let node):
                parsed += 1
                for term in node.terms {
                    #expect(term.span.column >= 1 && term.span.column + term.span.length <= length + 1,
                            "\(text.debugDescription)")
                }
                // Every successful parse compiles, with user text only in the arguments.
                switch SQLCompiler.compile(node, context: open) {
                case .success(let f):
                    #expect(f.placeholderCount == f.arguments.count, "\(text.debugDescription)")
                    #expect(InjectionTests.isOwnSQL(f.sql), "\(text.debugDescription) → \(f.sql)")
                case .failure(let e):
                    Issue.record("\(text.debugDescription) parsed but did not compile: \(e)")
                }
                if case .failure(let e) = SQLCompiler.compile(node, context: blind) {
                    #expect(e.message.contains("hidden in blind mode"), "\(text.debugDescription): \(e)")
                }
                // Canonical text parses back to the same tree.
                let canonical = QueryFormatter.format(node)
                let reparsed = QueryParser.parse(canonical)
                #expect((try? reparsed.get()) == node, "\(text.debugDescription) → \(canonical.debugDescription)")
            }
        }
        // The generator must exercise both outcomes.
        #expect(parsed > 1_000)
        #expect(failed > 1_000)
    }
}
