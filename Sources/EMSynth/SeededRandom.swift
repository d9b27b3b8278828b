import EMCore

/// The synthetic study's random source: xoshiro256** seeded through SplitMix64.
///
/// Every draw is defined here with integer and IEEE-exact floating-point arithmetic only (no `log`,
/// `exp` or standard-library sampling), so a seed gives the same study on every platform and toolchain.
/// Streams are derived from the study seed and integer keys (run, question, sample index), so each
/// sample's text is independent of the order in which samples are generated.
struct SynthRandom: Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator seeded from one 64-bit value.
    init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// A generator for the stream named by `keys` under the study seed.
    init(seed: UInt64, _ keys: UInt64...) {
        self.init(seed: Self.derive(seed, keys))
    }

    /// Folds integer keys into a seed; distinct key lists give unrelated streams.
    static func derive(_ seed: UInt64, _ keys: [UInt64]) -> UInt64 {
        var h = SplitMix64.finalize(seed ^ 0x6A09_E667_F3BC_C908)
        for key in keys {
            h = SplitMix64.finalize(h ^ SplitMix64.finalize(key &+ 0x9E37_79B9_7F4A_7C15))
        }
        return h
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform integer in 0 ..< n (Lemire's multiply-shift; n must be positive).
    mutating func below(_ n: Int) -> Int {
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }

    /// A uniform integer in the closed range lo ... hi.
    mutating func int(_ lo: Int, _ hi: Int) -> Int {
        lo + below(hi - lo + 1)
    }

    /// A uniform double in lo ..< hi.
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * unit()
    }

    /// True with probability p.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A bell-shaped draw with mean 0 and standard deviation 1 (Irwin–Hall sum of four uniforms),
    /// bounded to about ±3.46.
    mutating func bell() -> Double {
        (unit() + unit() + unit() + unit() - 2.0) * 1.7320508075688772
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// Shuffles in place (Fisher–Yates, with this generator's own draws).
    mutating func shuffle<T>(_ items: inout [T]) {
        var i = items.count - 1
        while i > 0 {
            let j = below(i + 1)
            if i != j { items.swapAt(i, j) }
            i -= 1
        }
    }

    /// `count` distinct integers from 0 ..< n in random order (partial Fisher–Yates).
    mutating func distinct(_ count: Int, below n: Int) -> [Int] {
        var pool = Array(0..<n)
        let m = min(count, n)
        for i in 0..<m {
            let j = i + below(n - i)
            if i != j { pool.swapAt(i, j) }
        }
        return Array(pool[0..<m])
    }
}

/// Rounds to one decimal place, the look of a probability-weighted judge score.
@inline(__always)
func roundTenth(_ x: Double) -> Double {
    (x * 10).rounded() / 10
}

/// Maps a raw score into 0 ... 100 the way a probability-weighted mean behaves: it approaches the
/// ends smoothly instead of piling up at exactly 0 or 100.
@inline(__always)
func clampScore(_ x: Double) -> Double {
    if x > 95 { return 100 - 25 / (5 + (x - 95)) }
    if x < 5 { return 25 / (5 + (5 - x)) }
    return x
}
