import Foundation

/// Options of an `AgreementReport`.
public struct AgreementOptions: Sendable, Equatable {
    /// The full ordered category list (positions drive weighted κ and ordinal α; its length is AC1's q).
    public var declaredCategories: [String]?
    /// Bootstrap replicates for the α interval; 0 skips the bootstrap (B = 2000 is the usual choice).
    public var bootstrapReplicates: Int
    /// Seed of the bootstrap generator (`Xoshiro256StarStar`).
    public var bootstrapSeed: UInt64
    /// The α level to bootstrap.
    public var bootstrapLevel: AlphaLevel
    /// When set, this annotator is the LLM judge: it is left out of the human statistics and compared with
    /// the human majority.
    public var judge: JudgeConfiguration?
    /// Whether to compute the per-label binary decomposition.
    public var includePerLabel: Bool
    /// Whether to list Fleiss' per-item agreement P_i (large for big data sets).
    public var includePerItemAgreement: Bool

    /// Creates options; the defaults compute everything except the bootstrap and the P_i list.
    public init(declaredCategories: [String]? = nil, bootstrapReplicates: Int = 0, bootstrapSeed: UInt64 = 12345,
                bootstrapLevel: AlphaLevel = .nominal, judge: JudgeConfiguration? = nil,
                includePerLabel: Bool = true, includePerItemAgreement: Bool = false) {
        self.declaredCategories = declaredCategories
        self.bootstrapReplicates = bootstrapReplicates
        self.bootstrapSeed = bootstrapSeed
        self.bootstrapLevel = bootstrapLevel
        self.judge = judge
        self.includePerLabel = includePerLabel
        self.includePerItemAgreement = includePerItemAgreement
    }
}

/// What the human statistics of a report were computed on.
public struct DataSummary: Codable, Sendable, Equatable {
    /// Items with at least one (human) rating.
    public let nItems: Int
    /// Ratings, one per rated (item, annotator).
    public let nRatings: Int
    /// Annotators (the judge excluded).
    public let nAnnotators: Int
    /// Annotator ids, sorted.
    public let annotators: [String]
    /// The category list, in scale order.
    public let categories: [String]
    /// `declared`, `numeric` or `lexicographic`.
    public let categoryOrder: CategoryOrderSource
    /// True when weighted κ and ordinal/interval/ratio α are defined.
    public let orderedScale: Bool
    /// Observed categories missing from the declared list.
    public let undeclaredCategories: [String]
    /// Items with exactly one rating (dropped from α, κ and p_a; kept in Gwet's π_k).
    public let itemsWithSingleRating: Int
    /// Ratings that are sets of two or more labels.
    public let multiLabelRatings: Int
    /// Exact duplicate rows dropped.
    public let duplicateRowsDropped: Int
    /// Rows with a NULL label dropped.
    public let nullLabelRowsDropped: Int

    enum CodingKeys: String, CodingKey {
        case nItems = "n_items"
        case nRatings = "n_ratings"
        case nAnnotators = "n_annotators"
        case annotators, categories
        case categoryOrder = "category_order"
        case orderedScale = "ordered_scale"
        case undeclaredCategories = "undeclared_categories"
        case itemsWithSingleRating = "items_with_single_rating"
        case multiLabelRatings = "multi_label_ratings"
        case duplicateRowsDropped = "duplicate_rows_dropped"
        case nullLabelRowsDropped = "null_label_rows_dropped"
    }
}

/// Krippendorff's α at every applicable level. A level is nil when not applicable: ordinal, interval and
/// ratio need an ordered scale; MASI and Jaccard are computed only when some rating is a label set.
public struct AlphaLevels: Codable, Sendable, Equatable {
    /// α nominal (a label set counts as the category "sorted labels joined by |").
    public let nominal: AlphaResult
    /// α ordinal (Krippendorff's rank metric).
    public let ordinal: AlphaResult?
    /// α interval.
    public let interval: AlphaResult?
    /// α ratio.
    public let ratio: AlphaResult?
    /// α with MASI distance between label sets.
    public let masiSetValued: AlphaResult?
    /// α with Jaccard distance between label sets.
    public let jaccardSetValued: AlphaResult?

    enum CodingKeys: String, CodingKey {
        case nominal, ordinal, interval, ratio
        case masiSetValued = "masi_set_valued"
        case jaccardSetValued = "jaccard_set_valued"
    }

    /// Encodes every key, writing `null` for levels that do not apply.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nominal, forKey: .nominal)
        try container.encodeNullable(ordinal, forKey: .ordinal)
        try container.encodeNullable(interval, forKey: .interval)
        try container.encodeNullable(ratio, forKey: .ratio)
        try container.encodeNullable(masiSetValued, forKey: .masiSetValued)
        try container.encodeNullable(jaccardSetValued, forKey: .jaccardSetValued)
    }
}

/// Every agreement statistic of one labelling dimension, ready to encode as JSON with stable snake_case
/// keys (undefined values are `null`).
public struct AgreementReport: Codable, Sendable, Equatable {
    /// The dimension (e.g. a codebook field) this report is about, if named.
    public let dimension: String?
    /// What the human statistics were computed on.
    public let data: DataSummary
    /// The three percent-agreement quantities.
    public let percentAgreement: PercentAgreementResult
    /// Classic Fleiss' κ on the complete cases.
    public let fleissKappaCompleteCases: FleissKappaResult
    /// Gwet's generalised Fleiss' κ on all items (missing data allowed).
    public let fleissKappaGeneralizedAllItems: GwetCoefficient
    /// Gwet's multi-rater AC1 on all items.
    public let gwetAC1: GwetCoefficient
    /// Krippendorff's α at each applicable level.
    public let krippendorffAlpha: AlphaLevels
    /// The unit-bootstrap interval of α, when requested.
    public let krippendorffAlphaBootstrap: AlphaBootstrapResult?
    /// Light's κ: the mean of the pairwise unweighted Cohen κ's.
    public let lightKappaMeanPairwiseCohen: Double?
    /// Two-rater statistics of every annotator pair sharing an item.
    public let pairwise: [PairwiseAgreement]
    /// Per-label binary decomposition (when requested).
    public let perLabelBinary: [PerLabelAgreement]?
    /// The judge against the human majority (when a judge is configured).
    public let judgeVsHuman: JudgeAgreementResult?

    enum CodingKeys: String, CodingKey {
        case dimension, data
        case percentAgreement = "percent_agreement"
        case fleissKappaCompleteCases = "fleiss_kappa_complete_cases"
        case fleissKappaGeneralizedAllItems = "fleiss_kappa_generalized_all_items"
        case gwetAC1 = "gwet_ac1"
        case krippendorffAlpha = "krippendorff_alpha"
        case krippendorffAlphaBootstrap = "krippendorff_alpha_bootstrap"
        case lightKappaMeanPairwiseCohen = "light_kappa_mean_pairwise_cohen"
        case pairwise
        case perLabelBinary = "per_label_binary"
        case judgeVsHuman = "judge_vs_human"
    }

    /// Encodes every key, writing `null` for undefined or not-requested parts.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNullable(dimension, forKey: .dimension)
        try container.encode(data, forKey: .data)
        try container.encode(percentAgreement, forKey: .percentAgreement)
        try container.encode(fleissKappaCompleteCases, forKey: .fleissKappaCompleteCases)
        try container.encode(fleissKappaGeneralizedAllItems, forKey: .fleissKappaGeneralizedAllItems)
        try container.encode(gwetAC1, forKey: .gwetAC1)
        try container.encode(krippendorffAlpha, forKey: .krippendorffAlpha)
        try container.encodeNullable(krippendorffAlphaBootstrap, forKey: .krippendorffAlphaBootstrap)
        try container.encodeNullable(lightKappaMeanPairwiseCohen, forKey: .lightKappaMeanPairwiseCohen)
        try container.encode(pairwise, forKey: .pairwise)
        try container.encodeNullable(perLabelBinary, forKey: .perLabelBinary)
        try container.encodeNullable(judgeVsHuman, forKey: .judgeVsHuman)
    }

    /// Computes the report from stored `(item, annotator, label?)` rows.
    public static func compute(rows: [RatingRow], dimension: String? = nil,
                               options: AgreementOptions = AgreementOptions()) -> AgreementReport {
        compute(data: RatingData(rows: rows), dimension: dimension, options: options)
    }

    /// Computes the report from cleaned ratings.
    public static func compute(data: RatingData, dimension: String? = nil,
                               options: AgreementOptions = AgreementOptions()) -> AgreementReport {
        var humans = data
        var judgeResult: JudgeAgreementResult? = nil
        if let judge = options.judge {
            judgeResult = JudgeAgreement.compute(data, configuration: judge)
            humans = data.removingAnnotators([judge.judgeAnnotator])
        }
        let coded = CodedRatings(humans, declaredCategories: options.declaredCategories)
        let counts = coded.itemCategoryCounts()

        let patterns = AlphaPatterns(counts: counts)
        func alpha(_ level: AlphaLevel) -> AlphaResult? {
            guard let difference = KrippendorffAlpha.difference(for: level, coded: coded) else { return nil }
            return patterns.result(difference: ResolvedDifference(difference, q: coded.categories.count),
                                   level: level.rawValue)
        }
        let multiLabel = coded.multiLabelRatingCount > 0
        let levels = AlphaLevels(nominal: alpha(.nominal)!, ordinal: alpha(.ordinal), interval: alpha(.interval),
                                 ratio: alpha(.ratio), masiSetValued: multiLabel ? alpha(.masi) : nil,
                                 jaccardSetValued: multiLabel ? alpha(.jaccard) : nil)

        var bootstrap: AlphaBootstrapResult? = nil
        if options.bootstrapReplicates > 0,
           let difference = KrippendorffAlpha.difference(for: options.bootstrapLevel, coded: coded) {
            let runner = AlphaBootstrap(counts: counts, difference: difference,
                                        level: options.bootstrapLevel.rawValue)
            bootstrap = runner.run(replicates: options.bootstrapReplicates, seed: options.bootstrapSeed)
        }

        let pairwise = PairwiseAgreement.compute(coded)
        let summary = DataSummary(
            nItems: coded.items.count, nRatings: coded.ratingCount, nAnnotators: coded.annotators.count,
            annotators: coded.annotators, categories: coded.categories, categoryOrder: coded.orderSource,
            orderedScale: coded.isOrdered, undeclaredCategories: coded.undeclaredCategories,
            itemsWithSingleRating: coded.itemsWithSingleRating, multiLabelRatings: coded.multiLabelRatingCount,
            duplicateRowsDropped: data.duplicateRowsDropped, nullLabelRowsDropped: data.nullLabelRowsDropped)
        return AgreementReport(
            dimension: dimension, data: summary,
            percentAgreement: PercentAgreement.compute(counts),
            fleissKappaCompleteCases: FleissKappa.completeCases(counts,
                                                                includePerItem: options.includePerItemAgreement),
            fleissKappaGeneralizedAllItems: FleissKappa.generalized(counts),
            gwetAC1: GwetAC1.multiRater(counts),
            krippendorffAlpha: levels,
            krippendorffAlphaBootstrap: bootstrap,
            lightKappaMeanPairwiseCohen: CohenKappa.lightKappa(pairwise.map(\.cohenKappaUnweighted.kappa)),
            pairwise: pairwise,
            perLabelBinary: options.includePerLabel ? PerLabelAgreement.compute(coded) : nil,
            judgeVsHuman: judgeResult)
    }

    /// The report as JSON (sorted keys; pretty-printed by default).
    public func jsonData(pretty: Bool = true) throws -> Data {
        try AgreementJSON.encoder(pretty: pretty).encode(self)
    }
}
