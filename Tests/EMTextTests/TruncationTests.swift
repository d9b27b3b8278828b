import Testing
@testable import EMText

@Suite("Truncation")
struct TruncationTests {

    @Test func padAndTruncate() {
        #expect(Truncation.fit("hello", width: 8) == "hello   ")
        #expect(Truncation.fit("hello world", width: 8) == "hello w…")
        #expect(Truncation.fit("hello", width: 5) == "hello")
        #expect(Truncation.fit("abc", width: 0) == "")
        #expect(Truncation.fit("abcdef", width: 1) == "…")
        #expect(Truncation.fit("", width: 3) == "   ")
        #expect(Truncation.fit("hello world", width: 8, ellipsis: "...") == "hello...")
    }

    @Test func wideCharactersAreSafe() {
        #expect(Truncation.fit("中文字符", width: 5) == "中文…")
        #expect(Truncation.fit("中文字符", width: 6) == "中文… ")
        #expect(Truncation.fit("中文字符", width: 8) == "中文字符")
        #expect(Truncation.fit("😀😀😀", width: 4) == "😀… ")
        #expect(Truncation.fit("a中", width: 2) == "a…")
    }

    @Test func hostileInputIsSanitizedToOneLine() {
        #expect(Truncation.fit("a\u{1B}[31mb", width: 10) == "a␛[31mb   ")
        #expect(Truncation.fit("line1\nline2", width: 12) == "line1␤line2 ")
        #expect(Truncation.fit("a\tb", width: 4) == "a b ")
        #expect(Truncation.fit("\u{202E}abc", width: 5) == "⟨U+2…")
        let cells = Truncation.fitCells("\u{7}x", width: 4)
        #expect(cells.map(\.role) == [.controlGlyph, .text, .text, .text])
    }

    @Test func trailingAlignment() {
        #expect(Truncation.fit("42", width: 5, alignment: .trailing) == "   42")
        let cells = Truncation.fitCells("42", width: 5, alignment: .trailing)
        #expect(cells.map(\.column) == [0, 1, 2, 3, 4])
    }

    @Test("always exactly N columns", arguments: HostileCorpus.small)
    func exactWidth(_ entry: HostileCorpus.Entry) {
        guard let s = entry.string else { return }
        for n in [0, 1, 2, 3, 7, 20, 64] {
            let cells = Truncation.fitCells(s, width: n)
            #expect(cells.reduce(0) { $0 + $1.width } == n, "\(entry.name) @\(n)")
            #expect(DisplayWidth.of(Truncation.fit(s, width: n)) == n, "\(entry.name) @\(n)")
            var col = 0
            for c in cells {
                #expect(c.column == col)
                col += c.width
                #expect(TestSupport.problems(c.glyph).filter { !$0.contains("empty source") }.isEmpty)
            }
        }
    }

    @Test func displayWidthOfOneLine() {
        #expect(Truncation.displayWidth("a\tb\n中") == 6)
        #expect(Truncation.displayWidth("\u{1B}") == 1)
    }
}
