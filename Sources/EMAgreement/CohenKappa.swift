import Foundation

/// Agreement weights for Cohen's κ, defined on category positions 0..q−1 (w_ii = 1).
public enum KappaWeighting: String, Codable, Sendable, CaseIterable {
    /// w = I (plain Cohen's κ).
    case unweighted
    /// Cicchetti–Allison: w_ij = 1 − |i−j|/(q−1).
    case linear
    /// Fleiss–Cohen: w_ij = 1 − (i−j)²/(q−1)².
    case quadratic

    /// The agreement weight of positions i and j among q categories.
    public func weight(_ i: Int, _ j: Int, categoryCount q: Int) -> Double {
        if i == j { return 1 }
        guard q > 1 else { return 0 }
        switch self {
        case .unweighted:
            return 0
        case .linear:
            return 1 - Double(abs(i - j)) / Double(q - 1)
        case .quadratic:
            let d = Double(i - j) / Double(q - 1)
            return 1 - d * d
        }
    }
}

/// Cohen's κ of a two-rater table, with the Fleiss–Cohen–Everitt (1969) standard errors (§2.3).
///
/// `kappa`, `se`, `se0`, the CI and `z0` are nil when κ is undefined (no item, or p_e = 1, i.e. 0/0);
/// `p_o` and `p_e` are nil only when there is no item.
public struct CohenKappaResult: Codable, Sendable, Equatable {
    /// The weighting used.
    public let weighting: KappaWeighting
    /// The number of items in the table.
    public let n: Int
    /// κ = (p_o − p_e)/(1 − p_e).
    public let kappa: Double?
    /// Non-null asymptotic SE (SAS "ASE"), used for the CI.
    public let se: Double?
    /// SE under H0: κ = 0 (SAS "ASE under H0"), used for z0.
    public let se0: Double?
    /// κ − z·SE with z = 1.959963984540054, not clipped to [−1, 1].
    public let ciLow: Double?
    /// κ + z·SE, not clipped.
    public let ciHigh: Double?
    /// κ / se0.
    public let z0: Double?
    /// Weighted observed agreement Σ w_ij p_ij.
    public let pO: Double?
    /// Weighted chance agreement Σ w_ij p_i· p_·j.
    public let pE: Double?

    enum CodingKeys: String, CodingKey {
        case weighting, n, kappa, se, se0
        case ciLow = "ci_low"
        case ciHigh = "ci_high"
        case z0
        case pO = "p_o"
        case pE = "p_e"
    }

    /// Encodes every key, writing `null` for undefined values.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(weighting, forKey: .weighting)
        try container.encode(n, forKey: .n)
        try container.encodeNullable(kappa, forKey: .kappa)
        try container.encodeNullable(se, forKey: .se)
        try container.encodeNullable(se0, forKey: .se0)
        try container.encodeNullable(ciLow, forKey: .ciLow)
        try container.encodeNullable(ciHigh, forKey: .ciHigh)
        try container.encodeNullable(z0, forKey: .z0)
        try container.encodeNullable(pO, forKey: .pO)
        try container.encodeNullable(pE, forKey: .pE)
    }
}

/// Cohen's κ (unweighted, linear, quadratic) and Light's κ.
public enum CohenKappa {
    /// The normal quantile z_{0.975} used for 95 % Wald intervals.
    public static let z95 = 1.959963984540054

    /// κ of a square table of counts (rows = rater A, columns = rater B, categories in scale order).
    public static func compute(table: [[Int]], weighting: KappaWeighting = .unweighted) -> CohenKappaResult {
        compute(table: table.map { $0.map(Double.init) }, weighting: weighting)
    }

    /// κ of a square table of (possibly non-integer) counts.
    public static func compute(table: [[Double]], weighting: KappaWeighting = .unweighted) -> CohenKappaResult {
        let q = table.count
        let total = table.reduce(0.0) { $0 + $1.reduce(0, +) }
        guard q > 0, total > 0, table.allSatisfy({ $0.count == q }) else {
            return CohenKappaResult(weighting: weighting, n: Int(total.rounded()), kappa: nil, se: nil, se0: nil,
                                    ciLow: nil, ciHigh: nil, z0: nil, pO: nil, pE: nil)
        }
        var w = [Double](repeating: 0, count: q * q)
        for i in 0..<q { for j in 0..<q { w[i * q + j] = weighting.weight(i, j, categoryCount: q) } }
        var p = [Double](repeating: 0, count: q * q)
        var row = [Double](repeating: 0, count: q)
        var col = [Double](repeating: 0, count: q)
        for i in 0..<q {
            for j in 0..<q {
                let value = table[i][j] / total
                p[i * q + j] = value
                row[i] += value
                col[j] += value
            }
        }
        var pO = 0.0, pE = 0.0
        for i in 0..<q {
            for j in 0..<q {
                pO += w[i * q + j] * p[i * q + j]
                pE += w[i * q + j] * row[i] * col[j]
            }
        }
        let n = Int(total.rounded())
        let denominator = 1 - pE
        guard denominator > degenerateDenominator else {
            return CohenKappaResult(weighting: weighting, n: n, kappa: nil, se: nil, se0: nil, ciLow: nil,
                                    ciHigh: nil, z0: nil, pO: pO, pE: pE)
        }
        let kappa = (pO - pE) / denominator
        var wRow = [Double](repeating: 0, count: q)   // w̄_i· = Σ_j w_ij p_·j
        var wCol = [Double](repeating: 0, count: q)   // w̄_·j = Σ_i w_ij p_i·
        for i in 0..<q {
            for j in 0..<q {
                wRow[i] += w[i * q + j] * col[j]
                wCol[j] += w[i * q + j] * row[i]
            }
        }
        var sum1 = 0.0, sum0 = 0.0
        for i in 0..<q {
            for j in 0..<q {
                let a = w[i * q + j] - (wRow[i] + wCol[j]) * (1 - kappa)
                sum1 += p[i * q + j] * a * a
                let b = w[i * q + j] - (wRow[i] + wCol[j])
                sum0 += row[i] * col[j] * b * b
            }
        }
        let scale = total * denominator * denominator
        let correction = kappa - pE * (1 - kappa)
        let variance = (sum1 - correction * correction) / scale
        let variance0 = (sum0 - pE * pE) / scale
        let se = variance.isFinite ? Swift.max(variance, 0).squareRoot() : nil
        let se0 = variance0.isFinite ? Swift.max(variance0, 0).squareRoot() : nil
        let z0: Double? = se0.flatMap { $0 > 0 ? finiteOrNil(kappa / $0) : nil }
        return CohenKappaResult(weighting: weighting, n: n, kappa: kappa, se: se, se0: se0,
                                ciLow: se.map { kappa - z95 * $0 }, ciHigh: se.map { kappa + z95 * $0 },
                                z0: z0, pO: pO, pE: pE)
    }

    /// Light's κ: the mean of the defined pairwise Cohen κ's; nil when none is defined.
    public static func lightKappa(_ pairwiseKappas: [Double?]) -> Double? {
        let defined = pairwiseKappas.compactMap { $0 }
        guard !defined.isEmpty else { return nil }
        return defined.reduce(0, +) / Double(defined.count)
    }
}
