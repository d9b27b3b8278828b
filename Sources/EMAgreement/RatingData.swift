import Foundation

/// Errors raised when rating input cannot be interpreted unambiguously.
public enum AgreementError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The same annotator gave two different values to the same item through `RatingData(ratings:)`.
    case conflictingRatings(item: String, annotator: String)

    /// A human-readable explanation of the error.
    public var description: String {
        switch self {
        case let .conflictingRatings(item, annotator):
            return "annotator \(annotator) has two different values for item \(item)"
        }
    }
}

/// The value one annotator gave one item: a category, a number or a set of labels (multi-label data).
///
/// Single-label statistics (κ, π, Fleiss, α-nominal, AC1) see every value as one category, its
/// `categoryKey`. A set of labels becomes the category "its labels, sorted and joined by `|`" (the
/// exact-set-match convention); the set-aware alternatives (α with MASI or Jaccard distance and the
/// per-label binary decomposition) use `labelSet`.
public enum RatingValue: Hashable, Sendable {
    /// A category name such as `deception` or `3`.
    case category(String)
    /// A numeric value such as an LLM judge's 0–100 score.
    case number(Double)
    /// The set of labels an annotator put on the item (multi-label data).
    case labels(Set<String>)

    /// The separator used to encode a label set as one category.
    public static let labelSeparator = "|"

    /// The single category this value stands for in single-label statistics (a set: sorted labels joined by `|`).
    public var categoryKey: String {
        switch self {
        case let .category(name):
            return name
        case let .number(value):
            return RatingValue.canonicalString(for: value)
        case let .labels(set):
            return set.sorted().joined(separator: RatingValue.labelSeparator)
        }
    }

    /// The labels of this value as a set (a category or a number is a one-element set; the empty category
    /// `""` is the empty set, "reviewed — none apply").
    public var labelSet: Set<String> {
        switch self {
        case let .labels(set):
            return set
        case let .category(name) where name.isEmpty:
            return []
        default:
            return [categoryKey]
        }
    }

    /// Decodes a label set stored as its labels joined by `|` (emscope's ratings table): `""` is the empty
    /// set ("reviewed — none apply"), one label gives `.category`, several give `.labels`.
    public static func fromJoinedLabels(_ text: String) -> RatingValue {
        let labels = text.split(separator: Character(labelSeparator), omittingEmptySubsequences: true).map(String.init)
        switch labels.count {
        case 0: return .labels([])
        case 1: return .category(labels[0])
        default: return .labels(Set(labels))
        }
    }

    /// True when the value is a set of two or more labels.
    public var isMultiLabel: Bool {
        if case let .labels(set) = self { return set.count > 1 }
        return false
    }

    /// The value as a finite number, if it is one (a numeric category name counts; a multi-label set does not).
    public var numericValue: Double? {
        switch self {
        case let .number(value):
            return value.isFinite ? value : nil
        case let .category(name):
            return RatingValue.parseNumber(name)
        case let .labels(set):
            guard set.count == 1, let only = set.first else { return nil }
            return RatingValue.parseNumber(only)
        }
    }

    /// The canonical text of a number used as a category name: integers without a decimal point, others in
    /// Swift's shortest round-trip form.
    public static func canonicalString(for value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// Parses a label as a finite number (surrounding white space allowed); nil for text, NaN or infinity.
    public static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }
}

/// One rating: the value an annotator gave an item.
public struct Rating: Hashable, Sendable {
    /// The rated unit (a trace, sample or item id).
    public let item: String
    /// Who gave the rating (a human annotator or an LLM judge).
    public let annotator: String
    /// The value given.
    public let value: RatingValue

    /// Creates a rating.
    public init(item: String, annotator: String, value: RatingValue) {
        self.item = item
        self.annotator = annotator
        self.value = value
    }
}

/// One stored row `(item, annotator, label)`, as read from a ratings table. `label` is nil for a NULL label.
public struct RatingRow: Hashable, Sendable {
    /// The rated unit.
    public let item: String
    /// Who labelled it.
    public let annotator: String
    /// The label text, or nil when the stored label is NULL.
    public let label: String?

    /// Creates a row.
    public init(item: String, annotator: String, label: String?) {
        self.item = item
        self.annotator = annotator
        self.label = label
    }
}

/// A cleaned set of ratings: at most one value per (item, annotator), with the counts of what was dropped.
///
/// Build it from stored rows with `init(rows:)`, which follows the conventions of the agreement
/// specification: exact duplicate rows are dropped and counted, rows with a NULL label are dropped and
/// counted, and the value of (item, annotator) is the set of labels on that annotator's rows for the item
/// (one label gives `.category`, several give `.labels`). An annotator without a row for an item did not
/// rate it (missing), which the data cannot distinguish from "looked and assigned no label"; a row with the
/// empty label `""` records "reviewed — none apply" (the empty label set) explicitly.
public struct RatingData: Sendable {
    /// The ratings, in the order in which each (item, annotator) first appeared.
    public let ratings: [Rating]
    /// Rows or ratings dropped because they repeated an earlier one exactly.
    public let duplicateRowsDropped: Int
    /// Rows dropped because their label was NULL.
    public let nullLabelRowsDropped: Int

    /// Builds the data from typed ratings. Exact repeats are dropped and counted; two different values for
    /// the same (item, annotator) throw `AgreementError.conflictingRatings`.
    public init(ratings: [Rating]) throws {
        var seen: [PairKey: Int] = [:]
        seen.reserveCapacity(ratings.count)
        var kept: [Rating] = []
        kept.reserveCapacity(ratings.count)
        var duplicates = 0
        for rating in ratings {
            let key = PairKey(item: rating.item, annotator: rating.annotator)
            if let index = seen[key] {
                if kept[index].value == rating.value {
                    duplicates += 1
                    continue
                }
                throw AgreementError.conflictingRatings(item: rating.item, annotator: rating.annotator)
            }
            seen[key] = kept.count
            kept.append(rating)
        }
        self.ratings = kept
        self.duplicateRowsDropped = duplicates
        self.nullLabelRowsDropped = 0
    }

    /// Builds the data from stored `(item, annotator, label?)` rows (see the type's documentation).
    public init(rows: [RatingRow]) {
        var pairIndex: [PairKey: Int] = [:]
        pairIndex.reserveCapacity(rows.count)
        var pairs: [PairKey] = []
        var labels: [[String]] = []
        var duplicates = 0
        var nulls = 0
        for row in rows {
            guard let label = row.label else {
                nulls += 1
                continue
            }
            let key = PairKey(item: row.item, annotator: row.annotator)
            if let index = pairIndex[key] {
                // An exact duplicate row repeats a label already recorded for this (item, annotator).
                if labels[index].contains(label) {
                    duplicates += 1
                } else {
                    labels[index].append(label)
                }
            } else {
                pairIndex[key] = pairs.count
                pairs.append(key)
                labels.append([label])
            }
        }
        var built: [Rating] = []
        built.reserveCapacity(pairs.count)
        for (index, key) in pairs.enumerated() {
            var values = labels[index]
            if values.count > 1 { values.removeAll { $0.isEmpty } }   // "" (none apply) is moot beside labels
            let value: RatingValue = values.count == 1 ? .category(values[0]) : .labels(Set(values))
            built.append(Rating(item: key.item, annotator: key.annotator, value: value))
        }
        self.ratings = built
        self.duplicateRowsDropped = duplicates
        self.nullLabelRowsDropped = nulls
    }

    /// Internal memberwise initialiser used when filtering.
    init(ratings: [Rating], duplicateRowsDropped: Int, nullLabelRowsDropped: Int) {
        self.ratings = ratings
        self.duplicateRowsDropped = duplicateRowsDropped
        self.nullLabelRowsDropped = nullLabelRowsDropped
    }

    /// The same data without the given annotators (e.g. without the LLM judge for the human statistics).
    /// The drop counts are carried over unchanged.
    public func removingAnnotators(_ names: Set<String>) -> RatingData {
        RatingData(ratings: ratings.filter { !names.contains($0.annotator) },
                   duplicateRowsDropped: duplicateRowsDropped,
                   nullLabelRowsDropped: nullLabelRowsDropped)
    }

    /// The same data restricted to the given annotators.
    public func keepingAnnotators(_ names: Set<String>) -> RatingData {
        RatingData(ratings: ratings.filter { names.contains($0.annotator) },
                   duplicateRowsDropped: duplicateRowsDropped,
                   nullLabelRowsDropped: nullLabelRowsDropped)
    }

    /// The distinct annotator names, sorted.
    public var annotators: [String] {
        Array(Set(ratings.map(\.annotator))).sorted()
    }

    /// The number of ratings whose value is a set of two or more labels.
    public var multiLabelRatingCount: Int {
        ratings.reduce(0) { $0 + ($1.value.isMultiLabel ? 1 : 0) }
    }
}

/// Hashable (item, annotator) key.
struct PairKey: Hashable {
    let item: String
    let annotator: String
}
