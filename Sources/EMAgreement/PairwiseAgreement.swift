import Foundation

/// Two-rater statistics for one annotator pair, over the items both rated: confusion matrix, percent
/// agreement, Cohen's κ (unweighted, and linear/quadratic when the categories are ordered), Scott's π and
/// Gwet's AC1 (table version, q = the length of the category list).
public struct PairwiseAgreement: Codable, Sendable, Equatable {
    /// The row annotator (first in sorted order).
    public let annotatorA: String
    /// The column annotator.
    public let annotatorB: String
    /// The number of items both rated.
    public let nItems: Int
    /// Rows = A, columns = B, categories in scale order, unused categories included.
    public let confusionMatrix: [[Int]]
    /// The trace over n.
    public let percentAgreement: Double?
    /// Unweighted Cohen's κ with SEs and CI.
    public let cohenKappaUnweighted: CohenKappaResult
    /// Linear-weighted κ on category positions; nil when the categories have no order.
    public let cohenKappaLinear: CohenKappaResult?
    /// Quadratic-weighted κ on category positions; nil when the categories have no order.
    public let cohenKappaQuadratic: CohenKappaResult?
    /// Scott's π.
    public let scottPi: ScottPiResult
    /// Gwet's AC1, two-rater table version with its variance.
    public let gwetAC1: GwetCoefficient

    enum CodingKeys: String, CodingKey {
        case annotatorA = "annotator_a"
        case annotatorB = "annotator_b"
        case nItems = "n_items"
        case confusionMatrix = "confusion_matrix"
        case percentAgreement = "percent_agreement"
        case cohenKappaUnweighted = "cohen_kappa_unweighted"
        case cohenKappaLinear = "cohen_kappa_linear"
        case cohenKappaQuadratic = "cohen_kappa_quadratic"
        case scottPi = "scott_pi"
        case gwetAC1 = "gwet_ac1"
    }

    /// Encodes every key, writing `null` for undefined values.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(annotatorA, forKey: .annotatorA)
        try container.encode(annotatorB, forKey: .annotatorB)
        try container.encode(nItems, forKey: .nItems)
        try container.encode(confusionMatrix, forKey: .confusionMatrix)
        try container.encodeNullable(percentAgreement, forKey: .percentAgreement)
        try container.encode(cohenKappaUnweighted, forKey: .cohenKappaUnweighted)
        try container.encodeNullable(cohenKappaLinear, forKey: .cohenKappaLinear)
        try container.encodeNullable(cohenKappaQuadratic, forKey: .cohenKappaQuadratic)
        try container.encode(scottPi, forKey: .scottPi)
        try container.encode(gwetAC1, forKey: .gwetAC1)
    }

    /// Computes the pair statistics from a confusion matrix. `ordered` enables the weighted κ's (the
    /// matrix's category order is then the scale: weights use positions 0..q−1).
    public init(matrix: ConfusionMatrix, ordered: Bool) {
        annotatorA = matrix.annotatorA
        annotatorB = matrix.annotatorB
        nItems = matrix.itemCount
        confusionMatrix = matrix.counts
        percentAgreement = matrix.percentAgreement
        cohenKappaUnweighted = CohenKappa.compute(table: matrix.counts, weighting: .unweighted)
        cohenKappaLinear = ordered ? CohenKappa.compute(table: matrix.counts, weighting: .linear) : nil
        cohenKappaQuadratic = ordered ? CohenKappa.compute(table: matrix.counts, weighting: .quadratic) : nil
        scottPi = ScottPi.compute(table: matrix.counts)
        gwetAC1 = GwetAC1.table(matrix.counts)
    }

    /// The statistics of every annotator pair that shares at least one item, in sorted pair order.
    public static func compute(_ coded: CodedRatings) -> [PairwiseAgreement] {
        ConfusionMatrix.pairwise(coded).map { PairwiseAgreement(matrix: $0, ordered: coded.isOrdered) }
    }
}
