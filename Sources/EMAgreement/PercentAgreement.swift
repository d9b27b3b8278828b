import Foundation

/// The three percent-agreement quantities of the specification (§2.1), reported under distinct names.
/// All use only items with at least two ratings; all are nil when there is no such item.
public struct PercentAgreementResult: Codable, Sendable, Equatable {
    /// (1/N₂) Σ_i Σ_k n_ik(n_ik−1) / (m_i(m_i−1)): the mean over items of the share of agreeing rater
    /// pairs. Equals Fleiss's P̄ and Gwet's p_a.
    public let pairwiseMeanOverItems: Double?
    /// The share of items on which every rating is identical.
    public let allAgreeFraction: Double?
    /// Krippendorff's A_o = 1 − D_o(nominal) = Σ_i [Σ_k n_ik(n_ik−1)/(m_i−1)] / Σ_i m_i (weights items by m_i).
    public let krippendorffAo: Double?
    /// N₂, the number of items with at least two ratings.
    public let itemsUsed: Int

    enum CodingKeys: String, CodingKey {
        case pairwiseMeanOverItems = "pairwise_mean_over_items"
        case allAgreeFraction = "all_agree_fraction"
        case krippendorffAo = "krippendorff_A_o"
        case itemsUsed = "items_used"
    }

    /// Encodes every key, writing `null` for undefined values.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNullable(pairwiseMeanOverItems, forKey: .pairwiseMeanOverItems)
        try container.encodeNullable(allAgreeFraction, forKey: .allAgreeFraction)
        try container.encodeNullable(krippendorffAo, forKey: .krippendorffAo)
        try container.encode(itemsUsed, forKey: .itemsUsed)
    }
}

/// Percent agreement over items (§2.1).
public enum PercentAgreement {
    /// Computes the three percent-agreement quantities from item × category counts.
    public static func compute(_ counts: ItemCategoryCounts) -> PercentAgreementResult {
        var itemsUsed = 0
        var pairwiseSum = 0.0
        var allAgree = 0
        var aoNumerator = 0.0
        var aoDenominator = 0.0
        for item in 0..<counts.itemCount {
            let m = Int(counts.totals[item])
            guard m >= 2 else { continue }
            itemsUsed += 1
            var agreeingPairs = 0
            for slot in counts.offsets[item]..<counts.offsets[item + 1] {
                let n = Int(counts.entryCount[slot])
                agreeingPairs += n * (n - 1)
            }
            pairwiseSum += Double(agreeingPairs) / Double(m * (m - 1))
            if counts.offsets[item + 1] - counts.offsets[item] == 1 { allAgree += 1 }
            aoNumerator += Double(agreeingPairs) / Double(m - 1)
            aoDenominator += Double(m)
        }
        guard itemsUsed > 0 else {
            return PercentAgreementResult(pairwiseMeanOverItems: nil, allAgreeFraction: nil, krippendorffAo: nil,
                                          itemsUsed: 0)
        }
        return PercentAgreementResult(pairwiseMeanOverItems: pairwiseSum / Double(itemsUsed),
                                      allAgreeFraction: Double(allAgree) / Double(itemsUsed),
                                      krippendorffAo: aoNumerator / aoDenominator,
                                      itemsUsed: itemsUsed)
    }

    /// Computes percent agreement of coded ratings.
    public static func compute(_ coded: CodedRatings) -> PercentAgreementResult {
        compute(coded.itemCategoryCounts())
    }
}
