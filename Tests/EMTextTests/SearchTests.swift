import Testing
@testable import EMText

@Suite("TextSearch")
struct SearchTests {

    @Test func caseAndDiacriticInsensitive() {
        let text = "Café and CAFE and cafe\u{301} and cafe"
        let m = TextSearch("cafe").matches(in: text)
        #expect(m == [0..<5, 10..<14, 19..<25, 30..<34])
        #expect(TextSearch("CAFÉ").matches(in: text) == m)
        #expect(TextSearch("strasse").matches(in: "Die Straße") == [4..<11])
        #expect(TextSearch("Ñ").matches(in: "año") == [1..<3])
    }

    @Test func matchesWhatIsShown() {
        // Placeholders are searchable by their visible text …
        #expect(TextSearch("U+202E").matches(in: "a\u{202E}b") == [1..<4])
        // … and a raw control in the needle is sanitized the same way.
        #expect(TextSearch("\u{202E}").matches(in: "a\u{202E}b") == [1..<4])
        #expect(TextSearch("␛[31m").matches(in: "x\u{1B}[31my") == [1..<6])
        #expect(TextSearch("\u{1B}[31m").matches(in: "x\u{1B}[31my") == [1..<6])
        // An invisible character cannot hide inside a word: it is visible.
        #expect(TextSearch("password").matches(in: "pass\u{200B}word").isEmpty)
        #expect(TextSearch("pass⟨U+200B⟩word").matches(in: "pass\u{200B}word") == [0..<11])
        // Hidden tag text is searchable through its placeholder.
        #expect(TextSearch("exfil").matches(in: "hi" + HostileCorpus.tags("EXFIL now")).count == 1)
    }

    @Test func lineBreaksAndTabs() {
        #expect(TextSearch("foobar").matches(in: "foo\nbar").isEmpty)
        #expect(TextSearch("a b").matches(in: "a\tb") == [0..<3])
        #expect(TextSearch("").isEmpty)
        #expect(TextSearch("").matches(in: "abc").isEmpty)
    }

    @Test func glyphRanges() {
        let glyphs = Sanitizer.sanitize("abcb 中文b")
        #expect(TextSearch("b").glyphRanges(in: glyphs) == [1..<2, 3..<4, 7..<8])
        #expect(TextSearch("中文").glyphRanges(in: glyphs) == [5..<7])
        #expect(TextSearch("bb").glyphRanges(in: Sanitizer.sanitize("bbbb")) == [0..<2, 2..<4])
    }

    @Test func wrappedTextSearchMatchesEagerSearchAcrossSegments() {
        var s = ""
        var n = 0
        while s.utf8.count < 20_000 {
            s += n % 7 == 0 ? "Needle " : "hay\u{301}stack "
            n += 1
        }
        s += "\nneedle at end"
        let w = WrappedText(s, width: 30, options: LayoutOptions(maxSegmentBytes: 300))
        #expect(w.allSegmentStarts().count > 50)
        let search = TextSearch("needle")
        let eager = search.matches(in: s)
        #expect(eager.count > 100)
        #expect(w.matches(of: search) == eager)
        // Cross-segment matches are found too.
        let spanning = TextSearch("stack needle hay")
        #expect(w.matches(of: spanning) == spanning.matches(in: s))
        // Ranges and limits.
        #expect(w.matches(of: search, limit: 3) == Array(eager.prefix(3)))
        let window = eager[10].lowerBound..<eager[20].lowerBound
        #expect(w.matches(of: search, in: window) == Array(eager[10..<20]))
        // Next / previous with wrap-around.
        #expect(w.nextMatch(of: search, from: eager[5].lowerBound + 1) == eager[6])
        #expect(w.nextMatch(of: search, from: eager.last!.lowerBound + 1) == eager[0])
        #expect(w.nextMatch(of: search, from: eager.last!.lowerBound + 1, wrap: false) == nil)
        #expect(w.previousMatch(of: search, before: eager[5].lowerBound) == eager[4])
        #expect(w.previousMatch(of: search, before: 0) == eager.last)
    }

    @Test func highlightingVisibleLines() {
        let w = WrappedText("find me, then find me again", width: 10)
        let lines = w.lines(0..<10)
        #expect(lines.map(\.text) == ["find me,", "then find", "me again"])
        let matches = w.matches(of: TextSearch("find me"))
        #expect(matches.count == 2)
        #expect(lines.map { $0.highlightedColumns(for: matches) } == [[0..<7], [5..<9], [0..<2]])
    }
}
