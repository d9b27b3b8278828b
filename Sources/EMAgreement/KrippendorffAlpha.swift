import Foundation

/// The measurement level (difference function) of Krippendorff's α.
public enum AlphaLevel: String, Codable, Sendable, CaseIterable {
    /// δ² = [c ≠ k].
    case nominal
    /// Krippendorff's rank metric using the coincidence marginals: δ² = (Σ_{g=c}^{k} n_g − (n_c+n_k)/2)².
    case ordinal
    /// δ² = (c − k)² on the numeric scale.
    case interval
    /// δ² = ((c − k)/(c + k))², 0 when c + k = 0.
    case ratio
    /// MASI distance between label sets (Passonneau 2006), for multi-label data.
    case masi
    /// Jaccard distance between label sets, for multi-label data.
    case jaccard
}

/// A difference function for α over category indices 0..q−1.
public enum AlphaDifference: Sendable {
    /// [c ≠ k].
    case nominal
    /// Krippendorff's ordinal metric; category indices are the rank order.
    case ordinal
    /// (v_c − v_k)² with the given value per category.
    case interval(values: [Double])
    /// ((v_c − v_k)/(v_c + v_k))² with the given value per category (0 when v_c + v_k = 0).
    case ratio(values: [Double])
    /// A custom symmetric q × q difference matrix with zero diagonal (e.g. MASI distances).
    case matrix([[Double]])
}

/// Krippendorff's α at one level, from the coincidence matrix (§2.7).
///
/// Only pairable units (at least two values) count; units with one value are dropped entirely.
/// `value` is nil when undefined: no pairable unit, or D_e = 0 (no variation among the pairable values).
public struct AlphaResult: Codable, Sendable, Equatable {
    /// The level name (`nominal`, `ordinal`, `interval`, `ratio`, `masi`, `jaccard` or `custom`).
    public let level: String
    /// α = 1 − D_o/D_e = 1 − (n−1) Σ o_ck δ_ck / Σ n_c n_k δ_ck.
    public let value: Double?
    /// D_o = (1/n) Σ o_ck δ_ck.
    public let observedDisagreement: Double?
    /// D_e = Σ n_c n_k δ_ck / (n(n−1)).
    public let expectedDisagreement: Double?
    /// n, the number of pairable values (not items).
    public let nPairableValues: Int
    /// The number of pairable units.
    public let nPairableUnits: Int
    /// Units dropped because they had a single value.
    public let unitsExcludedSingleValue: Int
    /// The coincidence matrix o_ck in category order (nil when the category list is longer than 100).
    public let coincidenceMatrix: [[Double]]?

    enum CodingKeys: String, CodingKey {
        case level, value
        case observedDisagreement = "observed_disagreement"
        case expectedDisagreement = "expected_disagreement"
        case nPairableValues = "n_pairable_values"
        case nPairableUnits = "n_pairable_units"
        case unitsExcludedSingleValue = "units_excluded_single_value"
        case coincidenceMatrix = "coincidence_matrix"
    }

    /// Encodes every key, writing `null` for undefined values.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encodeNullable(value, forKey: .value)
        try container.encodeNullable(observedDisagreement, forKey: .observedDisagreement)
        try container.encodeNullable(expectedDisagreement, forKey: .expectedDisagreement)
        try container.encode(nPairableValues, forKey: .nPairableValues)
        try container.encode(nPairableUnits, forKey: .nPairableUnits)
        try container.encode(unitsExcludedSingleValue, forKey: .unitsExcludedSingleValue)
        try container.encodeNullable(coincidenceMatrix, forKey: .coincidenceMatrix)
    }
}

/// Krippendorff's α by the coincidence matrix, with missing data.
public enum KrippendorffAlpha {
    /// The largest category list for which the coincidence matrix is included in an `AlphaResult`.
    public static let maxCoincidenceMatrixCategories = 100

    /// α of item × category counts under a difference function. `level` names the result.
    public static func compute(_ counts: ItemCategoryCounts, difference: AlphaDifference,
                               level: String = "custom") -> AlphaResult {
        let patterns = AlphaPatterns(counts: counts)
        let resolved = ResolvedDifference(difference, q: counts.categoryCount)
        return patterns.result(difference: resolved, level: level)
    }

    /// α of coded ratings at a level. Returns nil when the level is not applicable: ordinal, interval and
    /// ratio need an ordered scale (`coded.isOrdered`).
    public static func compute(_ coded: CodedRatings, level: AlphaLevel) -> AlphaResult? {
        guard let difference = difference(for: level, coded: coded) else { return nil }
        return compute(coded.itemCategoryCounts(), difference: difference, level: level.rawValue)
    }

    /// The difference function of a level for coded ratings; nil when the level needs an order that the
    /// categories do not have.
    public static func difference(for level: AlphaLevel, coded: CodedRatings) -> AlphaDifference? {
        switch level {
        case .nominal:
            return .nominal
        case .ordinal:
            return coded.isOrdered ? .ordinal : nil
        case .interval:
            return coded.scaleValues.map { .interval(values: $0) }
        case .ratio:
            return coded.scaleValues.map { .ratio(values: $0) }
        case .masi, .jaccard:
            let labels = coded.categoryLabels
            let q = labels.count
            var matrix = [[Double]](repeating: [Double](repeating: 0, count: q), count: q)
            for c in 0..<q {
                for k in (c + 1)..<Swift.max(q, c + 1) {
                    let common = SetDistance.intersectionSize(labels[c], labels[k])
                    let d = level == .masi
                        ? SetDistance.masi(sizeA: labels[c].count, sizeB: labels[k].count, common: common)
                        : SetDistance.jaccard(sizeA: labels[c].count, sizeB: labels[k].count, common: common)
                    matrix[c][k] = d
                    matrix[k][c] = d
                }
            }
            return .matrix(matrix)
        }
    }
}

/// A difference function resolved to a flat q × q matrix (or a special fast form).
struct ResolvedDifference: Sendable {
    enum Kind: Sendable {
        case nominal
        case ordinal
        case matrix
    }

    let kind: Kind
    let q: Int
    /// Row-major q × q differences (only for `.matrix`).
    let delta: [Double]

    init(_ difference: AlphaDifference, q: Int) {
        self.q = q
        switch difference {
        case .nominal:
            kind = .nominal
            delta = []
        case .ordinal:
            kind = .ordinal
            delta = []
        case let .interval(values):
            kind = .matrix
            precondition(values.count >= q, "one value per category is required")
            var flat = [Double](repeating: 0, count: q * q)
            for c in 0..<q {
                for k in 0..<q where c != k {
                    let d = values[c] - values[k]
                    flat[c * q + k] = d * d
                }
            }
            delta = flat
        case let .ratio(values):
            kind = .matrix
            precondition(values.count >= q, "one value per category is required")
            var flat = [Double](repeating: 0, count: q * q)
            for c in 0..<q {
                for k in 0..<q where c != k {
                    let sum = values[c] + values[k]
                    if sum == 0 { continue }
                    let d = (values[c] - values[k]) / sum
                    flat[c * q + k] = d * d
                }
            }
            delta = flat
        case let .matrix(matrix):
            kind = .matrix
            precondition(matrix.count >= q && matrix.allSatisfy { $0.count >= q }, "a q × q matrix is required")
            var flat = [Double](repeating: 0, count: q * q)
            for c in 0..<q { for k in 0..<q where c != k { flat[c * q + k] = matrix[c][k] } }
            delta = flat
        }
    }
}

/// The pairable units of item × category counts, grouped into distinct patterns (the multiset of
/// categories in a unit). α depends on the units only through how many of each pattern there are, so a
/// bootstrap replicate reduces to a weight per pattern: each replicate costs O(units + patterns), with
/// integer category indices and no hashing.
struct AlphaPatterns: Sendable {
    let q: Int
    /// For each pairable unit (in item order), its index among the stored items of the counts.
    let unitItem: [Int]
    /// For each pairable unit, its pattern.
    let unitPattern: [Int32]
    /// The number of units of each pattern (the weights of the point estimate).
    let patternUnits: [Double]
    /// Entries of each pattern: categories (sorted) and counts.
    let offsets: [Int]
    let entryCategory: [Int32]
    let entryCount: [Double]
    /// m_p − 1 of each pattern.
    let patternDenominator: [Double]
    /// Units dropped because they had one value.
    let excludedUnits: Int

    var patternCount: Int { patternUnits.count }

    init(counts: ItemCategoryCounts) {
        q = counts.categoryCount
        var index: [[Int32]: Int32] = [:]
        var unitItem: [Int] = []
        var unitPattern: [Int32] = []
        var patternUnits: [Double] = []
        var offsets = [0]
        var cats: [Int32] = []
        var values: [Double] = []
        var denominators: [Double] = []
        var excluded = 0
        var key: [Int32] = []
        for item in 0..<counts.itemCount {
            let m = counts.totals[item]
            guard m >= 2 else {
                excluded += 1
                continue
            }
            key.removeAll(keepingCapacity: true)
            for slot in counts.offsets[item]..<counts.offsets[item + 1] {
                key.append(counts.entryCategory[slot])
                key.append(counts.entryCount[slot])
            }
            let pattern: Int32
            if let existing = index[key] {
                pattern = existing
                patternUnits[Int(existing)] += 1
            } else {
                pattern = Int32(patternUnits.count)
                index[key] = pattern
                patternUnits.append(1)
                for slot in counts.offsets[item]..<counts.offsets[item + 1] {
                    cats.append(counts.entryCategory[slot])
                    values.append(Double(counts.entryCount[slot]))
                }
                offsets.append(cats.count)
                denominators.append(Double(m - 1))
            }
            unitItem.append(item)
            unitPattern.append(pattern)
        }
        self.unitItem = unitItem
        self.unitPattern = unitPattern
        self.patternUnits = patternUnits
        self.offsets = offsets
        self.entryCategory = cats
        self.entryCount = values
        self.patternDenominator = denominators
        self.excludedUnits = excluded
    }

    /// D_o numerator Σ_ck o^p_ck δ_ck of each pattern, for differences that do not depend on the data
    /// (every kind but ordinal).
    func fixedObservedDisagreement(_ difference: ResolvedDifference) -> [Double] {
        var result = [Double](repeating: 0, count: patternCount)
        for p in 0..<patternCount {
            let lower = offsets[p], upper = offsets[p + 1]
            var sum = 0.0
            switch difference.kind {
            case .nominal:
                var m = 0.0, squares = 0.0
                for slot in lower..<upper {
                    m += entryCount[slot]
                    squares += entryCount[slot] * entryCount[slot]
                }
                sum = (m * m - squares) / patternDenominator[p]
            case .matrix:
                let q = difference.q
                for a in lower..<upper {
                    let ca = Int(entryCategory[a])
                    for b in lower..<upper where b != a {
                        let cb = Int(entryCategory[b])
                        sum += entryCount[a] * entryCount[b] * difference.delta[ca * q + cb]
                    }
                }
                sum /= patternDenominator[p]
            case .ordinal:
                sum = 0
            }
            result[p] = sum
        }
        return result
    }

    /// The point estimate with full details.
    func result(difference: ResolvedDifference, level: String) -> AlphaResult {
        var evaluator = AlphaEvaluator(patterns: self, difference: difference)
        let includeMatrix = q <= KrippendorffAlpha.maxCoincidenceMatrixCategories
        let evaluation = evaluator.evaluate(weights: patternUnits, buildMatrix: includeMatrix)
        var matrix: [[Double]]? = nil
        if includeMatrix {
            matrix = (0..<q).map { c in Array(evaluator.coincidence[(c * q)..<((c + 1) * q)]) }
        }
        let n = evaluation.n
        return AlphaResult(level: level, value: evaluation.alpha,
                           observedDisagreement: n > 0 ? evaluation.observedNumerator / n : nil,
                           expectedDisagreement: n > 1 ? evaluation.expectedNumerator / (n * (n - 1)) : nil,
                           nPairableValues: Int(n.rounded()), nPairableUnits: unitItem.count,
                           unitsExcludedSingleValue: excludedUnits, coincidenceMatrix: matrix)
    }
}

/// Evaluates α for a weight per pattern, reusing scratch buffers (one per bootstrap run).
struct AlphaEvaluator {
    let patterns: AlphaPatterns
    let difference: ResolvedDifference
    let fixedObserved: [Double]
    var marginals: [Double]
    var coincidence: [Double]
    var nonZero: [Int]

    struct Evaluation {
        var alpha: Double?
        var n: Double
        var observedNumerator: Double
        var expectedNumerator: Double
    }

    init(patterns: AlphaPatterns, difference: ResolvedDifference) {
        self.patterns = patterns
        self.difference = difference
        self.fixedObserved = patterns.fixedObservedDisagreement(difference)
        self.marginals = [Double](repeating: 0, count: patterns.q)
        self.coincidence = []
        self.nonZero = []
    }

    /// α for the given pattern weights (number of times each pattern is in the sample).
    mutating func evaluate(weights: [Double], buildMatrix: Bool = false) -> Evaluation {
        let q = patterns.q
        let needMatrix = buildMatrix || difference.kind == .ordinal
        for c in 0..<q { marginals[c] = 0 }
        if needMatrix {
            if coincidence.count != q * q {
                coincidence = [Double](repeating: 0, count: q * q)
            } else {
                for i in 0..<(q * q) { coincidence[i] = 0 }
            }
        }
        var observed = 0.0
        patterns.entryCategory.withUnsafeBufferPointer { cats in
            patterns.entryCount.withUnsafeBufferPointer { counts in
                for p in 0..<patterns.patternCount {
                    let w = weights[p]
                    if w == 0 { continue }
                    let lower = patterns.offsets[p], upper = patterns.offsets[p + 1]
                    for slot in lower..<upper {
                        marginals[Int(cats[slot])] += w * counts[slot]
                    }
                    if difference.kind != .ordinal { observed += w * fixedObserved[p] }
                    if needMatrix {
                        let scale = w / patterns.patternDenominator[p]
                        for a in lower..<upper {
                            let ca = Int(cats[a])
                            for b in lower..<upper {
                                let cb = Int(cats[b])
                                let pairs = counts[a] * (counts[b] - (a == b ? 1 : 0))
                                if pairs != 0 { coincidence[ca * q + cb] += scale * pairs }
                            }
                        }
                    }
                }
            }
        }
        var n = 0.0
        for c in 0..<q { n += marginals[c] }
        guard n > 0 else { return Evaluation(alpha: nil, n: 0, observedNumerator: 0, expectedNumerator: 0) }
        var expected = 0.0
        switch difference.kind {
        case .nominal:
            var squares = 0.0
            for c in 0..<q { squares += marginals[c] * marginals[c] }
            expected = n * n - squares
        case .ordinal:
            // δ_ck = (Σ_{g=c}^{k} n_g − (n_c + n_k)/2)² with cumulative sums of the marginals.
            var cumulative = [Double](repeating: 0, count: q + 1)
            for c in 0..<q { cumulative[c + 1] = cumulative[c] + marginals[c] }
            observed = 0
            for c in 0..<q {
                for k in (c + 1)..<Swift.max(q, c + 1) {
                    let span = cumulative[k + 1] - cumulative[c] - (marginals[c] + marginals[k]) / 2
                    let delta = span * span
                    if delta == 0 { continue }
                    expected += 2 * marginals[c] * marginals[k] * delta
                    observed += (coincidence[c * q + k] + coincidence[k * q + c]) * delta
                }
            }
        case .matrix:
            nonZero.removeAll(keepingCapacity: true)
            for c in 0..<q where marginals[c] != 0 { nonZero.append(c) }
            difference.delta.withUnsafeBufferPointer { delta in
                for c in nonZero {
                    var row = 0.0
                    for k in nonZero { row += marginals[k] * delta[c * q + k] }
                    expected += marginals[c] * row
                }
            }
        }
        let alpha: Double? = expected > 0 ? 1 - (n - 1) * observed / expected : nil
        return Evaluation(alpha: alpha.flatMap(finiteOrNil), n: n, observedNumerator: observed,
                          expectedNumerator: expected)
    }
}
