import Foundation

/// How the category list of a `CodedRatings` was ordered.
public enum CategoryOrderSource: String, Codable, Sendable {
    /// The declared list (e.g. `--order`), followed by any undeclared observed categories sorted.
    case declared
    /// No declared list and every category is numeric: sorted by numeric value.
    case numeric
    /// No declared list and some category is not numeric: sorted by text.
    case lexicographic
}

/// Ratings with items, annotators and categories replaced by integer indices, the form every statistic in
/// this module works on.
///
/// * Items and annotators are sorted by their id.
/// * Categories: the declared list when one is given (positions in it are the category order), followed by
///   any observed category that was not declared; otherwise the observed categories, sorted numerically
///   when all are numbers, else sorted as text. Declared categories that nobody used stay in the list
///   (zero rows/columns in confusion matrices; they count in AC1's q).
/// * An order (needed by weighted κ and by ordinal, interval and ratio α) exists when the declared list
///   covers every observed category, or when no list is declared and every category is numeric. The
///   numeric scale is then the numbers themselves when all categories are numeric, else the ranks 1...k.
public struct CodedRatings: Sendable {
    /// Item ids, sorted; an item index refers to this array.
    public let items: [String]
    /// Annotator ids, sorted.
    public let annotators: [String]
    /// Category names (single-label keys; a label set is encoded as its sorted labels joined by `|`).
    public let categories: [String]
    /// The sorted labels of each category (one label for a single-label category).
    public let categoryLabels: [[String]]
    /// Where the category order came from.
    public let orderSource: CategoryOrderSource
    /// Observed categories missing from the declared list (empty when no list was declared).
    public let undeclaredCategories: [String]
    /// The numeric value of each category on the ordered scale, or nil when the categories have no order.
    public let scaleValues: [Double]?
    /// The number of ratings.
    public let ratingCount: Int
    /// The number of ratings whose value is a set of two or more labels.
    public let multiLabelRatingCount: Int

    /// Start of each item's entries in `entryAnnotator` / `entryCategory` (count `items.count + 1`).
    let itemOffsets: [Int]
    /// Annotator index of each rating, grouped by item and sorted by annotator within an item.
    let entryAnnotator: [Int32]
    /// Category index of each rating, parallel to `entryAnnotator`.
    let entryCategory: [Int32]

    /// True when the categories have an order (weighted κ and ordinal/interval/ratio α are then defined).
    public var isOrdered: Bool { scaleValues != nil }

    /// The number of items that have exactly one rating.
    public var itemsWithSingleRating: Int {
        var count = 0
        for item in 0..<items.count where itemOffsets[item + 1] - itemOffsets[item] == 1 {
            count += 1
        }
        return count
    }

    /// The ratings of one item as (annotator index, category index) pairs, sorted by annotator.
    public func ratings(ofItem item: Int) -> [(annotator: Int, category: Int)] {
        (itemOffsets[item]..<itemOffsets[item + 1]).map { (Int(entryAnnotator[$0]), Int(entryCategory[$0])) }
    }

    /// Codes `data`. `declaredCategories` is the full ordered category list, when there is one.
    public init(_ data: RatingData, declaredCategories: [String]? = nil) {
        // 1. Intern items, annotators and categories in order of first appearance.
        var itemIndex: [String: Int] = [:]
        var annotatorIndex: [String: Int] = [:]
        var categoryIndex: [String: Int] = [:]
        var itemNames: [String] = []
        var annotatorNames: [String] = []
        var categoryNames: [String] = []
        var categoryLabelSets: [[String]] = []
        var categoryNumbers: [Double?] = []
        let count = data.ratings.count
        var rawItem = [Int](repeating: 0, count: count)
        var rawAnnotator = [Int](repeating: 0, count: count)
        var rawCategory = [Int](repeating: 0, count: count)
        var multi = 0
        for (position, rating) in data.ratings.enumerated() {
            if let index = itemIndex[rating.item] {
                rawItem[position] = index
            } else {
                itemIndex[rating.item] = itemNames.count
                rawItem[position] = itemNames.count
                itemNames.append(rating.item)
            }
            if let index = annotatorIndex[rating.annotator] {
                rawAnnotator[position] = index
            } else {
                annotatorIndex[rating.annotator] = annotatorNames.count
                rawAnnotator[position] = annotatorNames.count
                annotatorNames.append(rating.annotator)
            }
            if rating.value.isMultiLabel { multi += 1 }
            let key = rating.value.categoryKey
            if let index = categoryIndex[key] {
                rawCategory[position] = index
            } else {
                categoryIndex[key] = categoryNames.count
                rawCategory[position] = categoryNames.count
                categoryNames.append(key)
                categoryLabelSets.append(rating.value.labelSet.sorted())
                categoryNumbers.append(rating.value.numericValue)
            }
        }

        // 2. Order the categories.
        let observedOrder: (Int, Int) -> Bool
        let allObservedNumeric = categoryNumbers.allSatisfy { $0 != nil }
        if allObservedNumeric {
            observedOrder = { a, b in
                let x = categoryNumbers[a]!, y = categoryNumbers[b]!
                return x != y ? x < y : categoryNames[a] < categoryNames[b]
            }
        } else {
            observedOrder = { a, b in categoryNames[a] < categoryNames[b] }
        }
        var finalNames: [String] = []
        var finalLabels: [[String]] = []
        var finalNumbers: [Double?] = []
        var remapCategory = [Int](repeating: 0, count: categoryNames.count)
        var undeclared: [String] = []
        let source: CategoryOrderSource
        if let declared = declaredCategories {
            source = .declared
            var declaredSeen = Set<String>()
            for name in declared where declaredSeen.insert(name).inserted {
                if let old = categoryIndex[name] {
                    remapCategory[old] = finalNames.count
                    finalLabels.append(categoryLabelSets[old])
                } else {
                    finalLabels.append([name])
                }
                finalNames.append(name)
                finalNumbers.append(RatingValue.parseNumber(name))
            }
            let rest = (0..<categoryNames.count).filter { !declaredSeen.contains(categoryNames[$0]) }
                .sorted(by: observedOrder)
            for old in rest {
                remapCategory[old] = finalNames.count
                finalNames.append(categoryNames[old])
                finalLabels.append(categoryLabelSets[old])
                finalNumbers.append(categoryNumbers[old])
                undeclared.append(categoryNames[old])
            }
        } else {
            source = allObservedNumeric ? .numeric : .lexicographic
            for old in (0..<categoryNames.count).sorted(by: observedOrder) {
                remapCategory[old] = finalNames.count
                finalNames.append(categoryNames[old])
                finalLabels.append(categoryLabelSets[old])
                finalNumbers.append(categoryNumbers[old])
            }
        }

        // 3. The ordered scale.
        var scale: [Double]? = nil
        switch source {
        case .declared where undeclared.isEmpty:
            if finalNumbers.allSatisfy({ $0 != nil }) {
                scale = finalNumbers.map { $0! }
            } else {
                scale = (0..<finalNames.count).map { Double($0 + 1) }
            }
        case .numeric:
            scale = finalNumbers.map { $0! }
        default:
            scale = nil
        }

        // 4. Sort items and annotators; lay out the entries grouped by item, sorted by annotator.
        let itemOrder = (0..<itemNames.count).sorted { itemNames[$0] < itemNames[$1] }
        var remapItem = [Int](repeating: 0, count: itemNames.count)
        for (new, old) in itemOrder.enumerated() { remapItem[old] = new }
        let annotatorOrder = (0..<annotatorNames.count).sorted { annotatorNames[$0] < annotatorNames[$1] }
        var remapAnnotator = [Int](repeating: 0, count: annotatorNames.count)
        for (new, old) in annotatorOrder.enumerated() { remapAnnotator[old] = new }

        var offsets = [Int](repeating: 0, count: itemNames.count + 1)
        for position in 0..<count { offsets[remapItem[rawItem[position]] + 1] += 1 }
        for item in 0..<itemNames.count { offsets[item + 1] += offsets[item] }
        var cursor = offsets
        var entryAnn = [Int32](repeating: 0, count: count)
        var entryCat = [Int32](repeating: 0, count: count)
        for position in 0..<count {
            let item = remapItem[rawItem[position]]
            let slot = cursor[item]
            cursor[item] += 1
            entryAnn[slot] = Int32(remapAnnotator[rawAnnotator[position]])
            entryCat[slot] = Int32(remapCategory[rawCategory[position]])
        }
        for item in 0..<itemNames.count {
            let lower = offsets[item], upper = offsets[item + 1]
            if upper - lower < 2 { continue }
            var isSorted = true
            for slot in (lower + 1)..<upper where entryAnn[slot - 1] > entryAnn[slot] {
                isSorted = false
                break
            }
            if isSorted { continue }
            let pairs = (lower..<upper).map { (entryAnn[$0], entryCat[$0]) }.sorted { $0.0 < $1.0 }
            for (offset, pair) in pairs.enumerated() {
                entryAnn[lower + offset] = pair.0
                entryCat[lower + offset] = pair.1
            }
        }

        self.items = itemOrder.map { itemNames[$0] }
        self.annotators = annotatorOrder.map { annotatorNames[$0] }
        self.categories = finalNames
        self.categoryLabels = finalLabels
        self.orderSource = source
        self.undeclaredCategories = undeclared
        self.scaleValues = scale
        self.ratingCount = count
        self.multiLabelRatingCount = multi
        self.itemOffsets = offsets
        self.entryAnnotator = entryAnn
        self.entryCategory = entryCat
    }

    /// The per-item category counts n_ik of these ratings (annotator identities dropped).
    public func itemCategoryCounts() -> ItemCategoryCounts {
        ItemCategoryCounts(coded: self)
    }
}

/// The item × category count table n_ik in sparse form: what Fleiss' κ, Gwet's coefficients,
/// Krippendorff's α and percent agreement need (they ignore who gave which rating).
///
/// Items with no rating are not stored. Within an item, entries are sorted by category index.
public struct ItemCategoryCounts: Sendable {
    /// The number of categories q (the length of the category list, used or not).
    public let categoryCount: Int
    /// For each stored item, its index in the source (the `CodedRatings` item index or the dense table row).
    public let sourceItemIndex: [Int]
    /// Start of each item's entries (count `itemCount + 1`).
    let offsets: [Int]
    /// Category index of each entry.
    let entryCategory: [Int32]
    /// Count n_ik of each entry (always ≥ 1).
    let entryCount: [Int32]
    /// Number of ratings m_i of each item.
    let totals: [Int32]

    /// The number of items with at least one rating.
    public var itemCount: Int { totals.count }

    /// The total number of ratings.
    public var ratingCount: Int { totals.reduce(0) { $0 + Int($1) } }

    /// Builds the counts from a dense items × categories table (e.g. a published Fleiss table). Rows whose
    /// counts sum to zero are skipped.
    public init(counts: [[Int]], categoryCount: Int? = nil) {
        let q = categoryCount ?? (counts.map(\.count).max() ?? 0)
        var offsets = [0]
        var cats: [Int32] = []
        var values: [Int32] = []
        var totals: [Int32] = []
        var source: [Int] = []
        for (row, line) in counts.enumerated() {
            precondition(line.count <= q, "row \(row) has more columns than categoryCount")
            var total: Int32 = 0
            for (category, value) in line.enumerated() where value > 0 {
                cats.append(Int32(category))
                values.append(Int32(value))
                total += Int32(value)
            }
            if total == 0 { continue }
            totals.append(total)
            offsets.append(cats.count)
            source.append(row)
        }
        self.init(categoryCount: q, sourceItemIndex: source, offsets: offsets, entryCategory: cats,
                  entryCount: values, totals: totals)
    }

    init(categoryCount: Int, sourceItemIndex: [Int], offsets: [Int], entryCategory: [Int32],
         entryCount: [Int32], totals: [Int32]) {
        self.categoryCount = categoryCount
        self.sourceItemIndex = sourceItemIndex
        self.offsets = offsets
        self.entryCategory = entryCategory
        self.entryCount = entryCount
        self.totals = totals
    }

    init(coded: CodedRatings) {
        let q = coded.categories.count
        var scratch = [Int32](repeating: 0, count: q)
        var touched: [Int32] = []
        var offsets = [0]
        offsets.reserveCapacity(coded.items.count + 1)
        var cats: [Int32] = []
        var values: [Int32] = []
        cats.reserveCapacity(coded.ratingCount)
        values.reserveCapacity(coded.ratingCount)
        var totals: [Int32] = []
        totals.reserveCapacity(coded.items.count)
        var source: [Int] = []
        source.reserveCapacity(coded.items.count)
        for item in 0..<coded.items.count {
            let lower = coded.itemOffsets[item], upper = coded.itemOffsets[item + 1]
            if upper == lower { continue }
            touched.removeAll(keepingCapacity: true)
            for slot in lower..<upper {
                let category = coded.entryCategory[slot]
                if scratch[Int(category)] == 0 { touched.append(category) }
                scratch[Int(category)] += 1
            }
            if touched.count > 1 { touched.sort() }
            for category in touched {
                cats.append(category)
                values.append(scratch[Int(category)])
                scratch[Int(category)] = 0
            }
            offsets.append(cats.count)
            totals.append(Int32(upper - lower))
            source.append(item)
        }
        self.init(categoryCount: q, sourceItemIndex: source, offsets: offsets, entryCategory: cats,
                  entryCount: values, totals: totals)
    }

    /// The dense count row of one stored item (length `categoryCount`).
    public func denseCounts(ofItem item: Int) -> [Int] {
        var row = [Int](repeating: 0, count: categoryCount)
        for slot in offsets[item]..<offsets[item + 1] {
            row[Int(entryCategory[slot])] = Int(entryCount[slot])
        }
        return row
    }

    /// The number of ratings m_i of one stored item.
    public func ratingCount(ofItem item: Int) -> Int { Int(totals[item]) }
}
