import Foundation

/// Fleiss' κ (Fleiss 1971) on complete cases, with per-category κ_j and the null standard errors of
/// Fleiss, Nee & Landis (1979) (§2.5).
///
/// Fleiss' κ needs a constant number m of ratings per item, so it is computed on the items that have the
/// maximal number of ratings ("complete cases"). Values are nil when undefined: m < 2, 1 − P̄_e = 0 (0/0),
/// or p_j ∈ {0, 1} for κ_j.
public struct FleissKappaResult: Codable, Sendable, Equatable {
    /// κ = (P̄ − P̄_e)/(1 − P̄_e).
    public let value: Double?
    /// P̄, the mean of the per-item agreement P_i.
    public let pBar: Double?
    /// P̄_e = Σ_j p_j².
    public let pE: Double?
    /// p_j = Σ_i n_ij/(N m) for every category of the list (zero for unused ones).
    public let pJ: [Double]
    /// κ_j = 1 − Σ_i n_ij(m − n_ij) / (N m (m−1) p_j q_j) per category; nil when p_j ∈ {0, 1}.
    public let perCategory: [Double?]
    /// Null SE of κ: √(2/(N m(m−1))) · √((Σ p_j q_j)² − Σ p_j q_j (q_j − p_j)) / Σ p_j q_j.
    public let se0: Double?
    /// Null SE of each κ_j: √(2/(N m(m−1))).
    public let se0PerCategory: Double?
    /// κ / se0.
    public let z0: Double?
    /// m, the number of ratings per complete item.
    public let ratersPerItem: Int
    /// N, the number of complete items used.
    public let nItems: Int
    /// The number of items left out because they had fewer than m ratings.
    public let itemsExcluded: Int
    /// P_i = (Σ_j n_ij² − m)/(m(m−1)) per complete item (in item order), when requested; else nil.
    public let perItemAgreement: [Double]?

    enum CodingKeys: String, CodingKey {
        case value
        case pBar = "p_bar"
        case pE = "p_e"
        case pJ = "p_j"
        case perCategory = "per_category"
        case se0
        case se0PerCategory = "se0_per_category"
        case z0
        case ratersPerItem = "raters_per_item"
        case nItems = "n_items"
        case itemsExcluded = "items_excluded"
        case perItemAgreement = "per_item_agreement"
    }

    /// Encodes every key, writing `null` for undefined values.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNullable(value, forKey: .value)
        try container.encodeNullable(pBar, forKey: .pBar)
        try container.encodeNullable(pE, forKey: .pE)
        try container.encode(pJ, forKey: .pJ)
        try container.encode(perCategory, forKey: .perCategory)
        try container.encodeNullable(se0, forKey: .se0)
        try container.encodeNullable(se0PerCategory, forKey: .se0PerCategory)
        try container.encodeNullable(z0, forKey: .z0)
        try container.encode(ratersPerItem, forKey: .ratersPerItem)
        try container.encode(nItems, forKey: .nItems)
        try container.encode(itemsExcluded, forKey: .itemsExcluded)
        try container.encodeNullable(perItemAgreement, forKey: .perItemAgreement)
    }
}

/// Fleiss' κ: complete cases (classic) and Gwet's generalisation to missing data.
public enum FleissKappa {
    /// Classic Fleiss' κ on the items with the maximal number of ratings. `includePerItem` adds the P_i list.
    public static func completeCases(_ counts: ItemCategoryCounts, includePerItem: Bool = false) -> FleissKappaResult {
        let q = counts.categoryCount
        let m = Int(counts.totals.max() ?? 0)
        let complete = (0..<counts.itemCount).filter { Int(counts.totals[$0]) == m }
        let excluded = counts.itemCount - complete.count
        guard m >= 2, !complete.isEmpty else {
            return FleissKappaResult(value: nil, pBar: nil, pE: nil, pJ: [Double](repeating: 0, count: q),
                                     perCategory: [Double?](repeating: nil, count: q), se0: nil,
                                     se0PerCategory: nil, z0: nil, ratersPerItem: m, nItems: 0,
                                     itemsExcluded: counts.itemCount, perItemAgreement: includePerItem ? [] : nil)
        }
        let nItems = Double(complete.count)
        let md = Double(m)
        var categoryTotals = [Double](repeating: 0, count: q)
        var disagreement = [Double](repeating: 0, count: q)    // Σ_i n_ij (m − n_ij)
        var perItem: [Double] = []
        perItem.reserveCapacity(complete.count)
        var pSum = 0.0
        for item in complete {
            var squares = 0.0
            for slot in counts.offsets[item]..<counts.offsets[item + 1] {
                let n = Double(counts.entryCount[slot])
                let j = Int(counts.entryCategory[slot])
                categoryTotals[j] += n
                disagreement[j] += n * (md - n)
                squares += n * n
            }
            let pi = (squares - md) / (md * (md - 1))
            pSum += pi
            if includePerItem { perItem.append(pi) }
        }
        let pBar = pSum / nItems
        let pJ = categoryTotals.map { $0 / (nItems * md) }
        let pE = pJ.reduce(0) { $0 + $1 * $1 }
        let denominator = 1 - pE
        let kappa: Double? = denominator > degenerateDenominator ? (pBar - pE) / denominator : nil
        let perCategory: [Double?] = (0..<q).map { j in
            let pq = pJ[j] * (1 - pJ[j])
            guard categoryTotals[j] > 0, categoryTotals[j] < nItems * md, pq > 0 else { return nil }
            return 1 - disagreement[j] / (nItems * md * (md - 1) * pq)
        }
        let base = (2 / (nItems * md * (md - 1))).squareRoot()
        var sumPQ = 0.0, sumPQQP = 0.0
        for j in 0..<q {
            let p = pJ[j], qj = 1 - pJ[j]
            sumPQ += p * qj
            sumPQQP += p * qj * (qj - p)
        }
        var se0: Double? = nil
        if sumPQ > degenerateDenominator {
            let inner = sumPQ * sumPQ - sumPQQP
            se0 = base * Swift.max(inner, 0).squareRoot() / sumPQ
        }
        var z0: Double? = nil
        if let kappa, let se0, se0 > 0 { z0 = finiteOrNil(kappa / se0) }
        return FleissKappaResult(value: kappa, pBar: pBar, pE: pE, pJ: pJ, perCategory: perCategory, se0: se0,
                                 se0PerCategory: base, z0: z0, ratersPerItem: m, nItems: complete.count,
                                 itemsExcluded: excluded, perItemAgreement: includePerItem ? perItem : nil)
    }

    /// Classic Fleiss' κ of coded ratings.
    public static func completeCases(_ coded: CodedRatings, includePerItem: Bool = false) -> FleissKappaResult {
        completeCases(coded.itemCategoryCounts(), includePerItem: includePerItem)
    }

    /// Gwet's generalisation of Fleiss' κ to missing data (irrCAC `fleiss.kappa.raw`): p_a over items with
    /// r_i ≥ 2, π_k = (1/N) Σ_i n_ik/r_i over all items with r_i ≥ 1, p_e = Σ π_k², SE by Gwet's
    /// linearisation, interval with t(0.975, N−1) capped at 1. Equal to classic Fleiss with complete data.
    public static func generalized(_ counts: ItemCategoryCounts) -> GwetCoefficient {
        GwetMultiRater.compute(counts, q: counts.categoryCount, kind: .fleiss)
    }

    /// Gwet's generalised Fleiss' κ of coded ratings.
    public static func generalized(_ coded: CodedRatings) -> GwetCoefficient {
        generalized(coded.itemCategoryCounts())
    }
}
