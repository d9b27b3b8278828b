import EMCore
import Foundation

/// xoshiro256** (Blackman & Vigna 2018): the deterministic generator used for bootstrap resampling.
/// Seeded through SplitMix64, so any UInt64 seed (including 0) gives a valid, reproducible stream.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates the generator from a seed.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// Creates the generator from a raw 256-bit state (not all zero), e.g. to check published test vectors.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "the all-zero state is invalid")
        (s0, s1, s2, s3) = state
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    @inline(__always)
    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// Quantiles of a sample.
public enum Percentile {
    /// The p-quantile of ascending `sorted` values with linear interpolation (numpy `method="linear"`,
    /// R type 7): h = (B−1)p, q = v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋]). Nil for an empty sample.
    public static func linear(sorted values: [Double], p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        precondition(p >= 0 && p <= 1, "p must lie in [0, 1]")
        let h = Double(values.count - 1) * p
        let lower = Int(h.rounded(.down))
        let fraction = h - Double(lower)
        if lower + 1 >= values.count { return values[values.count - 1] }
        return values[lower] + fraction * (values[lower + 1] - values[lower])
    }
}

/// The result of a unit bootstrap of Krippendorff's α (§2.9).
public struct AlphaBootstrapResult: Codable, Sendable, Equatable {
    /// The α level that was resampled.
    public let level: String
    /// Always `unit_bootstrap_percentile_linear`.
    public let method: String
    /// The nominal coverage (0.95 by default).
    public let confidence: Double
    /// α of the full sample.
    public let pointEstimate: Double?
    /// The number of units in the resampling frame (pairable units).
    public let frameUnits: Int
    /// Replicates asked for.
    public let replicatesRequested: Int
    /// Replicates with a defined α (used for the interval).
    public let replicatesDefined: Int
    /// Replicates with undefined α, dropped and counted.
    public let replicatesUndefined: Int
    /// Lower percentile (2.5 % for 95 %), nil when no replicate is defined.
    public let ciLow: Double?
    /// Upper percentile (97.5 % for 95 %).
    public let ciHigh: Double?
    /// The seed of the generator, when a seeded generator was used.
    public let seed: UInt64?

    enum CodingKeys: String, CodingKey {
        case level, method, confidence
        case pointEstimate = "point_estimate"
        case frameUnits = "frame_units"
        case replicatesRequested = "replicates_requested"
        case replicatesDefined = "replicates_defined"
        case replicatesUndefined = "replicates_undefined"
        case ciLow = "ci_low"
        case ciHigh = "ci_high"
        case seed
    }

    /// Encodes every key, writing `null` for undefined values.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encode(method, forKey: .method)
        try container.encode(confidence, forKey: .confidence)
        try container.encodeNullable(pointEstimate, forKey: .pointEstimate)
        try container.encode(frameUnits, forKey: .frameUnits)
        try container.encode(replicatesRequested, forKey: .replicatesRequested)
        try container.encode(replicatesDefined, forKey: .replicatesDefined)
        try container.encode(replicatesUndefined, forKey: .replicatesUndefined)
        try container.encodeNullable(ciLow, forKey: .ciLow)
        try container.encodeNullable(ciHigh, forKey: .ciHigh)
        try container.encodeNullable(seed, forKey: .seed)
    }
}

/// Unit (item) bootstrap of Krippendorff's α with percentile intervals (§2.9).
///
/// 1. The resampling frame is the pairable units (≥ 2 values), in item-id order.
/// 2. Each replicate draws as many units as the frame has, with replacement (a unit drawn twice counts
///    twice), and recomputes α at the same level.
/// 3. Replicates with undefined α are dropped and counted.
/// 4. The interval is the (1−c)/2 and (1+c)/2 quantiles with linear interpolation (`Percentile.linear`).
///
/// Randomness comes only from the generator passed in (or a `Xoshiro256StarStar` built from a seed), so
/// runs are reproducible; they do not reproduce numpy's stream, only its method.
public struct AlphaBootstrap: Sendable {
    let patterns: AlphaPatterns
    let difference: ResolvedDifference
    /// The level name reported in results.
    public let level: String

    /// Prepares a bootstrap of α under a difference function over item × category counts.
    public init(counts: ItemCategoryCounts, difference: AlphaDifference, level: String = "custom") {
        patterns = AlphaPatterns(counts: counts)
        self.difference = ResolvedDifference(difference, q: counts.categoryCount)
        self.level = level
    }

    /// Prepares a bootstrap of α at a level for coded ratings; nil when the level is not applicable.
    public init?(coded: CodedRatings, level: AlphaLevel) {
        guard let difference = KrippendorffAlpha.difference(for: level, coded: coded) else { return nil }
        self.init(counts: coded.itemCategoryCounts(), difference: difference, level: level.rawValue)
    }

    /// The number of units in the resampling frame.
    public var frameSize: Int { patterns.unitItem.count }

    /// For each frame unit (in order), its stored-item index in the counts (for `CodedRatings` input this
    /// is the index into `CodedRatings.items`, via `ItemCategoryCounts.sourceItemIndex`).
    public var frameStoredItems: [Int] { patterns.unitItem }

    /// α of the full sample.
    public var pointEstimate: Double? {
        var evaluator = AlphaEvaluator(patterns: patterns, difference: difference)
        return evaluator.evaluate(weights: patterns.patternUnits).alpha
    }

    /// α of one resample given as zero-based frame indices (duplicates count as often as they occur).
    public func alpha(resampledUnits indices: [Int]) -> Double? {
        replicateAlphas(indexSets: [indices])[0]
    }

    /// α of each given resample (nil where undefined).
    public func replicateAlphas(indexSets: [[Int]]) -> [Double?] {
        var evaluator = AlphaEvaluator(patterns: patterns, difference: difference)
        var weights = [Double](repeating: 0, count: patterns.patternCount)
        return indexSets.map { indices in
            for p in 0..<weights.count { weights[p] = 0 }
            for index in indices {
                precondition(index >= 0 && index < frameSize, "frame index out of range")
                weights[Int(patterns.unitPattern[index])] += 1
            }
            return evaluator.evaluate(weights: weights).alpha
        }
    }

    /// The percentile interval from explicit resamples (for exact, reproducible checks).
    public func run(indexSets: [[Int]], confidence: Double = 0.95) -> AlphaBootstrapResult {
        summarize(replicateAlphas(indexSets: indexSets), requested: indexSets.count, confidence: confidence,
                  seed: nil)
    }

    /// The percentile interval from `replicates` resamples drawn with `generator`.
    public func run<G: RandomNumberGenerator>(replicates: Int, using generator: inout G,
                                              confidence: Double = 0.95) -> AlphaBootstrapResult {
        summarize(draw(replicates: replicates, using: &generator), requested: replicates,
                  confidence: confidence, seed: nil)
    }

    /// The percentile interval from `replicates` resamples drawn with `Xoshiro256StarStar(seed:)`
    /// (default seed 12345, B = 2000 is the usual choice).
    public func run(replicates: Int, seed: UInt64 = 12345, confidence: Double = 0.95) -> AlphaBootstrapResult {
        var generator = Xoshiro256StarStar(seed: seed)
        return summarize(draw(replicates: replicates, using: &generator), requested: replicates,
                         confidence: confidence, seed: seed)
    }

    /// Draws the replicates and returns their α's (nil where undefined).
    public func draw<G: RandomNumberGenerator>(replicates: Int, using generator: inout G) -> [Double?] {
        let units = frameSize
        guard units > 0, replicates > 0 else { return [Double?](repeating: nil, count: Swift.max(replicates, 0)) }
        var evaluator = AlphaEvaluator(patterns: patterns, difference: difference)
        var weights = [Double](repeating: 0, count: patterns.patternCount)
        var results: [Double?] = []
        results.reserveCapacity(replicates)
        let bound = UInt64(units)
        patterns.unitPattern.withUnsafeBufferPointer { unitPattern in
            for _ in 0..<replicates {
                for p in 0..<weights.count { weights[p] = 0 }
                weights.withUnsafeMutableBufferPointer { w in
                    for _ in 0..<units {
                        let index = Int(generator.next(upperBound: bound))
                        w[Int(unitPattern[index])] += 1
                    }
                }
                results.append(evaluator.evaluate(weights: weights).alpha)
            }
        }
        return results
    }

    private func summarize(_ values: [Double?], requested: Int, confidence: Double, seed: UInt64?)
        -> AlphaBootstrapResult {
        let defined = values.compactMap { $0 }.sorted()
        let tail = (1 - confidence) / 2
        return AlphaBootstrapResult(level: level, method: "unit_bootstrap_percentile_linear", confidence: confidence,
                                    pointEstimate: pointEstimate, frameUnits: frameSize,
                                    replicatesRequested: requested, replicatesDefined: defined.count,
                                    replicatesUndefined: values.count - defined.count,
                                    ciLow: Percentile.linear(sorted: defined, p: tail),
                                    ciHigh: Percentile.linear(sorted: defined, p: 1 - tail), seed: seed)
    }
}
