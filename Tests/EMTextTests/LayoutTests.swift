import Testing
@testable import EMText

@Suite("TextLayout")
struct LayoutTests {

    @Test func wordWrap() {
        #expect(TestSupport.wrap("the quick brown fox jumps over the lazy dog", 10)
                == ["the quick", "brown fox", "jumps over", "the lazy", "dog"])
        #expect(TestSupport.wrap("aaa bbb", 4) == ["aaa", "bbb"])
        #expect(TestSupport.wrap("aaa     bbb", 5) == ["aaa", "bbb"])
        #expect(TestSupport.wrap("aaa bbb", 7) == ["aaa bbb"])
        #expect(TestSupport.wrap("aaa bbb", 3) == ["aaa", "bbb"])
    }

    @Test func longWordsBreak() {
        #expect(TestSupport.wrap("abcdefghijklmnop", 5) == ["abcde", "fghij", "klmno", "p"])
        #expect(TestSupport.wrap("go https://example.com/very/long/path ok", 12)
                == ["go", "https://exam", "ple.com/very", "/long/path", "ok"])
    }

    @Test func indentationAndTrailingSpaces() {
        #expect(TestSupport.wrap("    indented text here", 10) == ["    indent", "ed text", "here"])
        #expect(TestSupport.wrap("  ab", 10) == ["  ab"])
        #expect(TestSupport.wrap("ab  ", 10) == ["ab  "])
        #expect(TestSupport.wrap("ab" + String(repeating: " ", count: 30), 10) == ["ab"])
        #expect(TestSupport.wrap("   ", 10) == ["   "])
    }

    @Test func paragraphsAndEmptyLines() {
        #expect(TestSupport.wrap("a\n\nb\n", 10) == ["a", "", "b"])
        #expect(TestSupport.wrap("a\n", 10) == ["a"])
        #expect(TestSupport.wrap("a\n\n", 10) == ["a", ""])
        #expect(TestSupport.wrap("\n", 10) == [""])
        #expect(TestSupport.wrap("", 10) == [])
        #expect(TestSupport.wrap("one\r\ntwo", 10) == ["one", "two"])
        let lines = TextLayout.wrap("aaa bbb\nccc", width: 3)
        #expect(lines.map(\.isContinuation) == [false, true, false])
    }

    @Test func wideCharactersNeverStraddle() {
        #expect(TestSupport.wrap("ab中文字", 5) == ["ab中", "文字"])
        #expect(TestSupport.wrap("abcd😀", 5) == ["abcd", "😀"])
        #expect(TestSupport.wrap("一二三四五六七八九十", 6) == ["一二三", "四五六", "七八九", "十"])
        #expect(TestSupport.wrap("一二三四五六七八九十", 5) == ["一二", "三四", "五六", "七八", "九十"])
        #expect(TestSupport.wrap("hello 世界你好", 8) == ["hello 世", "界你好"])
        #expect(TestSupport.wrap("😀😀😀", 5) == ["😀😀", "😀"])
        for line in TextLayout.wrap(String(repeating: "中a", count: 50), width: 7) {
            #expect(line.width <= 7)
        }
        // Width 1 cannot show a wide glyph: a narrow stand-in is used.
        #expect(TestSupport.wrap("中", 1) == ["?"])
    }

    @Test func tabsExpandToMultiplesOfEight() {
        #expect(TestSupport.wrap("a\tb", 20) == ["a       b"])
        #expect(TestSupport.wrap("abcdefghi\tx", 20) == ["abcdefghi       x"])
        #expect(TestSupport.wrap("\tx", 20) == ["        x"])
        let line = TextLayout.wrap("a\tb", width: 20)[0]
        #expect(line.cells.map(\.column) == [0, 1, 8])
        #expect(line.cells[1].role == .tab && line.cells[1].width == 7)
        // Tab stops are measured from the start of each display line.
        #expect(TestSupport.wrap("aaaa bbbb\tc", 9) == ["aaaa bbbb", "c"])
        #expect(TestSupport.wrap("aaaa bb\tc", 8) == ["aaaa bb", "c"])
        #expect(TestSupport.wrap("x\ty", 4) == ["x", "y"])   // a tab at a soft break is consumed
        #expect(TestSupport.wrap("ab\tc", 20, tabWidth: 4) == ["ab  c"])
    }

    @Test func placeholdersAndLongPlaceholders() {
        #expect(TestSupport.wrap("a\u{1B}[1mb", 80) == ["a␛[1mb"])
        #expect(TestSupport.wrap("\u{202E}", 4) == ["⟨U+2", "02E⟩"])
        let lines = TextLayout.wrap("x\u{202E}", width: 4)
        #expect(lines.allSatisfy { $0.width <= 4 })
        #expect(lines.flatMap(\.cells).filter { $0.role == .controlGlyph }.map(\.text).joined() == "⟨U+202E⟩")
    }

    @Test func columnsAreConsistent() {
        for entry in HostileCorpus.small {
            let glyphs = Sanitizer.sanitize(utf8: entry.bytes)
            for width in [1, 2, 3, 5, 8, 13, 40, 80] {
                let lines = TextLayout.wrap(glyphs, width: width)
                for line in lines {
                    #expect(line.width <= width, "\(entry.name) @\(width)")
                    var col = 0
                    for c in line.cells {
                        #expect(c.column == col, "\(entry.name) @\(width)")
                        #expect(c.role != .lineBreak)
                        col += c.width
                    }
                    #expect(col == line.width)
                }
            }
        }
    }

    @Test func sourceRangesAreContiguousWithinParagraphs() {
        let text = "alpha beta gamma delta epsilon zeta eta theta\nsecond paragraph here"
        let lines = TextLayout.wrap(text, width: 11)
        #expect(lines.first?.sourceRange.lowerBound == 0)
        for k in 1..<lines.count where lines[k].isContinuation {
            #expect(lines[k].sourceRange.lowerBound == lines[k - 1].sourceRange.upperBound)
        }
        #expect(lines.last?.sourceRange.upperBound == text.utf8.count)
    }

    @Test func highlightColumns() {
        let line = TextLayout.wrap("ab中cd", width: 20)[0]
        // "中" occupies bytes 2..<5 and columns 2..<4.
        #expect(line.highlightedColumns(for: [2..<5]) == [2..<4])
        #expect(line.highlightedColumns(for: [0..<1, 1..<2]) == [0..<2])
        #expect(line.highlightedColumns(for: [5..<7]) == [4..<6])
        #expect(line.highlightedColumns(for: []) == [])
    }
}

extension TestSupport {
    static func wrap(_ text: String, _ width: Int, tabWidth: Int) -> [String] {
        return TextLayout.wrap(text, width: width, options: LayoutOptions(tabWidth: tabWidth)).map(\.text)
    }
}
