import Foundation

/// Agreement on one label under the per-label binary decomposition of multi-label data (§2.11).
///
/// The rating value is 1 when the label is in the annotator's set and 0 when it is not; an annotator who
/// did not rate the item is missing (not 0). Gwet's coefficients use q = 2 (the categories 0 and 1 are
/// declared), so AC1 stays defined when nobody (or everybody) used the label.
public struct PerLabelAgreement: Codable, Sendable, Equatable {
    /// The label.
    public let label: String
    /// The number of ratings (all rated (item, annotator) pairs).
    public let nRatings: Int
    /// The number of ratings that contain the label.
    public let nPositive: Int
    /// nPositive / nRatings; nil when there is no rating.
    public let prevalence: Double?
    /// Pairwise percent agreement (mean over items with ≥ 2 ratings) on the 0/1 values.
    public let percentAgreement: Double?
    /// Krippendorff's α (nominal) on the 0/1 values.
    public let krippendorffAlphaNominal: Double?
    /// Gwet's generalised Fleiss' κ on the 0/1 values.
    public let gwetFleissKappa: GwetCoefficient
    /// Gwet's AC1 on the 0/1 values with q = 2.
    public let gwetAC1: GwetCoefficient

    enum CodingKeys: String, CodingKey {
        case label
        case nRatings = "n_ratings"
        case nPositive = "n_positive"
        case prevalence
        case percentAgreement = "percent_agreement"
        case krippendorffAlphaNominal = "krippendorff_alpha_nominal"
        case gwetFleissKappa = "gwet_fleiss_kappa"
        case gwetAC1 = "gwet_ac1"
    }

    /// Encodes every key, writing `null` for undefined values.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(nRatings, forKey: .nRatings)
        try container.encode(nPositive, forKey: .nPositive)
        try container.encodeNullable(prevalence, forKey: .prevalence)
        try container.encodeNullable(percentAgreement, forKey: .percentAgreement)
        try container.encodeNullable(krippendorffAlphaNominal, forKey: .krippendorffAlphaNominal)
        try container.encode(gwetFleissKappa, forKey: .gwetFleissKappa)
        try container.encode(gwetAC1, forKey: .gwetAC1)
    }

    /// The labels of coded ratings: with a declared list, its entries first (each taken as one label), then
    /// the other observed labels; otherwise every observed label, sorted as text.
    public static func labels(of coded: CodedRatings) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        if coded.orderSource == .declared {
            for (index, name) in coded.categories.enumerated()
            where !coded.undeclaredCategories.contains(name) && coded.categoryLabels[index].count == 1 {
                if seen.insert(name).inserted { result.append(name) }
            }
        }
        var rest = Set<String>()
        for labels in coded.categoryLabels { for label in labels where !seen.contains(label) { rest.insert(label) } }
        return result + rest.sorted()
    }

    /// The 0/1 item × category counts of one label (category 0 = absent, 1 = present).
    public static func binaryCounts(_ coded: CodedRatings, label: String) -> ItemCategoryCounts {
        let membership = coded.categoryLabels.map { $0.contains(label) }
        return binaryCounts(coded, membership: membership)
    }

    static func binaryCounts(_ coded: CodedRatings, membership: [Bool]) -> ItemCategoryCounts {
        var offsets = [0]
        offsets.reserveCapacity(coded.items.count + 1)
        var cats: [Int32] = []
        var values: [Int32] = []
        var totals: [Int32] = []
        var source: [Int] = []
        for item in 0..<coded.items.count {
            let lower = coded.itemOffsets[item], upper = coded.itemOffsets[item + 1]
            if upper == lower { continue }
            var positive: Int32 = 0
            for slot in lower..<upper where membership[Int(coded.entryCategory[slot])] { positive += 1 }
            let negative = Int32(upper - lower) - positive
            if negative > 0 {
                cats.append(0)
                values.append(negative)
            }
            if positive > 0 {
                cats.append(1)
                values.append(positive)
            }
            offsets.append(cats.count)
            totals.append(Int32(upper - lower))
            source.append(item)
        }
        return ItemCategoryCounts(categoryCount: 2, sourceItemIndex: source, offsets: offsets, entryCategory: cats,
                                  entryCount: values, totals: totals)
    }

    /// The per-label statistics of every label (or of the given labels), in label order.
    public static func compute(_ coded: CodedRatings, labels requested: [String]? = nil) -> [PerLabelAgreement] {
        let labels = requested ?? self.labels(of: coded)
        return labels.map { label in
            let counts = binaryCounts(coded, label: label)
            var positive = 0
            for slot in 0..<counts.entryCategory.count where counts.entryCategory[slot] == 1 {
                positive += Int(counts.entryCount[slot])
            }
            let total = coded.ratingCount
            let alpha = KrippendorffAlpha.compute(counts, difference: .nominal, level: AlphaLevel.nominal.rawValue)
            return PerLabelAgreement(label: label, nRatings: total, nPositive: positive,
                                     prevalence: total > 0 ? Double(positive) / Double(total) : nil,
                                     percentAgreement: PercentAgreement.compute(counts).pairwiseMeanOverItems,
                                     krippendorffAlphaNominal: alpha.value,
                                     gwetFleissKappa: FleissKappa.generalized(counts),
                                     gwetAC1: GwetAC1.multiRater(counts, categoryCount: 2))
        }
    }
}
