import Foundation

/// Scott's π of two raters (§2.4). `value` is nil when p_e = 1 (0/0) or the table is empty.
///
/// With two raters and no missing data, Krippendorff's α = 1 − (2N−1)/(2N)·(1 − π).
public struct ScottPiResult: Codable, Sendable, Equatable {
    /// π = (p_o − p_e)/(1 − p_e).
    public let value: Double?
    /// Observed agreement, the trace of the proportion table.
    public let pO: Double?
    /// Chance agreement Σ_k π_k² with π_k = (p_k· + p_·k)/2.
    public let pE: Double?
    /// The number of items.
    public let n: Int

    enum CodingKeys: String, CodingKey {
        case value
        case pO = "p_o"
        case pE = "p_e"
        case n
    }

    /// Encodes every key, writing `null` for undefined values.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNullable(value, forKey: .value)
        try container.encodeNullable(pO, forKey: .pO)
        try container.encodeNullable(pE, forKey: .pE)
        try container.encode(n, forKey: .n)
    }
}

/// Scott's π for a two-rater table.
public enum ScottPi {
    /// π of a square table of counts (rows = rater A, columns = rater B).
    public static func compute(table: [[Int]]) -> ScottPiResult {
        let q = table.count
        let total = table.reduce(0) { $0 + $1.reduce(0, +) }
        guard q > 0, total > 0, table.allSatisfy({ $0.count == q }) else {
            return ScottPiResult(value: nil, pO: nil, pE: nil, n: total)
        }
        let n = Double(total)
        var pO = 0.0, pE = 0.0
        for k in 0..<q {
            pO += Double(table[k][k]) / n
            var rowSum = 0, colSum = 0
            for j in 0..<q {
                rowSum += table[k][j]
                colSum += table[j][k]
            }
            let pik = (Double(rowSum) / n + Double(colSum) / n) / 2
            pE += pik * pik
        }
        let denominator = 1 - pE
        let value: Double? = denominator > degenerateDenominator ? (pO - pE) / denominator : nil
        return ScottPiResult(value: value, pO: pO, pE: pE, n: total)
    }
}
