import Testing
@testable import EMText

/// Gross-regression guards, generous enough for a debug build on a busy
/// machine. Each prints its timing.
@Suite("Performance", .serialized)
struct PerformanceTests {

    static let tenMegabyteLine: String = {
        let unit = "the model weighs whether to tell the grader the truth, 中文 and 😀 appear; "
        let count = 10_000_000 / unit.utf8.count + 1
        return String(repeating: unit, count: count)
    }()

    static func ms(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
    }

    /// Runs `body` `runs` times (each run must start from a cold state)
    /// and reports the fastest, so a busy machine does not fail the guard.
    static func time<T>(_ label: String, runs: Int = 1, _ body: () -> T) -> (T, Double) {
        let clock = ContinuousClock()
        var result: T?
        var best = Double.infinity
        for _ in 0..<max(1, runs) {
            let d = clock.measure { result = body() }
            best = min(best, ms(d))
        }
        print("[EMText perf] \(label): \(String(format2: best)) ms")
        return (result!, best)
    }

    @Test func firstScreenOfTenMegabyteSingleLine() {
        let s = Self.tenMegabyteLine
        #expect(s.utf8.count >= 10_000_000)
        let (lines, t) = Self.time("10 MB single line: open + first 60 lines", runs: 3) { () -> [DisplayLine] in
            let w = WrappedText(s, width: 120)
            return w.lines(from: w.startPosition, count: 60)
        }
        #expect(lines.count == 60)
        #expect(lines.allSatisfy { $0.width <= 120 })
        #expect(t < 200)
    }

    @Test func jumpToEndAndMiddleOfTenMegabyteSingleLine() {
        let (end, t1) = Self.time("10 MB single line: open + jump to end", runs: 3) { () -> [DisplayLine] in
            let w = WrappedText(Self.tenMegabyteLine, width: 120)
            return w.lines(from: w.endPosition(visibleRows: 60), count: 60)
        }
        let w = WrappedText(Self.tenMegabyteLine, width: 120)
        #expect(end.count == 60)
        #expect(end.last?.sourceRange.upperBound == w.byteCount)
        #expect(t1 < 200)
        let (mid, t2) = Self.time("10 MB single line: open + jump to middle", runs: 3) { () -> [DisplayLine] in
            let w = WrappedText(Self.tenMegabyteLine, width: 120)
            return w.lines(from: w.position(containingByteOffset: w.byteCount / 2), count: 60)
        }
        #expect(mid.count == 60)
        #expect(t2 < 200)
        let (_, t3) = Self.time("10 MB single line: scroll 100 pages") { () -> Int in
            var p = w.startPosition
            var n = 0
            for _ in 0..<100 {
                p = w.scrolled(p, by: 60, visibleRows: 60)
                n += w.lines(from: p, count: 60).count
            }
            return n
        }
        #expect(t3 < 8_000)   // ~8 ms per page in a debug build; gross regressions only
        let est = w.estimatedLineCount
        #expect(est > 50_000)
    }

    @Test func tenMegabyteTrace() {
        let bytes = HostileCorpus.tenMegabyteTrace.bytes
        let (first, t1) = Self.time("10 MB trace: open + first screen", runs: 3) { () -> [DisplayLine] in
            let w = WrappedText(utf8: bytes, width: 100)
            return w.lines(from: w.startPosition, count: 50)
        }
        #expect(first.count == 50)
        #expect(t1 < 200)
        let (last, t2) = Self.time("10 MB trace: open + jump to end", runs: 3) { () -> [DisplayLine] in
            let w = WrappedText(utf8: bytes, width: 100)
            return w.lines(from: w.endPosition(visibleRows: 50), count: 50)
        }
        #expect(last.count == 50)
        #expect(t2 < 200)
        for line in first + last {
            for c in line.cells { #expect(TestSupport.problems(c.glyph).isEmpty) }
        }
    }

    @Test func sanitizerThroughputOneMegabyte() {
        let bytes = HostileCorpus.oneMegabyteLine.bytes
        let (count, t) = Self.time("sanitize 1 MB hostile line") { () -> Int in
            var n = 0
            Sanitizer.forEachGlyph(inUTF8: bytes) { _ in n += 1 }
            return n
        }
        #expect(count > 500_000)
        #expect(t < 5_000)
    }
}

extension String {
    /// "12.3" — one decimal, no Foundation needed.
    init(format2 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}
