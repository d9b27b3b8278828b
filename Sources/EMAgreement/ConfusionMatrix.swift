import Foundation

/// The confusion matrix of one pair of annotators over the items both rated (§2.2).
///
/// Rows are annotator A, columns annotator B, and categories are in the `CodedRatings` order (declared,
/// else sorted), including categories that neither annotator used (rows/columns of zeros).
public struct ConfusionMatrix: Codable, Sendable, Equatable {
    /// The row annotator.
    public let annotatorA: String
    /// The column annotator.
    public let annotatorB: String
    /// The category of each row and column.
    public let categories: [String]
    /// counts[i][j] = number of items that A put in category i and B in category j.
    public let counts: [[Int]]

    enum CodingKeys: String, CodingKey {
        case annotatorA = "annotator_a"
        case annotatorB = "annotator_b"
        case categories
        case counts
    }

    /// Creates a confusion matrix from its parts.
    public init(annotatorA: String, annotatorB: String, categories: [String], counts: [[Int]]) {
        self.annotatorA = annotatorA
        self.annotatorB = annotatorB
        self.categories = categories
        self.counts = counts
    }

    /// The number of items both annotators rated.
    public var itemCount: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The share of common items on which A and B agree (the trace over n); nil when they share no item.
    public var percentAgreement: Double? {
        let n = itemCount
        guard n > 0 else { return nil }
        var agree = 0
        for i in 0..<counts.count { agree += counts[i][i] }
        return Double(agree) / Double(n)
    }

    /// The confusion matrices of every annotator pair (A before B in sorted annotator order) that shares at
    /// least one item, in pair order.
    public static func pairwise(_ coded: CodedRatings) -> [ConfusionMatrix] {
        let annotatorCount = coded.annotators.count
        let q = coded.categories.count
        guard annotatorCount >= 2 else { return [] }
        var slotOfPair: [Int: Int] = [:]
        var pairOfSlot: [(Int, Int)] = []
        var tables: [[Int]] = []
        for item in 0..<coded.items.count {
            let lower = coded.itemOffsets[item], upper = coded.itemOffsets[item + 1]
            guard upper - lower >= 2 else { continue }
            for first in lower..<(upper - 1) {
                let a = Int(coded.entryAnnotator[first])
                let ca = Int(coded.entryCategory[first])
                for second in (first + 1)..<upper {
                    let b = Int(coded.entryAnnotator[second])
                    let cb = Int(coded.entryCategory[second])
                    let key = a * annotatorCount + b
                    let slot: Int
                    if let existing = slotOfPair[key] {
                        slot = existing
                    } else {
                        slot = tables.count
                        slotOfPair[key] = slot
                        pairOfSlot.append((a, b))
                        tables.append([Int](repeating: 0, count: q * q))
                    }
                    tables[slot][ca * q + cb] += 1
                }
            }
        }
        let order = (0..<tables.count).sorted { pairOfSlot[$0] < pairOfSlot[$1] }
        return order.map { slot in
            let (a, b) = pairOfSlot[slot]
            let flat = tables[slot]
            let rows = (0..<q).map { i in Array(flat[(i * q)..<((i + 1) * q)]) }
            return ConfusionMatrix(annotatorA: coded.annotators[a], annotatorB: coded.annotators[b],
                                   categories: coded.categories, counts: rows)
        }
    }
}
