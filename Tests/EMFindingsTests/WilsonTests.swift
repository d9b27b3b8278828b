import EMFindings
import Testing

@Suite("Wilson score interval")
struct WilsonTests {
    /// Rounds to 4 decimals, as the published tables print.
    static func r4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    /// Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
    /// methods", Statistics in Medicine 17:857–872, Table I, method 3 (score interval without continuity
    /// correction).
    @Test(arguments: [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ])
    func newcombeTableI(x: Int, n: Int, low: Double, high: Double) throws {
        let w = try #require(WilsonInterval(successes: x, trials: n))
        #expect(Self.r4(w.low) == low)
        #expect(Self.r4(w.high) == high)
    }

    @Test func noTrialsIsUndefined() {
        #expect(WilsonInterval(successes: 0, trials: 0) == nil)
    }

    @Test func impossibleCountsAreUndefined() {
        #expect(WilsonInterval(successes: 3, trials: 2) == nil)
        #expect(WilsonInterval(successes: -1, trials: 2) == nil)
        #expect(WilsonInterval(successes: 0, trials: -2) == nil)
    }

    /// p = 0: the lower bound is exactly 0 and the upper z²/(n + z²); p = 1 mirrors it.
    @Test func zeroAndAllAreExact() throws {
        let z2 = 1.959963984540054 * 1.959963984540054
        for n in [1, 7, 130, 100_000] {
            let none = try #require(WilsonInterval(successes: 0, trials: n))
            #expect(none.low == 0)
            #expect(abs(none.high - z2 / (Double(n) + z2)) < 1e-15)
            let all = try #require(WilsonInterval(successes: n, trials: n))
            #expect(all.high == 1)
            #expect(abs(all.low - Double(n) / (Double(n) + z2)) < 1e-15)
        }
        // One sample: [0, 0.7935] and [0.2065, 1] (3.8415 / 4.8415).
        #expect(Self.r4(WilsonInterval(successes: 0, trials: 1)!.high) == 0.7935)
        #expect(Self.r4(WilsonInterval(successes: 1, trials: 1)!.low) == 0.2065)
    }

    /// The interval of x/n mirrors that of (n − x)/n, and always contains the proportion.
    @Test func symmetryAndCoverage() throws {
        for n in 1...60 {
            for x in 0...n {
                let w = try #require(WilsonInterval(successes: x, trials: n))
                let m = try #require(WilsonInterval(successes: n - x, trials: n))
                #expect(abs(w.low - (1 - m.high)) < 1e-12)
                #expect(w.low <= w.proportion && w.proportion <= w.high)
                #expect(w.low >= 0 && w.high <= 1)
            }
        }
    }

    /// With about 130 kept answers per condition (the paper's scale) and none misaligned, the upper
    /// bound is z²/(130 + z²) = 3.8415/133.8415 ≈ 2.87 %.
    @Test func domainScale() throws {
        let w = try #require(WilsonInterval(successes: 0, trials: 130))
        #expect(Self.r4(w.high) == 0.0287)
    }
}
