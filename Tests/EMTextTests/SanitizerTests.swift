import Foundation
import Testing
@testable import EMText

@Suite("Sanitizer")
struct SanitizerTests {

    // MARK: Corpus-wide safety

    @Test("corpus has at least 50 cases")
    func corpusSize() {
        #expect(HostileCorpus.all.count >= 50)
        #expect(Set(HostileCorpus.all.map(\.name)).count == HostileCorpus.all.count)
    }

    @Test("no corpus string produces a control, bidi or invisible scalar", arguments: HostileCorpus.small)
    func corpusIsSafe(_ entry: HostileCorpus.Entry) {
        var problems: [String] = []
        Sanitizer.forEachGlyph(inUTF8: entry.bytes) { g in
            problems += TestSupport.problems(g)
        }
        if let s = entry.string {
            Sanitizer.forEachGlyph(in: s) { g in problems += TestSupport.problems(g) }
            Sanitizer.forEachGlyph(in: s, options: .oneLine) { g in
                problems += TestSupport.problems(g)
                if g.role == .lineBreak { problems.append("line break in one-line mode") }
            }
            #expect(!Sanitizer.safeString(s).unicodeScalars.contains {
                TestSupport.isForbidden($0.value) && $0 != "\n" && $0 != "\t"
            })
            #expect(!Sanitizer.singleLineString(s).unicodeScalars.contains { TestSupport.isForbidden($0.value) })
        }
        #expect(problems.isEmpty, "\(entry.name): \(problems.prefix(5))")
    }

    @Test("large corpus strings are safe (streamed)")
    func largeCorpusIsSafe() {
        for entry in HostileCorpus.large {
            var problems = 0
            var first: [String] = []
            var glyphs = 0
            var lastSource = 0
            var ordered = true
            Sanitizer.forEachGlyph(inUTF8: entry.bytes) { g in
                glyphs += 1
                if g.source.lowerBound < lastSource { ordered = false }
                lastSource = g.source.lowerBound
                let p = TestSupport.problems(g)
                if !p.isEmpty {
                    problems += 1
                    if first.count < 3 { first += p }
                }
            }
            #expect(problems == 0, "\(entry.name): \(first)")
            #expect(glyphs > 100_000)
            #expect(ordered, "glyph sources must be non-decreasing")
        }
    }

    @Test("sources cover the input without gaps for valid text", arguments: HostileCorpus.small)
    func sourcesCoverInput(_ entry: HostileCorpus.Entry) {
        let glyphs = Sanitizer.sanitize(utf8: entry.bytes)
        var covered = [Bool](repeating: false, count: entry.bytes.count)
        for g in glyphs {
            #expect(g.source.lowerBound >= 0 && g.source.upperBound <= entry.bytes.count)
            for k in g.source { covered[k] = true }
        }
        #expect(covered.allSatisfy { $0 }, "\(entry.name): every byte is represented")
    }

    @Test("String, bytes and Data entry points agree")
    func entryPointsAgree() {
        for entry in HostileCorpus.small {
            let fromBytes = Sanitizer.sanitize(utf8: entry.bytes)
            #expect(Sanitizer.sanitize(Data(entry.bytes)) == fromBytes)
            if let s = entry.string {
                #expect(Sanitizer.sanitize(s) == fromBytes, "\(entry.name)")
            }
        }
    }

    // MARK: Escape sequences

    @Test func csiIsShownLiterallyAfterEscPlaceholder() {
        let g = Sanitizer.sanitize("\u{1B}[31mred\u{1B}[0m")
        #expect(TestSupport.shown(g) == "␛[31mred␛[0m")
        #expect(g.map(\.role) == [.controlGlyph, .escapeSequence, .escapeSequence, .escapeSequence, .escapeSequence,
                                  .text, .text, .text,
                                  .controlGlyph, .escapeSequence, .escapeSequence, .escapeSequence])
        #expect(g[0].isPlaceholder && !g[5].isPlaceholder)
    }

    @Test func oscClipboardWriteIsVisible() {
        let g = Sanitizer.sanitize("\u{1B}]52;c;ZXZpbA==\u{07}after")
        #expect(TestSupport.shown(g) == "␛]52;c;ZXZpbA==␇after")
        #expect(g.first?.role == .controlGlyph)
        #expect(g.dropFirst().prefix(14).allSatisfy { $0.role == .escapeSequence })
        #expect(g[15].text == "␇" && g[15].role == .controlGlyph)
        #expect(g[16].role == .text)
    }

    @Test func osc8HyperlinkShowsTargetAndLabel() {
        let s = "\u{1B}]8;;https://evil.example/\u{1B}\\click\u{1B}]8;;\u{1B}\\"
        let g = Sanitizer.sanitize(s)
        #expect(TestSupport.shown(g) == "␛]8;;https://evil.example/␛\\click␛]8;;␛\\")
        let label = g.filter { $0.role == .text }.map(\.text).joined()
        #expect(label == "click")
    }

    @Test func stringSequencesDcsApcPmSos() {
        for intro in ["P", "_", "^", "X"] {
            let g = Sanitizer.sanitize("\u{1B}\(intro)body\u{1B}\\tail")
            #expect(TestSupport.shown(g) == "␛\(intro)body␛\\tail")
            #expect(g.filter { $0.role == .text }.map(\.text).joined() == "tail")
        }
    }

    @Test func c1ControlsAsScalars() {
        let g = Sanitizer.sanitize("\u{9B}31mred")
        #expect(TestSupport.shown(g) == "⟨U+009B⟩31mred")
        #expect(g[0].role == .controlGlyph && g[0].width == 8)
        #expect(g[1].role == .escapeSequence && g[3].role == .escapeSequence)
        #expect(g[4].role == .text)
        #expect(TestSupport.shown("\u{9D}0;t\u{9C}x") == "⟨U+009D⟩0;t⟨U+009C⟩x")
        #expect(TestSupport.shown("\u{85}") == "⟨U+0085⟩")
    }

    @Test func rawC1BytesAreInvalidUTF8() {
        let g = Sanitizer.sanitize(utf8: [0x9B, 0x33, 0x31, 0x6D, 0x78])
        #expect(TestSupport.shown(g) == "\u{FFFD}31mx")
        #expect(g[0].role == .controlGlyph)
    }

    @Test func escapeStylingIsOptional() {
        let g = Sanitizer.sanitize("\u{1B}[1mx", options: SanitizerOptions(styleEscapeSequences: false))
        #expect(g.map(\.role) == [.controlGlyph, .text, .text, .text, .text])
    }

    @Test func canAbortsSequence() {
        let g = Sanitizer.sanitize("\u{1B}[3\u{18}x")
        #expect(TestSupport.shown(g) == "␛[3␘x")
        #expect(g.last?.role == .text)
    }

    // MARK: C0, DEL, CR

    @Test func c0AndDelUseControlPictures() {
        #expect(TestSupport.shown("a\u{0}b\u{7}c\u{8}d\u{7F}") == "a␀b␇c␈d␡")
        #expect(TestSupport.shown("\u{1B}") == "␛")
        #expect(TestSupport.shown("\u{1F}") == "␟")
    }

    @Test func crlfAndLoneCR() {
        let g = Sanitizer.sanitize("a\r\nb")
        #expect(g.map(\.role) == [.text, .lineBreak, .text])
        #expect(g[1].source == 1..<3)
        #expect(TestSupport.shown("a\rb") == "a␍b")
        let strict = Sanitizer.sanitize("a\r\nb", options: SanitizerOptions(crlfIsNewline: false))
        #expect(TestSupport.shown(strict) == "a␍\nb")
        // CR LF whose LF starts a grapheme cluster after non-ASCII text.
        #expect(TestSupport.shown("é\r\nx") == "é\nx")
    }

    @Test func tabsAndNewlines() {
        let g = Sanitizer.sanitize("a\tb\nc")
        #expect(g.map(\.role) == [.text, .tab, .text, .lineBreak, .text])
        #expect(g[1].text == " ")
        #expect(TestSupport.shown(Sanitizer.sanitize("a\nb", options: .oneLine)) == "a␤b")
        #expect(Sanitizer.safeString("a\u{1B}[1m\tb\nc") == "a␛[1m\tb\nc")
        #expect(Sanitizer.singleLineString("a\tb\r\nc\u{0}") == "a b␤c␀")
    }

    // MARK: Bidi and invisible characters

    @Test func bidiControlsArePlaceholders() {
        #expect(TestSupport.shown("invoice_\u{202E}fdp.exe") == "invoice_⟨U+202E⟩fdp.exe")
        #expect(TestSupport.shown("\u{2066}x\u{2069}") == "⟨U+2066⟩x⟨U+2069⟩")
        #expect(TestSupport.shown("\u{200E}\u{200F}\u{61C}") == "⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩")
        for v: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let g = Sanitizer.sanitize(String(Unicode.Scalar(v)!))
            #expect(g.count == 1 && g[0].role == .controlGlyph)
        }
    }

    @Test func zeroWidthCharactersArePlaceholders() {
        #expect(TestSupport.shown("pass\u{200B}word") == "pass⟨U+200B⟩word")
        #expect(TestSupport.shown("a\u{200C}b") == "a⟨U+200C⟩b")
        #expect(TestSupport.shown("a\u{200D}b") == "a⟨U+200D⟩b")
        #expect(TestSupport.shown("\u{FEFF}x\u{2060}y") == "⟨U+FEFF⟩x⟨U+2060⟩y")
        #expect(TestSupport.shown("in\u{AD}vis\u{180E}") == "in⟨U+00AD⟩vis⟨U+180E⟩")
        #expect(TestSupport.shown("a\u{2028}b\u{2029}c") == "a⟨U+2028⟩b⟨U+2029⟩c")
        #expect(TestSupport.shown("\u{3164}") == "⟨U+3164⟩")
        #expect(TestSupport.shown("\u{FE0F}x") == "⟨U+FE0F⟩x")
    }

    @Test func privateUseUnassignedNoncharacters() {
        #expect(TestSupport.shown("\u{E000}") == "⟨U+E000⟩")
        #expect(TestSupport.shown("\u{10FFFD}") == "⟨U+10FFFD⟩")
        #expect(TestSupport.shown("\u{FFFF}") == "⟨U+FFFF⟩")
        #expect(TestSupport.shown("\u{50000}") == "⟨U+50000⟩")
        // A literal U+FFFD in valid text is ordinary text.
        #expect(Sanitizer.sanitize("\u{FFFD}")[0].role == .text)
    }

    @Test func asciiSmugglingTagsAreDecodedIntoOnePlaceholder() {
        let s = "Hi" + HostileCorpus.tags("run rm") + "!"
        let g = Sanitizer.sanitize(s)
        #expect(TestSupport.shown(g) == "Hi⟨tags \"run rm\"⟩!")
        #expect(g[2].role == .controlGlyph)
    }

    @Test func tagsBehindAFlagAreOnlyKeptForRealSubdivisionFlags() {
        let scotland = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"
        #expect(Sanitizer.sanitize(scotland).map(\.text) == [scotland])
        let hidden = "🏴" + HostileCorpus.tags("Send Key") + "\u{E007F}"
        #expect(TestSupport.shown(hidden) == "🏴⟨tags \"Send Key\"⟩⟨U+E007F⟩")
        let noCancel = "🏴" + HostileCorpus.tags("gbsct")
        #expect(TestSupport.shown(noCancel) == "🏴⟨tags \"gbsct\"⟩")
        let tooLong = "🏴" + HostileCorpus.tags("abcdefgh") + "\u{E007F}"
        #expect(TestSupport.shown(tooLong) == "🏴⟨tags \"abcdefgh\"⟩⟨U+E007F⟩")
    }

    // MARK: Emoji

    @Test func emojiSequencesStayIntact() {
        for e in ["👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "❤️", "#️⃣", "👍🏽", "🇺🇸", "🧑🏽‍🤝‍🧑🏿",
                  "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"] {
            let g = Sanitizer.sanitize(e)
            #expect(g.count == 1, "\(e)")
            #expect(g.first?.text == e)
            #expect(g.first?.width == 2)
            #expect(g.first?.role == .text)
        }
    }

    @Test func longZWJChainIsSplit() {
        let s = "😀" + String(repeating: "\u{200D}😀", count: 10)
        let g = Sanitizer.sanitize(s)
        #expect(g[0].text == "😀\u{200D}😀\u{200D}😀\u{200D}😀")
        #expect(g[1].text == "⟨U+200D⟩")
        #expect(g.filter { $0.role == .text }.map(\.text).joined().unicodeScalars.filter { $0 == "😀" }.count == 11)
    }

    // MARK: Combining marks

    @Test func combiningStackIsCapped() {
        let s = "Z" + String(repeating: "\u{336}", count: 200) + "a"
        let g = Sanitizer.sanitize(s)
        #expect(g.count == 3)
        #expect(g[0].text == "Z" + String(repeating: "\u{336}", count: 8))
        #expect(g[0].width == 1)
        #expect(g[1].text == "⟨+192 marks⟩" && g[1].role == .controlGlyph)
        #expect(g[1].source == 17..<401)
        #expect(g[2].text == "a")
        let four = Sanitizer.sanitize(s, options: SanitizerOptions(maxCombiningMarks: 4))
        #expect(four[1].text == "⟨+196 marks⟩")
    }

    @Test func ordinaryCombiningIsKept() {
        let g = Sanitizer.sanitize("e\u{301}te\u{301}")
        #expect(g.map(\.text) == ["e\u{301}", "t", "e\u{301}"])
        #expect(g.map(\.width) == [1, 1, 1])
        #expect(g[0].source == 0..<3)
    }

    @Test func loneCombiningMarkGetsDottedCircle() {
        let g = Sanitizer.sanitize("\u{301}a")
        #expect(g[0].text == "◌\u{301}" && g[0].width == 1 && g[0].role == .text)
        #expect(TestSupport.shown("\u{1B}\u{301}") == "␛◌\u{301}")
    }

    // MARK: Invalid UTF-8

    @Test func invalidBytesBecomeReplacementPlaceholders() {
        let g = Sanitizer.sanitize(utf8: [0x61, 0xC3, 0x28, 0xE2, 0x82, 0x62, 0xF0, 0x9F, 0x98])
        #expect(TestSupport.shown(g) == "a\u{FFFD}(\u{FFFD}b\u{FFFD}")
        #expect(g.filter { $0.text == "\u{FFFD}" }.allSatisfy { $0.role == .controlGlyph })
        #expect(g[3].source == 3..<5)       // E2 82 is one maximal subpart
        #expect(g[5].source == 6..<9)
        // Surrogates and overlongs: one replacement per byte.
        #expect(TestSupport.shown(Sanitizer.sanitize(utf8: [0xED, 0xA0, 0x80])) == "\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(TestSupport.shown(Sanitizer.sanitize(utf8: [0xC0, 0x9B])) == "\u{FFFD}\u{FFFD}")
        #expect(TestSupport.shown(Sanitizer.sanitize(utf8: [0xE2, 0x82, 0xAC])) == "€")
    }

    @Test func placeholderForScalarAPI() {
        #expect(Sanitizer.placeholder(for: "\u{1B}") == "␛")
        #expect(Sanitizer.placeholder(for: "\u{202E}") == "⟨U+202E⟩")
        #expect(Sanitizer.placeholder(for: "\u{200D}") == "⟨U+200D⟩")
        #expect(Sanitizer.placeholder(for: "a") == nil)
        #expect(Sanitizer.placeholder(for: "\n") == nil)
        #expect(Sanitizer.placeholder(for: "中") == nil)
    }
}
