import EMCore
import Foundation
import Testing

@Suite("JSON parser and compact text")
struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let v = try JSONParser.parse(#" {"a": [1, -2.5e3, true, false, null], "s": "x\n\"y\" \u00e9 \ud83d\ude00 \/", "o": {}} "#)
        #expect(v == .object([
            "a": .array([.number(1), .number(-2500), .bool(true), .bool(false), .null]),
            "s": .string("x\n\"y\" é 😀 /"),
            "o": .object([:]),
        ]))
    }

    /// The string scan skips 8 bytes at a time while none is a quote, backslash or control byte:
    /// every special byte at every offset around those 8-byte steps must still be seen.
    @Test func stringScanSeesSpecialBytesAtEveryOffset() throws {
        let specials: [(json: String, value: String)] = [("\\\"", "\""), ("\\\\", "\\"), ("\\n", "\n"), ("\\u00e9", "é"),
                                                         ("é", "é"), ("😀", "😀"), ("~", "~"), ("\u{7F}", "\u{7F}")]
        for length in 0..<26 {
            for at in 0...length {
                // After an escape at the start, the scan runs in its second (copying) loop.
                for (json, value) in specials {
                    for (prefixJSON, prefix) in [("", ""), ("\\t", "\t")] {
                        let plain = String(repeating: "a", count: length)
                        let i = plain.index(plain.startIndex, offsetBy: at)
                        let text = "[\"" + prefixJSON + plain[..<i] + json + plain[i...] + "\"]"
                        #expect(try JSONParser.parse(text) == .array([.string(prefix + plain[..<i] + value + plain[i...])]), "\(text)")
                    }
                }
                // A raw control byte or a missing closing quote is still refused at any offset.
                let plain = String(repeating: "b", count: length)
                let i = plain.index(plain.startIndex, offsetBy: at)
                #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("[\"" + plain[..<i] + "\u{01}" + plain[i...] + "\"]") }
                #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("[\"" + plain) }
            }
        }
    }

    @Test func refusesBrokenJSONWithAnOffset() {
        for text in [#"{"a":1,}"#, #"{"a" 1}"#, #"[1 2]"#, #""unterminated"#, #"{"a":01}"#, "\"tab\there\"", #"nul"#, #"{"a":1} x"#, #"-"#, #"1."#] {
            #expect(throws: JSONParser.Failure.self, "\(text)") { try JSONParser.parse(text) }
        }
        let e = #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(#"{"a": tru}"#) }
        #expect(e?.offset == 6)
    }

    @Test func nonFiniteTokensOnlyWhenAllowed() throws {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(#"{"v": NaN}"#) }
        let v = try JSONParser.parse(#"[NaN, Infinity, -Infinity]"#, allowNonFinite: true)
        guard case .array(let a) = v, case .number(let nan) = a[0] else { Issue.record("not an array"); return }
        #expect(nan.isNaN)
        #expect(a[1] == .number(.infinity))
        #expect(a[2] == .number(-.infinity))
    }

    @Test func invalidUTF8IsRefused() {
        #expect([UInt8]([0x41, 0xC3, 0xA9]).withUnsafeBufferPointer { JSONParser.isValidUTF8($0) })
        let bad: [UInt8] = Array(#"{"a":""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(throws: JSONParser.Failure(offset: 0, problem: JSONParser.invalidUTF8)) { try JSONParser.parse(bad) }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
    }

    /// `jsonText` must stay byte-identical to what JSONEncoder wrote before (stores and exports compare bytes).
    @Test func compactTextEqualsJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var rng = SplitMix64(seed: 7)
        let strings = ["", "a/b", "é", "😀", "\u{1}\t\n\"\\", "B", "b", "Z", "\u{7F}", "\u{2028}"]
        func random(_ depth: Int) -> JSONValue {
            switch rng.next() % (depth > 2 ? 4 : 6) {
            case 0: return .null
            case 1: return .bool(rng.next() % 2 == 0)
            case 2:
                let choices: [Double] = [0, -0.0, 1, 85, 98.2, 0.1, 1e22, 1.5e-7, 123456789012345680, -3.25, Double(rng.next() % 100_000) / 7]
                return .number(choices[Int(rng.next() % UInt64(choices.count))])
            case 3: return .string(strings[Int(rng.next() % UInt64(strings.count))])
            case 4: return .array((0..<Int(rng.next() % 4)).map { _ in random(depth + 1) })
            default:
                var o: [String: JSONValue] = [:]
                for _ in 0..<Int(rng.next() % 5) { o[strings[Int(rng.next() % UInt64(strings.count))]] = random(depth + 1) }
                return .object(o)
            }
        }
        for _ in 0..<2000 {
            let value = random(0)
            let expected = String(decoding: try encoder.encode(value), as: UTF8.self)
            #expect(value.compactText == expected)
            #expect(try JSONParser.parse(value.compactText) == value)
        }
    }
}

