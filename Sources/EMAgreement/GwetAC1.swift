import Foundation

/// A Gwet-style chance-corrected coefficient (AC1, or Fleiss' κ under Gwet's missing-data generalisation)
/// with its standard error and interval.
///
/// The interval is coefficient ± t(0.975, N−1)·SE with the upper end capped at 1 (irrCAC's convention;
/// the lower end is not clipped). Values are nil when undefined: no item with two ratings, q < 2 for AC1,
/// p_e = 1 (0/0), or fewer than two items for the SE.
public struct GwetCoefficient: Codable, Sendable, Equatable {
    /// The coefficient (p_a − p_e)/(1 − p_e).
    public let value: Double?
    /// Standard error (Gwet's linearisation, or the two-rater table formula).
    public let se: Double?
    /// Lower end of the 95 % interval.
    public let ciLow: Double?
    /// Upper end of the 95 % interval, capped at 1.
    public let ciHigh: Double?
    /// Observed agreement p_a.
    public let pA: Double?
    /// Chance agreement p_e.
    public let pE: Double?
    /// The number of categories q used for chance agreement.
    public let q: Int
    /// N, the number of items (with at least one rating) in the computation.
    public let nItems: Int
    /// N₂, the number of items with at least two ratings (equal to N for a two-rater table).
    public let nItemsMultiRated: Int

    enum CodingKeys: String, CodingKey {
        case value, se
        case ciLow = "ci_low"
        case ciHigh = "ci_high"
        case pA = "p_a"
        case pE = "p_e"
        case q
        case nItems = "n_items"
        case nItemsMultiRated = "n_items_multi_rated"
    }

    /// Encodes every key, writing `null` for undefined values.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNullable(value, forKey: .value)
        try container.encodeNullable(se, forKey: .se)
        try container.encodeNullable(ciLow, forKey: .ciLow)
        try container.encodeNullable(ciHigh, forKey: .ciHigh)
        try container.encodeNullable(pA, forKey: .pA)
        try container.encodeNullable(pE, forKey: .pE)
        try container.encode(q, forKey: .q)
        try container.encode(nItems, forKey: .nItems)
        try container.encode(nItemsMultiRated, forKey: .nItemsMultiRated)
    }

    static func undefined(q: Int, nItems: Int, nItemsMultiRated: Int, pA: Double? = nil,
                          pE: Double? = nil) -> GwetCoefficient {
        GwetCoefficient(value: nil, se: nil, ciLow: nil, ciHigh: nil, pA: pA, pE: pE, q: q, nItems: nItems,
                        nItemsMultiRated: nItemsMultiRated)
    }

    /// Builds the interval coefficient ± t(0.975, N−1)·se, upper end capped at 1.
    static func withInterval(value: Double, se: Double?, pA: Double, pE: Double, q: Int, nItems: Int,
                             nItemsMultiRated: Int) -> GwetCoefficient {
        var low: Double? = nil
        var high: Double? = nil
        if let se, nItems >= 2 {
            let t = StudentT.quantile(0.975, degreesOfFreedom: Double(nItems - 1))
            low = value - t * se
            high = Swift.min(1, value + t * se)
        }
        return GwetCoefficient(value: value, se: se, ciLow: low, ciHigh: high, pA: pA, pE: pE, q: q,
                               nItems: nItems, nItemsMultiRated: nItemsMultiRated)
    }
}

/// Gwet's AC1 (§2.6): the two-rater table version and the multi-rater version with missing data.
///
/// q is the length of the category list: the observed categories, or the declared list when one is given
/// (a declared but unused category raises q and changes AC1). AC1 is undefined for q = 1.
public enum GwetAC1 {
    /// AC1 of a two-rater square table of counts, with the variance of irrCAC's table version:
    /// Var = {Σ_kl p_kl [δ_kl − 2(1−AC1)(1−(π_k+π_l)/2)/(q−1)]² − (p_a − 2(1−AC1)p_e)²} / (n(1−p_e)²).
    /// The interval uses t(0.975, n−1), capped at 1.
    public static func table(_ table: [[Int]]) -> GwetCoefficient {
        let q = table.count
        let total = table.reduce(0) { $0 + $1.reduce(0, +) }
        guard q >= 1, total > 0, table.allSatisfy({ $0.count == q }) else {
            return .undefined(q: q, nItems: total, nItemsMultiRated: total)
        }
        let n = Double(total)
        var pA = 0.0
        var pi = [Double](repeating: 0, count: q)
        for k in 0..<q {
            pA += Double(table[k][k]) / n
            for l in 0..<q {
                pi[k] += Double(table[k][l]) / n / 2
                pi[l] += Double(table[k][l]) / n / 2
            }
        }
        guard q >= 2 else { return .undefined(q: q, nItems: total, nItemsMultiRated: total, pA: pA) }
        let qm1 = Double(q - 1)
        var pE = 0.0
        for k in 0..<q { pE += pi[k] * (1 - pi[k]) }
        pE /= qm1
        let denominator = 1 - pE
        guard denominator > degenerateDenominator else {
            return .undefined(q: q, nItems: total, nItemsMultiRated: total, pA: pA, pE: pE)
        }
        let ac1 = (pA - pE) / denominator
        var sum = 0.0
        for k in 0..<q {
            for l in 0..<q where table[k][l] != 0 {
                let delta: Double = k == l ? 1 : 0
                let term = delta - 2 * (1 - ac1) * (1 - (pi[k] + pi[l]) / 2) / qm1
                sum += Double(table[k][l]) / n * term * term
            }
        }
        let correction = pA - 2 * (1 - ac1) * pE
        let variance = (sum - correction * correction) / (n * denominator * denominator)
        let se: Double? = variance.isFinite ? Swift.max(variance, 0).squareRoot() : nil
        return .withInterval(value: ac1, se: se, pA: pA, pE: pE, q: q, nItems: total, nItemsMultiRated: total)
    }

    /// Multi-rater AC1 with missing data (Gwet 2014; irrCAC `gwet.ac1.raw`):
    /// p_a over items with r_i ≥ 2; π_k = (1/N) Σ_i n_ik/r_i over all N items with r_i ≥ 1 (single-rated
    /// items count here); p_e = Σ π_k(1−π_k)/(q−1). SE by Gwet's linearisation with per-item terms, interval
    /// with t(0.975, N−1) capped at 1. `categoryCount` overrides q (default: `counts.categoryCount`).
    public static func multiRater(_ counts: ItemCategoryCounts, categoryCount: Int? = nil) -> GwetCoefficient {
        GwetMultiRater.compute(counts, q: categoryCount ?? counts.categoryCount, kind: .ac1)
    }

    /// Multi-rater AC1 of coded ratings (q = the length of the category list).
    public static func multiRater(_ coded: CodedRatings) -> GwetCoefficient {
        multiRater(coded.itemCategoryCounts())
    }
}

/// Shared implementation of Gwet's multi-rater coefficients with missing data.
enum GwetMultiRater {
    enum Kind {
        case ac1
        case fleiss
    }

    static func compute(_ counts: ItemCategoryCounts, q: Int, kind: Kind) -> GwetCoefficient {
        let itemCount = counts.itemCount
        var multiRated = 0
        var paSum = 0.0
        var pi = [Double](repeating: 0, count: Swift.max(q, counts.categoryCount))
        var paItem = [Double](repeating: 0, count: itemCount)
        for item in 0..<itemCount {
            let r = Double(counts.totals[item])
            var agreeing = 0.0
            for slot in counts.offsets[item]..<counts.offsets[item + 1] {
                let n = Double(counts.entryCount[slot])
                pi[Int(counts.entryCategory[slot])] += n / r
                agreeing += n * (n - 1)
            }
            if counts.totals[item] >= 2 {
                multiRated += 1
                paItem[item] = agreeing / (r * (r - 1))
                paSum += paItem[item]
            }
        }
        guard multiRated > 0 else {
            return .undefined(q: q, nItems: itemCount, nItemsMultiRated: 0)
        }
        let nItems = Double(itemCount)
        for k in 0..<pi.count { pi[k] /= nItems }
        let pA = paSum / Double(multiRated)
        var pE = 0.0
        switch kind {
        case .ac1:
            guard q >= 2 else {
                return .undefined(q: q, nItems: itemCount, nItemsMultiRated: multiRated, pA: pA)
            }
            for k in 0..<pi.count { pE += pi[k] * (1 - pi[k]) }
            pE /= Double(q - 1)
        case .fleiss:
            for k in 0..<pi.count { pE += pi[k] * pi[k] }
        }
        let denominator = 1 - pE
        guard denominator > degenerateDenominator else {
            return .undefined(q: q, nItems: itemCount, nItemsMultiRated: multiRated, pA: pA, pE: pE)
        }
        let coefficient = (pA - pE) / denominator
        guard itemCount >= 2 else {
            return .withInterval(value: coefficient, se: nil, pA: pA, pE: pE, q: q, nItems: itemCount,
                                 nItemsMultiRated: multiRated)
        }
        // Per-item linearised terms.
        let scale = nItems / Double(multiRated)
        var sum = 0.0
        for item in 0..<itemCount {
            let r = Double(counts.totals[item])
            let peShare = counts.totals[item] >= 2 ? pE : 0
            let coefficientItem = scale * (paItem[item] - peShare) / denominator
            var peItem = 0.0
            for slot in counts.offsets[item]..<counts.offsets[item + 1] {
                let n = Double(counts.entryCount[slot])
                let k = Int(counts.entryCategory[slot])
                switch kind {
                case .ac1: peItem += n * (1 - pi[k])
                case .fleiss: peItem += n * pi[k]
                }
            }
            peItem /= r
            if case .ac1 = kind { peItem /= Double(q - 1) }
            let adjusted = coefficientItem - 2 * (1 - coefficient) * (peItem - pE) / denominator
            let deviation = adjusted - coefficient
            sum += deviation * deviation
        }
        let variance = sum / (nItems * (nItems - 1))
        let se: Double? = variance.isFinite ? Swift.max(variance, 0).squareRoot() : nil
        return .withInterval(value: coefficient, se: se, pA: pA, pE: pE, q: q, nItems: itemCount,
                             nItemsMultiRated: multiRated)
    }
}
