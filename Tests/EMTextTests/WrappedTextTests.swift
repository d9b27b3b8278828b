import Foundation
import Testing
@testable import EMText

@Suite("WrappedText")
struct WrappedTextTests {

    /// Multi-paragraph text whose paragraphs are all shorter than the
    /// segment limit, so lazy and eager layout must agree exactly.
    static let prose: String = {
        var g = HostileCorpus.Generator(state: 7)
        var s = ""
        for p in 0..<120 {
            let n = g.next(40)
            for k in 0..<n {
                if k > 0 { s += g.next(9) == 0 ? "\t" : " " }
                s += HostileCorpus.words[g.next(HostileCorpus.words.count)]
                if g.next(15) == 0 { s += "中文" }
                if g.next(30) == 0 { s += "\u{1B}[1m" }
            }
            s += p % 17 == 0 ? "\r\n" : "\n"
            if p % 11 == 0 { s += "\n" }
        }
        return s
    }()

    @Test("lazy layout equals eager layout", arguments: [1, 7, 20, 80])
    func lazyEqualsEager(_ width: Int) {
        let eager = TextLayout.wrap(Self.prose, width: width)
        let lazy = WrappedText(Self.prose, width: width)
        #expect(lazy.exactLineCount() == eager.count)
        #expect(lazy.lines(0..<eager.count) == eager)
        #expect(lazy.lines(from: lazy.startPosition, count: eager.count + 10) == eager)
        // Windows anywhere agree too.
        for start in stride(from: 0, to: eager.count, by: 37) {
            let window = lazy.lines(start..<(start + 24))
            #expect(window == Array(eager[start..<min(eager.count, start + 24)]))
        }
    }

    @Test("corpus entries: lazy equals eager", arguments: HostileCorpus.small)
    func corpusLazyEqualsEager(_ entry: HostileCorpus.Entry) {
        let eager = TextLayout.wrap(Sanitizer.sanitize(utf8: entry.bytes), width: 13)
        let lazy = WrappedText(utf8: entry.bytes, width: 13)
        // Escape styling restarts per paragraph in both, so they agree.
        #expect(lazy.lines(0..<(eager.count + 1)) == eager, "\(entry.name)")
    }

    @Test func positionsAndGlobalIndicesAgree() {
        let w = WrappedText(Self.prose, width: 17)
        let total = w.exactLineCount()
        var p = w.startPosition
        for k in 0..<total {
            #expect(w.lineIndex(of: p) == k)
            #expect(w.position(ofLine: k) == p)
            p = w.position(p, offsetBy: 1)
        }
        #expect(w.lineIndex(of: p) == total - 1)     // clamped at the last line
        #expect(w.position(ofLine: total) == w.endSentinel)
        #expect(w.position(w.startPosition, offsetBy: -5) == w.startPosition)
        let mid = w.position(ofLine: 100)
        #expect(w.lineIndex(of: w.position(mid, offsetBy: 57)) == 157)
        #expect(w.lineIndex(of: w.position(mid, offsetBy: -57)) == 43)
        #expect(w.lineIndex(of: w.position(w.endSentinel, offsetBy: -1)) == total - 1)
        #expect(w.lineIndex(of: w.position(w.endSentinel, offsetBy: -3)) == total - 3)
    }

    @Test func endPositionAndScrolling() {
        let w = WrappedText(Self.prose, width: 30)
        let total = w.exactLineCount()
        let end = w.endPosition(visibleRows: 20)
        #expect(w.lineIndex(of: end) == total - 20)
        #expect(w.lines(from: end, count: 20).count == 20)
        #expect(w.lines(from: end, count: 21).count == 20)
        #expect(w.scrolled(end, by: 10, visibleRows: 20) == end)
        #expect(w.lineIndex(of: w.scrolled(end, by: -10, visibleRows: 20)) == total - 30)
        #expect(w.scrolled(w.startPosition, by: -3, visibleRows: 20) == w.startPosition)
        let small = WrappedText("one\ntwo", width: 10)
        #expect(small.endPosition(visibleRows: 20) == small.startPosition)
    }

    @Test func emptyText() {
        let w = WrappedText("", width: 10)
        #expect(w.isEmpty)
        #expect(w.exactLineCount() == 0)
        #expect(w.estimatedLineCount == 0)
        #expect(w.lines(0..<10).isEmpty)
        #expect(w.lines(from: w.startPosition, count: 5).isEmpty)
        #expect(w.endPosition(visibleRows: 5) == w.startPosition)
        #expect(w.position(w.startPosition, offsetBy: 3) == w.startPosition)
        #expect(w.fraction(of: w.startPosition) == 0)
    }

    @Test func longParagraphIsSegmented() {
        var s = ""
        var n = 0
        while s.utf8.count < 100_000 {
            s += "word\(n) "
            n += 1
        }
        let options = LayoutOptions(maxSegmentBytes: 1_000)
        let w = WrappedText(s, width: 37, options: options)
        #expect(w.allSegmentStarts().count >= 50)
        let lines = w.lines(0..<w.exactLineCount())
        #expect(lines.allSatisfy { $0.width <= 37 })
        #expect(lines.dropFirst().allSatisfy { $0.isContinuation })
        // No word is lost, split or reordered at segment boundaries.
        let shown = lines.map(\.text).joined(separator: " ").split(separator: " ").map(String.init)
        #expect(shown == (0..<n).map { "word\($0)" })
        // Source ranges tile the text.
        #expect(lines.first?.sourceRange.lowerBound == 0)
        for k in 1..<lines.count {
            #expect(lines[k].sourceRange.lowerBound == lines[k - 1].sourceRange.upperBound)
        }
        #expect(lines.last?.sourceRange.upperBound == s.utf8.count)
    }

    @Test func segmentCutsKeepGraphemesWhole() {
        // No ASCII at all: cuts must fall between graphemes, never inside
        // an emoji sequence or before a combining mark.
        let unit = "中文e\u{301}👩‍💻🇯🇵"
        let s = String(repeating: unit, count: 3_000)
        let w = WrappedText(s, width: 20, options: LayoutOptions(maxSegmentBytes: 500))
        #expect(w.allSegmentStarts().count > 50)
        let glyphs = w.lines(0..<w.exactLineCount()).flatMap(\.cells).map(\.text)
        #expect(glyphs == Array(s).map(String.init))
    }

    @Test func estimatedLineCountConverges() {
        let w = WrappedText(Self.prose, width: 25)
        let before = w.estimatedLineCount
        #expect(before > 0)
        let exact = w.exactLineCount()
        #expect(w.estimatedLineCount == exact)
    }

    @Test func byteOffsetsMapToPositions() {
        let text = "first line\nsecond line is longer than ten\nthird"
        let w = WrappedText(text, width: 10)
        let lines = w.lines(0..<100)
        #expect(lines.map(\.text) == ["first line", "second", "line is", "longer", "than ten", "third"])
        let offset = text.utf8.count - 2   // inside "third"
        #expect(w.lineIndex(of: w.position(containingByteOffset: offset)) == 5)
        #expect(w.lineIndex(of: w.position(containingByteOffset: 18)) == 2)
        #expect(w.lineIndex(of: w.position(containingByteOffset: 0)) == 0)
        // Resize keeps the reader at the same text.
        let wide = w.rewrapped(width: 40)
        let top = w.position(ofLine: 3)
        let mapped = wide.position(containingByteOffset: w.lines(from: top, count: 1)[0].sourceRange.lowerBound)
        #expect(wide.lines(from: mapped, count: 1)[0].text == "second line is longer than ten")
        #expect(w.fraction(of: w.startPosition) == 0)
        #expect(w.fraction(of: w.endSentinel) == 1)
        let f = w.fraction(of: w.position(ofLine: 3))
        #expect(f > 0.2 && f < 0.7)
    }

    @Test func oneMegabyteHostileLineEndToEnd() {
        let entry = HostileCorpus.oneMegabyteLine
        let w = WrappedText(utf8: entry.bytes, width: 77)
        var p = w.startPosition
        var lines = 0
        var problems: [String] = []
        var lastEnd = 0
        while p < w.endSentinel {
            let batch = w.lines(from: p, count: 500)
            if batch.isEmpty { break }
            for line in batch {
                if line.width > 77 { problems.append("line too wide") }
                if line.sourceRange.lowerBound != lastEnd { problems.append("gap at \(lastEnd)") }
                lastEnd = line.sourceRange.upperBound
                for c in line.cells { problems += TestSupport.problems(c.glyph) }
            }
            lines += batch.count
            let next = w.position(p, offsetBy: batch.count)
            if next == p || w.lineIndex(of: next) < lines { break }
            p = next
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(lastEnd == entry.bytes.count)
        #expect(lines == w.exactLineCount())
        #expect(w.estimatedLineCount == lines)
    }

    @Test func positionsSurviveRewrapAndSnap() {
        let w = WrappedText(Self.prose, width: 20)
        let p = w.position(ofLine: 200)
        let wide = w.rewrapped(width: 60)
        // Same segment, line 0 is still a valid position after a rewrap.
        let q = WrappedText.Position(segmentStart: p.segmentStart, line: 0)
        #expect(wide.lines(from: q, count: 1).first?.sourceRange.lowerBound == p.segmentStart)
        // A made-up offset snaps to the segment that holds it.
        let inside = WrappedText.Position(segmentStart: p.segmentStart + 3, line: 0)
        #expect(w.lines(from: inside, count: 1) == w.lines(from: q, count: 1))
        // A line past the end of a segment carries into the next ones.
        let far = WrappedText.Position(segmentStart: 0, line: 200)
        #expect(w.lines(from: far, count: 3) == w.lines(200..<203))
    }

    @Test func invalidBytesThroughWrappedText() {
        let w = WrappedText(Data([0x61, 0xFF, 0x0A, 0x1B, 0x5B, 0x32, 0x4A]), width: 10)
        #expect(w.lines(0..<5).map(\.text) == ["a\u{FFFD}", "␛[2J"])
    }

    @Test func copiesShareCacheSafelyAcrossThreads() async {
        let w = WrappedText(Self.prose, width: 33)
        let expected = TextLayout.wrap(Self.prose, width: 33)
        await withTaskGroup(of: Bool.self) { group in
            for t in 0..<4 {
                let copy = w
                group.addTask {
                    var ok = true
                    for start in stride(from: t, to: expected.count, by: 13) {
                        ok = ok && copy.lines(start..<(start + 5)) == Array(expected[start..<min(expected.count, start + 5)])
                    }
                    return ok
                }
            }
            for await ok in group { #expect(ok) }
        }
    }
}
