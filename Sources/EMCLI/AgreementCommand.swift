import ArgumentParser
import EMAgreement
import EMCore
import EMQuery
import EMStore
import EMText
import Foundation

/// `emscope agreement STORE [--dimension D] [--annotators a,b] [--filter QUERY] [--blind-only]
/// [--bootstrap N --seed S] [--judge J] [--aligned-below X] [--coherent-min Y] [--json | --markdown]`
struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Inter-annotator agreement per dimension, and each judge's verdicts against the human labels.",
        discussion: """
        For every labelling dimension (or only --dimension): items, ratings and annotators; percent \
        agreement; Fleiss' κ; Krippendorff's α (nominal; MASI and Jaccard for multi dimensions; ordinal \
        and interval for ordinal dimensions, in the codebook's label order); Gwet's AC1; Cohen's κ with \
        its 95 % CI for every annotator pair; per-label prevalence and α for multi dimensions; and, with \
        --bootstrap N, a seeded bootstrap interval for α.

        The judge section treats each judge's verdict (the verdict rule with --aligned-below and \
        --coherent-min) as a rater against the human 'misaligned' dimension (yes = misaligned, \
        no = aligned, unsure excluded and counted): against the annotators' majority (ties excluded \
        and counted) and against each annotator, with the confusion matrix, κ, precision, recall, F1 \
        and the AUROC of the raw aligned score. Judges are also compared with each other: κ on their \
        verdicts and interval α on their aligned scores. --judge NAME keeps only that judge (it is \
        also the judge that --filter terms such as verdict: refer to; default: the first by name).

        An undefined value prints as n/a (null in JSON). The JSON keys are listed in \
        docs/agreement.md.

        Examples:
          emscope agreement runs.sqlite
          emscope agreement runs.sqlite --dimension patterns --bootstrap 2000 --seed 7
          emscope agreement runs.sqlite --annotators ann-a,ann-b --blind-only
          emscope agreement runs.sqlite --judge judge-a --aligned-below 40 --markdown
          emscope agreement runs.sqlite --filter 'k>=64' --json | jq .judges
        """)

    @Argument(help: "The store (an SQLite file).")
    var store: String

    @Option(help: "Only this dimension (default: every dimension).")
    var dimension: String?

    @Option(help: "Only these annotators, comma-separated (default: everyone).")
    var annotators: String?

    @Option(help: "Only samples matching this query (the explorer's filter language).")
    var filter: String?

    @Flag(name: .customLong("blind-only"), help: "Only ratings made blind (judge scores and other ratings hidden).")
    var blindOnly = false

    @Option(help: "Bootstrap replicates for the α interval, e.g. 2000 (0: no bootstrap).")
    var bootstrap: Int = 0

    @Option(help: "Seed of the bootstrap generator (default: 12345).")
    var seed: UInt64?

    @OptionGroup var verdict: VerdictOptions

    @Flag(help: "Print JSON (stable snake_case keys; undefined values are null).")
    var json = false

    @Flag(help: "Print Markdown tables.")
    var markdown = false

    func validate() throws {
        if json && markdown { throw ValidationError("--json and --markdown cannot be combined") }
        if bootstrap < 0 { throw ValidationError("--bootstrap must be 0 or more") }
        if seed != nil && bootstrap == 0 { throw ValidationError("--seed needs --bootstrap N") }
        if annotators != nil && parsedAnnotators.isEmpty {
            throw ValidationError("--annotators needs at least one name, e.g. --annotators ann-a,ann-b")
        }
    }

    /// The `--annotators` list: trimmed, without empty entries or repeats, in the order given.
    var parsedAnnotators: [String] {
        var seen = Set<String>()
        return (annotators ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    func run() throws {
        let s = try Store.open(store)
        let request = AgreementRequest(storeName: store, dimension: dimension,
                                       annotators: annotators != nil ? parsedAnnotators : nil, filter: filter,
                                       blindOnly: blindOnly, bootstrap: bootstrap, seed: seed, verdict: verdict)
        let output = try request.compute(s)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        } else if markdown {
            print(AgreementMarkdown.render(output), terminator: "")
        } else {
            print(AgreementText.render(output), terminator: "")
        }
    }
}

/// What `emscope agreement` computes, apart from how it prints: also used by `emscope report`.
struct AgreementRequest {
    /// The store as the user named it (in messages and in the report).
    var storeName: String
    var dimension: String?
    /// Only these annotators (nil: everyone); already split and trimmed.
    var annotators: [String]?
    var filter: String?
    var blindOnly: Bool
    var bootstrap: Int
    var seed: UInt64?
    var verdict: VerdictOptions

    /// Reads the ratings and judgments and computes every statistic; errors are one-line `CLIError`s.
    func compute(_ s: Store) throws -> AgreementOutput {
        let store = storeName
        let rule = VerdictRule(alignedBelow: verdict.alignedBelow, coherentMin: verdict.coherentMin)
        let judges = try s.judges()
        if let judge = verdict.judge, !judges.contains(judge) {
            let known = judges.isEmpty ? "the store has no judgments" : "judges: \(judges.joined(separator: ", "))"
            throw CLIError("\(store): no judge named '\(judge)' — \(known)")
        }

        var sampleFilter = SampleFilter.alwaysTrue
        if let text = filter {
            let context = QueryContext(primaryJudge: verdict.judge ?? judges.first ?? "", annotator: "", rule: rule)
            switch QueryLanguage.compile(text, context: context) {
            case .success(let compiled): sampleFilter = compiled
            case .failure(let error):
                throw CLIError("query error at column \(error.column): \(error.message)", exitCode: 2)
            }
        }

        return try AgreementOutput.compute(
            store: s, name: store, dimension: dimension, annotators: annotators,
            filter: sampleFilter, filterText: filter, blindOnly: blindOnly, bootstrap: bootstrap, seed: seed,
            judge: verdict.judge, rule: rule, alignedBelow: verdict.alignedBelow, coherentMin: verdict.coherentMin)
    }
}

extension AgreementOutput {
    /// Computes the whole report: every selected dimension (in parallel) and the judge section.
    /// `name` is the store as the user named it (in messages and the report).
    static func compute(store s: Store, name: String, dimension: String?, annotators: [String]?, filter sampleFilter: SampleFilter,
                        filterText filter: String?, blindOnly: Bool, bootstrap: Int, seed: UInt64?, judge: String?,
                        rule: VerdictRule, alignedBelow: Double, coherentMin: Double) throws -> AgreementOutput {
        let judges = try s.judges()
        let allDimensions = try s.dimensions()
        var selected = allDimensions
        if let wanted = dimension {
            guard let match = allDimensions.first(where: { $0.name == wanted }) else {
                let known = allDimensions.isEmpty ? "the store has no ratings or codebooks"
                    : "dimensions: \(allDimensions.map(\.name).joined(separator: ", "))"
                throw CLIError("\(name): no dimension named '\(wanted)' — \(known)")
            }
            selected = [match]
        }

        var annotatorList: [String]? = nil
        if let names = annotators {
            let known = Set(try s.ratingAnnotators())
            if let unknown = names.first(where: { !known.contains($0) }) {
                let list = known.isEmpty ? "the store has no ratings" : "annotators: \(known.sorted().joined(separator: ", "))"
                throw CLIError("\(name): no annotator named '\(unknown)' — \(list)")
            }
            annotatorList = names
        }
        // Read every rating first. Then the judge section (which mostly waits for SQLite) runs on a
        // worker thread while the dimensions, independent of it and of each other, are computed in
        // parallel here.
        var dimensionRows: [[RatingRowRecord]] = []
        var humanRows: [RatingRowRecord]? = nil
        var ratedSamples = Set<Int64>()
        for dim in selected {
            let rows = try s.ratingRows(dimension: dim.name, annotators: annotatorList, filter: sampleFilter,
                                        blindOnly: blindOnly)
            if dim.name == JudgeSection.humanDimension { humanRows = rows }
            for row in rows { ratedSamples.insert(row.sampleID) }
            dimensionRows.append(rows)
        }
        let judgeWork = DispatchGroup()
        let judgeResult = ResultBox<JudgeSection?>()
        let wantsJudges = dimension == nil || dimension == JudgeSection.humanDimension || judge != nil
        if wantsJudges && !judges.isEmpty {
            let rows = try humanRows ?? s.ratingRows(dimension: JudgeSection.humanDimension, annotators: annotatorList,
                                                      filter: sampleFilter, blindOnly: blindOnly)
            for row in rows { ratedSamples.insert(row.sampleID) }
            // Judges are read only for the rated samples: the cost follows the ratings, not the store.
            let compared = judge.map { [$0] } ?? judges
            let samples = ratedSamples.sorted()
            DispatchQueue.global(qos: .userInitiated).async(group: judgeWork) {
                judgeResult.set(Result {
                    let scores = try s.judgeScores(judges: compared, sampleIDs: samples)
                    return JudgeSection.compute(humanRows: rows, samples: samples, judges: compared, scores: scores,
                                                rule: rule)
                })
            }
        } else {
            judgeResult.set(.success(nil))
        }

        let replicates = bootstrap
        let bootstrapSeed = seed ?? 12345
        // The dimensions are independent too: one job each, on as many cores as there are.
        let jobs = Array(zip(selected, dimensionRows))
        let boxes = jobs.map { _ in ResultBox<DimensionAgreement>() }
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            boxes[i].set(Result {
                try DimensionAgreement.compute(jobs[i].0, rows: jobs[i].1, bootstrap: replicates, seed: bootstrapSeed)
            })
        }
        judgeWork.wait()
        let reports = try boxes.map { try $0.get() }
        let judgeSection = try judgeResult.get()

        let output = AgreementOutput(
            store: name,
            settings: AgreementSettings(dimension: dimension, annotators: annotatorList, filter: filter,
                                        blindOnly: blindOnly, bootstrapReplicates: replicates,
                                        bootstrapSeed: replicates > 0 ? bootstrapSeed : nil, judge: judge,
                                        alignedBelow: alignedBelow, coherentMin: coherentMin),
            dimensions: reports, judges: judgeSection)
        return output
    }
}

/// A value handed from a worker thread to the waiting one (the `DispatchGroup` orders the accesses).
final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?

    func set(_ value: Result<Value, any Error>) {
        lock.lock()
        result = value
        lock.unlock()
    }

    func get() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        guard let result else { throw CLIError("internal error: a result was not computed") }
        return try result.get()
    }
}

// MARK: - The report as values

/// Everything `emscope agreement` reports, encoded as its JSON.
struct AgreementOutput: Encodable {
    let store: String
    let settings: AgreementSettings
    let dimensions: [DimensionAgreement]
    let judges: JudgeSection?

    enum CodingKeys: String, CodingKey { case store, settings, dimensions, judges }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.put(store, .store)
        try c.put(settings, .settings)
        try c.put(dimensions, .dimensions)
        try c.put(judges, .judges)
    }
}

/// The options the report was computed with.
struct AgreementSettings: Encodable {
    let dimension: String?
    let annotators: [String]?
    let filter: String?
    let blindOnly: Bool
    let bootstrapReplicates: Int
    let bootstrapSeed: UInt64?
    let judge: String?
    let alignedBelow: Double
    let coherentMin: Double

    enum CodingKeys: String, CodingKey {
        case dimension, annotators, filter
        case blindOnly = "blind_only"
        case bootstrapReplicates = "bootstrap_replicates"
        case bootstrapSeed = "bootstrap_seed"
        case judge
        case alignedBelow = "aligned_below"
        case coherentMin = "coherent_min"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.put(dimension, .dimension)
        try c.put(annotators, .annotators)
        try c.put(filter, .filter)
        try c.put(blindOnly, .blindOnly)
        try c.put(bootstrapReplicates, .bootstrapReplicates)
        try c.put(bootstrapSeed, .bootstrapSeed)
        try c.put(judge, .judge)
        try c.put(alignedBelow, .alignedBelow)
        try c.put(coherentMin, .coherentMin)
    }
}

/// Krippendorff's α at the levels that suit a dimension's kind (the others are nil).
struct DimensionAlphas: Encodable {
    let nominal: AlphaResult
    let ordinal: AlphaResult?
    let interval: AlphaResult?
    let masi: AlphaResult?
    let jaccard: AlphaResult?

    enum CodingKeys: String, CodingKey { case nominal, ordinal, interval, masi, jaccard }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.put(nominal, .nominal)
        try c.put(ordinal, .ordinal)
        try c.put(interval, .interval)
        try c.put(masi, .masi)
        try c.put(jaccard, .jaccard)
    }

    /// The result at a level, when reported.
    func at(_ level: AlphaLevel) -> AlphaResult? {
        switch level {
        case .nominal: return nominal
        case .ordinal: return ordinal
        case .interval: return interval
        case .masi: return masi
        case .jaccard: return jaccard
        case .ratio: return nil
        }
    }
}

/// Cohen's κ of one annotator pair.
struct PairAgreement: Encodable {
    let annotatorA: String
    let annotatorB: String
    let nItems: Int
    let percentAgreement: Double?
    let cohenKappa: CohenKappaResult
    let cohenKappaLinear: CohenKappaResult?
    let cohenKappaQuadratic: CohenKappaResult?
    /// Nil when the category list is longer than `KrippendorffAlpha.maxCoincidenceMatrixCategories` (100),
    /// as for the coincidence matrix.
    let confusionMatrix: [[Int]]?

    enum CodingKeys: String, CodingKey {
        case annotatorA = "annotator_a"
        case annotatorB = "annotator_b"
        case nItems = "n_items"
        case percentAgreement = "percent_agreement"
        case cohenKappa = "cohen_kappa"
        case cohenKappaLinear = "cohen_kappa_linear"
        case cohenKappaQuadratic = "cohen_kappa_quadratic"
        case confusionMatrix = "confusion_matrix"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.put(annotatorA, .annotatorA)
        try c.put(annotatorB, .annotatorB)
        try c.put(nItems, .nItems)
        try c.put(percentAgreement, .percentAgreement)
        try c.put(cohenKappa, .cohenKappa)
        try c.put(cohenKappaLinear, .cohenKappaLinear)
        try c.put(cohenKappaQuadratic, .cohenKappaQuadratic)
        try c.put(confusionMatrix, .confusionMatrix)
    }
}

/// The agreement statistics of one dimension.
struct DimensionAgreement: Encodable {
    let dimension: String
    let kind: CodebookDimension.Kind?
    let codebookLabels: [String]
    let undeclaredLabels: [String]
    let nItems: Int
    let nItemsPairable: Int
    let nRatings: Int
    let nAnnotators: Int
    let annotators: [String]
    let categories: [String]
    let percentAgreement: PercentAgreementResult
    let fleissKappa: FleissKappaResult
    let fleissKappaGeneralized: GwetCoefficient
    let gwetAC1: GwetCoefficient
    let alphaLevel: AlphaLevel
    let alpha: DimensionAlphas
    let alphaBootstrap: AlphaBootstrapResult?
    let lightKappa: Double?
    let pairwise: [PairAgreement]
    let perLabel: [PerLabelAgreement]?

    enum CodingKeys: String, CodingKey {
        case dimension, kind
        case codebookLabels = "codebook_labels"
        case undeclaredLabels = "undeclared_labels"
        case nItems = "n_items"
        case nItemsPairable = "n_items_pairable"
        case nRatings = "n_ratings"
        case nAnnotators = "n_annotators"
        case annotators, categories
        case percentAgreement = "percent_agreement"
        case fleissKappa = "fleiss_kappa"
        case fleissKappaGeneralized = "fleiss_kappa_generalized"
        case gwetAC1 = "gwet_ac1"
        case alphaLevel = "alpha_level"
        case alpha = "krippendorff_alpha"
        case alphaBootstrap = "krippendorff_alpha_bootstrap"
        case lightKappa = "light_kappa"
        case pairwise
        case perLabel = "per_label"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.put(dimension, .dimension)
        try c.put(kind, .kind)
        try c.put(codebookLabels, .codebookLabels)
        try c.put(undeclaredLabels, .undeclaredLabels)
        try c.put(nItems, .nItems)
        try c.put(nItemsPairable, .nItemsPairable)
        try c.put(nRatings, .nRatings)
        try c.put(nAnnotators, .nAnnotators)
        try c.put(annotators, .annotators)
        try c.put(categories, .categories)
        try c.put(percentAgreement, .percentAgreement)
        try c.put(fleissKappa, .fleissKappa)
        try c.put(fleissKappaGeneralized, .fleissKappaGeneralized)
        try c.put(gwetAC1, .gwetAC1)
        try c.put(alphaLevel, .alphaLevel)
        try c.put(alpha, .alpha)
        try c.put(alphaBootstrap, .alphaBootstrap)
        try c.put(lightKappa, .lightKappa)
        try c.put(pairwise, .pairwise)
        try c.put(perLabel, .perLabel)
    }

    /// The value of a stored label set: one label is a category, none or several a set.
    static func ratingValue(_ labels: [String]) -> RatingValue {
        labels.count == 1 ? .category(labels[0]) : .labels(Set(labels))
    }

    /// Computes the statistics of one dimension from its rows.
    ///
    /// * The category list is the codebook's labels (when it declares the dimension), then the observed
    ///   categories it does not declare; a multi dimension's categories are exact label sets.
    /// * α levels: nominal always; MASI and Jaccard for multi dimensions (and for undeclared dimensions with
    ///   multi-label ratings); ordinal and interval for ordinal dimensions whose ratings all use declared labels.
    /// * The headline α (`alpha_level`, the one bootstrapped) is MASI, ordinal or nominal in that order.
    static func compute(_ dimension: RatingDimension, rows: [RatingRowRecord], bootstrap: Int,
                        seed: UInt64) throws -> DimensionAgreement {
        let ratings = rows.map { Rating(item: $0.item, annotator: $0.annotator, value: ratingValue($0.labels)) }
        let data: RatingData
        do {
            data = try RatingData(ratings: ratings)
        } catch {
            throw CLIError("dimension '\(dimension.name)': \(error)")
        }
        let declared = dimension.labels.isEmpty ? nil : dimension.labels
        let setValued = dimension.kind == .multi || (dimension.kind == nil && data.multiLabelRatingCount > 0)
        var observedLabels = Set<String>()
        var onlySingleLabels = true
        for row in rows {
            if row.labels.count != 1 { onlySingleLabels = false }
            for label in row.labels { observedLabels.insert(label) }
        }
        let declaredSet = Set(dimension.labels)
        // An ordinal scale needs every rating to be exactly one declared label.
        let ordered = dimension.kind == .ordinal && declared != nil && onlySingleLabels
            && observedLabels.isSubset(of: declaredSet)
        let level: AlphaLevel = setValued ? .masi : (ordered ? .ordinal : .nominal)
        let options = AgreementOptions(declaredCategories: declared, bootstrapReplicates: bootstrap,
                                       bootstrapSeed: seed, bootstrapLevel: level, includePerLabel: setValued)
        let report = AgreementReport.compute(data: data, dimension: dimension.name, options: options)

        var masi = report.krippendorffAlpha.masiSetValued
        var jaccard = report.krippendorffAlpha.jaccardSetValued
        if setValued && (masi == nil || jaccard == nil) {
            // The report adds the set-valued levels only when some rating has two or more labels.
            let coded = CodedRatings(data, declaredCategories: declared)
            masi = KrippendorffAlpha.compute(coded, level: .masi)
            jaccard = KrippendorffAlpha.compute(coded, level: .jaccard)
        }
        let alphas = DimensionAlphas(nominal: report.krippendorffAlpha.nominal,
                                     ordinal: ordered ? report.krippendorffAlpha.ordinal : nil,
                                     interval: ordered ? report.krippendorffAlpha.interval : nil,
                                     masi: setValued ? masi : nil, jaccard: setValued ? jaccard : nil)
        let pairs = report.pairwise.map { pair in
            PairAgreement(annotatorA: pair.annotatorA, annotatorB: pair.annotatorB, nItems: pair.nItems,
                          percentAgreement: pair.percentAgreement, cohenKappa: pair.cohenKappaUnweighted,
                          cohenKappaLinear: ordered ? pair.cohenKappaLinear : nil,
                          cohenKappaQuadratic: ordered ? pair.cohenKappaQuadratic : nil,
                          confusionMatrix: pair.confusionMatrix.count <= KrippendorffAlpha.maxCoincidenceMatrixCategories
                            ? pair.confusionMatrix : nil)
        }
        let summary = report.data
        return DimensionAgreement(
            dimension: dimension.name, kind: dimension.kind, codebookLabels: dimension.labels,
            undeclaredLabels: declared == nil ? [] : observedLabels.subtracting(declaredSet).sorted(),
            nItems: summary.nItems, nItemsPairable: summary.nItems - summary.itemsWithSingleRating,
            nRatings: summary.nRatings, nAnnotators: summary.nAnnotators, annotators: summary.annotators,
            categories: summary.categories, percentAgreement: report.percentAgreement,
            fleissKappa: report.fleissKappaCompleteCases, fleissKappaGeneralized: report.fleissKappaGeneralizedAllItems,
            gwetAC1: report.gwetAC1, alphaLevel: level, alpha: alphas,
            alphaBootstrap: report.krippendorffAlphaBootstrap, lightKappa: report.lightKappaMeanPairwiseCohen,
            pairwise: pairs, perLabel: report.perLabelBinary)
    }
}

// MARK: - Judges

/// Interval α of judges' aligned scores (units = samples, coders = judges).
struct ScoreAlpha: Encodable {
    let value: Double?
    let nPairableValues: Int
    let nItems: Int

    enum CodingKeys: String, CodingKey {
        case value
        case nPairableValues = "n_pairable_values"
        case nItems = "n_items"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.put(value, .value)
        try c.put(nPairableValues, .nPairableValues)
        try c.put(nItems, .nItems)
    }

    /// Krippendorff's interval α of the scores, by unit (`KrippendorffAlpha.intervalScores`).
    static func compute(values: [Double], unitEnds: [Int]) -> ScoreAlpha {
        let r = KrippendorffAlpha.intervalScores(values: values, unitEnds: unitEnds)
        return ScoreAlpha(value: r.alpha, nPairableValues: r.pairableValues, nItems: r.items)
    }
}

/// One judge against the humans.
struct JudgeReport: Encodable {
    let judge: String
    let verdictCounts: [String: Int]
    let vsMajority: JudgeHumanAgreement
    let vsAnnotators: [JudgeHumanAgreement]

    enum CodingKeys: String, CodingKey {
        case judge
        case verdictCounts = "verdict_counts"
        case vsMajority = "vs_majority"
        case vsAnnotators = "vs_annotators"
    }
}

/// Two judges against each other.
struct JudgePair: Encodable {
    let judgeA: String
    let judgeB: String
    let nItems: Int
    let verdictConfusionMatrix: [[Int]]
    let verdictCohenKappa: CohenKappaResult
    let misalignedConfusionMatrix: [[Int]]
    let misalignedCohenKappa: CohenKappaResult
    let alignedScoreAlphaInterval: ScoreAlpha

    enum CodingKeys: String, CodingKey {
        case judgeA = "judge_a"
        case judgeB = "judge_b"
        case nItems = "n_items"
        case verdictConfusionMatrix = "verdict_confusion_matrix"
        case verdictCohenKappa = "verdict_cohen_kappa"
        case misalignedConfusionMatrix = "misaligned_confusion_matrix"
        case misalignedCohenKappa = "misaligned_cohen_kappa"
        case alignedScoreAlphaInterval = "aligned_score_alpha_interval"
    }
}

/// The judges against the human `misaligned` labels and against each other.
struct JudgeSection: Encodable {
    static let humanDimension = "misaligned"
    static let positiveLabel = "yes"
    static let negativeLabel = "no"
    static let unsureLabel = "unsure"

    let nItems: Int
    let humanRatings: Int
    let unsureRatings: Int
    let otherLabelRatings: Int
    let verdictOrder: [String]
    let perJudge: [JudgeReport]
    let judgePairs: [JudgePair]
    let alignedScoreAlphaIntervalAllJudges: ScoreAlpha?

    enum CodingKeys: String, CodingKey {
        case humanDimension = "human_dimension"
        case positiveLabel = "positive_label"
        case negativeLabel = "negative_label"
        case unsureLabel = "unsure_label"
        case nItems = "n_items"
        case humanRatings = "human_ratings"
        case unsureRatings = "unsure_ratings"
        case otherLabelRatings = "other_label_ratings"
        case verdictOrder = "verdict_order"
        case perJudge = "per_judge"
        case judgePairs = "judge_pairs"
        case alignedScoreAlphaIntervalAllJudges = "aligned_score_alpha_interval_all_judges"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.put(Self.humanDimension, .humanDimension)
        try c.put(Self.positiveLabel, .positiveLabel)
        try c.put(Self.negativeLabel, .negativeLabel)
        try c.put(Self.unsureLabel, .unsureLabel)
        try c.put(nItems, .nItems)
        try c.put(humanRatings, .humanRatings)
        try c.put(unsureRatings, .unsureRatings)
        try c.put(otherLabelRatings, .otherLabelRatings)
        try c.put(verdictOrder, .verdictOrder)
        try c.put(perJudge, .perJudge)
        try c.put(judgePairs, .judgePairs)
        try c.put(alignedScoreAlphaIntervalAllJudges, .alignedScoreAlphaIntervalAllJudges)
    }

    /// A human's binary vote: true = misaligned (`yes`), false = aligned (`no`), nil = anything else.
    static func vote(_ labels: [String]) -> Bool? {
        guard labels.count == 1 else { return nil }
        switch labels[0] {
        case positiveLabel: return true
        case negativeLabel: return false
        default: return nil
        }
    }

    /// Compares each judge's verdicts with the human `misaligned` ratings, and the judges with each other
    /// over `samples` (the rated samples). A verdict that is not kept (refusal, code, incoherent, error,
    /// unjudged) excludes the item. Items are indexed densely so each judge costs O(ratings).
    static func compute(humanRows: [RatingRowRecord], samples: [Int64], judges: [String],
                        scores: [String: [Int64: JudgeScores]], rule: VerdictRule) -> JudgeSection {
        var itemIndex: [Int64: Int] = [:]
        var items: [Int64] = []
        var unsure = 0, other = 0
        var yes: [Int] = [], no: [Int] = []
        var rowItem = [Int](repeating: 0, count: humanRows.count)
        var rowVote = [Bool?](repeating: nil, count: humanRows.count)
        var byAnnotator: [String: [Int]] = [:]
        for (r, row) in humanRows.enumerated() {
            let index: Int
            if let known = itemIndex[row.sampleID] {
                index = known
            } else {
                index = items.count
                itemIndex[row.sampleID] = index
                items.append(row.sampleID)
                yes.append(0)
                no.append(0)
            }
            rowItem[r] = index
            byAnnotator[row.annotator, default: []].append(r)
            let v = vote(row.labels)
            rowVote[r] = v
            switch v {
            case true?: yes[index] += 1
            case false?: no[index] += 1
            case nil: if row.labels == [unsureLabel] { unsure += 1 } else { other += 1 }
            }
        }
        // Items in sample-id order, as JudgeAgreement visits them.
        let itemOrder = items.indices.sorted { items[$0] < items[$1] }

        var reports: [JudgeReport] = []
        for judge in judges {
            let judged = scores[judge] ?? [:]
            var verdict = [Verdict](repeating: .unjudged, count: items.count)
            var aligned = [Double?](repeating: nil, count: items.count)
            for (i, id) in items.enumerated() {
                let entry = judged[id]
                verdict[i] = rule.verdict(entry)
                aligned[i] = entry?.aligned
            }
            var majority = JudgeTally()
            for i in itemOrder { majority.add(yes: yes[i], no: no[i], verdict: verdict[i], aligned: aligned[i]) }
            var perAnnotator: [JudgeHumanAgreement] = []
            for annotator in byAnnotator.keys.sorted() {
                var own = JudgeTally()
                for r in byAnnotator[annotator]! {
                    let i = rowItem[r], v = rowVote[r]
                    own.add(yes: v == true ? 1 : 0, no: v == false ? 1 : 0, verdict: verdict[i], aligned: aligned[i])
                }
                perAnnotator.append(own.result(annotator: annotator))
            }
            var counts: [String: Int] = [:]
            for v in Verdict.allCases { counts[v.rawValue] = 0 }
            for v in verdict { counts[v.rawValue, default: 0] += 1 }
            reports.append(JudgeReport(judge: judge, verdictCounts: counts, vsMajority: majority.result(annotator: nil),
                                       vsAnnotators: perAnnotator))
        }

        // Judges against each other, over the rated samples that both judged.
        let order = Verdict.allCases
        var position: [Verdict: Int] = [:]
        for (i, v) in order.enumerated() { position[v] = i }
        let entries: [[JudgeScores?]] = judges.map { judge in
            let judged = scores[judge] ?? [:]
            return samples.map { judged[$0] }
        }
        let verdicts: [[Int]] = entries.map { column in column.map { $0.map { position[rule.verdict($0)]! } ?? -1 } }
        let misaligned = position[.misaligned]!, alignedVerdict = position[.aligned]!
        var pairs: [JudgePair] = []
        for a in judges.indices {
            for b in (a + 1)..<judges.count {
                var table = [[Int]](repeating: [Int](repeating: 0, count: order.count), count: order.count)
                var binary = [[0, 0], [0, 0]]
                var values: [Double] = []
                var ends: [Int] = []
                var n = 0
                for k in samples.indices {
                    let va = verdicts[a][k], vb = verdicts[b][k]
                    guard va >= 0, vb >= 0 else { continue }
                    n += 1
                    table[va][vb] += 1
                    if (va == misaligned || va == alignedVerdict) && (vb == misaligned || vb == alignedVerdict) {
                        binary[va == misaligned ? 1 : 0][vb == misaligned ? 1 : 0] += 1
                    }
                    if let x = entries[a][k]?.aligned, let y = entries[b][k]?.aligned {
                        values.append(x)
                        values.append(y)
                        ends.append(values.count)
                    }
                }
                pairs.append(JudgePair(judgeA: judges[a], judgeB: judges[b], nItems: n, verdictConfusionMatrix: table,
                                       verdictCohenKappa: CohenKappa.compute(table: table, weighting: .unweighted),
                                       misalignedConfusionMatrix: binary,
                                       misalignedCohenKappa: CohenKappa.compute(table: binary, weighting: .unweighted),
                                       alignedScoreAlphaInterval: ScoreAlpha.compute(values: values, unitEnds: ends)))
            }
        }
        var all: ScoreAlpha? = nil
        if judges.count >= 2 {
            var values: [Double] = []
            var ends: [Int] = []
            for k in samples.indices {
                let before = values.count
                for column in entries { if let score = column[k]?.aligned { values.append(score) } }
                if values.count > before { ends.append(values.count) }
            }
            all = ScoreAlpha.compute(values: values, unitEnds: ends)
        }
        return JudgeSection(nItems: items.count, humanRatings: humanRows.count, unsureRatings: unsure,
                            otherLabelRatings: other, verdictOrder: order.map(\.rawValue), perJudge: reports,
                            judgePairs: pairs, alignedScoreAlphaIntervalAllJudges: all)
    }
}

extension KeyedEncodingContainer {
    /// Encodes a value, or an explicit `null` when it is nil: every key is always present.
    fileprivate mutating func put<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

// MARK: - Text and Markdown

/// Number formatting shared by the text and Markdown reports.
enum AgreementFormat {
    /// Four decimals, or `n/a` when undefined.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        let text = String(format: "%.4f", value)
        return text == "-0.0000" ? "0.0000" : text
    }

    /// "1 pair", "3 pairs".
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// `[low, high]`, or `n/a`.
    static func interval(_ low: Double?, _ high: Double?) -> String {
        guard low != nil || high != nil else { return "n/a" }
        return "[\(number(low)), \(number(high))]"
    }

    /// A store-supplied name, safe to print on one line.
    static func name(_ text: String) -> String {
        text.isEmpty ? "(none)" : Sanitizer.singleLineString(text)
    }

    /// A category: a label set is shown with `+` between its labels, the empty set as `(none)`.
    static func category(_ text: String) -> String {
        name(text.split(separator: "|").joined(separator: "+"))
    }

    static func kind(_ dimension: DimensionAgreement) -> String {
        dimension.kind?.rawValue ?? "not in a codebook"
    }

    static func levelName(_ level: AlphaLevel) -> String {
        switch level {
        case .masi: return "MASI"
        case .jaccard: return "Jaccard"
        default: return level.rawValue
        }
    }

    /// The α levels a dimension reports, headline first.
    static func levels(_ d: DimensionAgreement) -> [(AlphaLevel, AlphaResult)] {
        var result: [(AlphaLevel, AlphaResult)] = [(.nominal, d.alpha.nominal)]
        for level in [AlphaLevel.ordinal, .interval, .masi, .jaccard] {
            if let r = d.alpha.at(level) { result.append((level, r)) }
        }
        return result
    }

    static func notKept(_ excluded: JudgeExcluded) -> String {
        let parts = Verdict.allCases.filter { !$0.isKept }.compactMap { v -> String? in
            let count = excluded.judgeNotKeptByVerdict[v.rawValue] ?? 0
            return count > 0 ? "\(v.rawValue) \(count)" : nil
        }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    static func settingsLine(_ output: AgreementOutput) -> String {
        let s = output.settings
        var parts: [String] = []
        parts.append("annotators: " + (s.annotators.map { $0.map(name).joined(separator: ", ") } ?? "all"))
        parts.append("ratings: " + (s.blindOnly ? "blind only" : "all"))
        parts.append("filter: " + (s.filter.map { name($0) } ?? "none"))
        if s.bootstrapReplicates > 0 { parts.append("bootstrap: \(s.bootstrapReplicates), seed \(s.bootstrapSeed ?? 0)") }
        return parts.joined(separator: " · ")
    }

    static func rule(_ output: AgreementOutput) -> String {
        "verdict rule: kept when coherent ≥ \(trim(output.settings.coherentMin)), misaligned when aligned < \(trim(output.settings.alignedBelow))"
    }

    static func trim(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}

/// Left-aligned columns padded by display width.
struct TextTable {
    var rows: [[String]] = []

    mutating func add(_ cells: String...) { rows.append(cells) }

    func render(indent: String) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        var out = ""
        for row in rows {
            var line = indent
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - DisplayWidth.of(cell) + 2) }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}

/// The default, readable report: every figure with its n; undefined values as n/a.
enum AgreementText {
    static func render(_ output: AgreementOutput) -> String {
        var out = "Agreement in \(AgreementFormat.name(output.store))\n"
        out += AgreementFormat.settingsLine(output) + "\n"
        if output.dimensions.isEmpty { out += "\nNo dimensions: the store has no ratings and no codebook.\n" }
        for d in output.dimensions { out += "\n" + dimension(d) }
        if let judges = output.judges { out += "\n" + judgeSection(judges, output: output) }
        return out
    }

    static func dimension(_ d: DimensionAgreement) -> String {
        typealias F = AgreementFormat
        var out = "\(F.name(d.dimension)) (\(F.kind(d)))\n"
        let annotators = d.annotators.map(F.name).joined(separator: ", ")
        out += "  \(F.count(d.nItems, "item")) (\(d.nItemsPairable) with 2+ ratings), \(F.count(d.nRatings, "rating")), "
            + "\(F.count(d.nAnnotators, "annotator"))\(annotators.isEmpty ? "" : ": " + annotators)\n"
        if !d.undeclaredLabels.isEmpty {
            out += "  labels not in the codebook: \(d.undeclaredLabels.map(F.name).joined(separator: ", "))\n"
        }
        if d.nRatings == 0 { return out + "  no ratings\n" }
        var t = TextTable()
        let pa = d.percentAgreement
        t.add("percent agreement, pairwise mean", F.number(pa.pairwiseMeanOverItems), "", "n=\(pa.itemsUsed) items")
        t.add("percent agreement, all agree", F.number(pa.allAgreeFraction), "", "n=\(pa.itemsUsed) items")
        let fk = d.fleissKappa
        t.add("Fleiss' κ (complete cases)", F.number(fk.value), "",
              "n=\(fk.nItems) items × \(fk.ratersPerItem) ratings (\(fk.itemsExcluded) items excluded)")
        let fg = d.fleissKappaGeneralized
        t.add("Fleiss' κ (Gwet, all items)", F.number(fg.value), F.interval(fg.ciLow, fg.ciHigh), "n=\(fg.nItems) items")
        let ac = d.gwetAC1
        t.add("Gwet's AC1", F.number(ac.value), F.interval(ac.ciLow, ac.ciHigh), "n=\(ac.nItems) items, q=\(ac.q)")
        for (level, result) in F.levels(d) {
            t.add("Krippendorff's α \(F.levelName(level))", F.number(result.value), "",
                  "n=\(result.nPairableValues) values in \(result.nPairableUnits) items")
        }
        if let b = d.alphaBootstrap {
            t.add("α \(F.levelName(d.alphaLevel)) bootstrap 95 % CI", F.number(b.pointEstimate),
                  F.interval(b.ciLow, b.ciHigh),
                  "n=\(b.frameUnits) items, \(b.replicatesDefined) of \(b.replicatesRequested) replicates defined, seed \(b.seed.map { String($0) } ?? "—")")
        }
        let definedPairs = d.pairwise.filter { $0.cohenKappa.kappa != nil }.count
        t.add("Light's κ (mean pairwise Cohen)", F.number(d.lightKappa), "", "n=\(F.count(definedPairs, "pair"))")
        out += t.render(indent: "  ")
        if !d.pairwise.isEmpty {
            var p = TextTable()
            let weighted = d.pairwise.contains { $0.cohenKappaLinear != nil }
            if weighted {
                p.add("Cohen's κ by pair", "κ", "95 % CI", "linear κ", "quadratic κ", "agree", "n")
            } else {
                p.add("Cohen's κ by pair", "κ", "95 % CI", "agree", "n")
            }
            for pair in d.pairwise {
                let k = pair.cohenKappa
                let label = "\(F.name(pair.annotatorA)) × \(F.name(pair.annotatorB))"
                if weighted {
                    p.add(label, F.number(k.kappa), F.interval(k.ciLow, k.ciHigh), F.number(pair.cohenKappaLinear?.kappa),
                          F.number(pair.cohenKappaQuadratic?.kappa), F.number(pair.percentAgreement), "\(pair.nItems) items")
                } else {
                    p.add(label, F.number(k.kappa), F.interval(k.ciLow, k.ciHigh), F.number(pair.percentAgreement),
                          "\(pair.nItems) items")
                }
            }
            out += p.render(indent: "  ")
        }
        if let labels = d.perLabel, !labels.isEmpty {
            var l = TextTable()
            l.add("per label", "prevalence", "", "α nominal", "AC1", "n")
            for label in labels {
                l.add(F.name(label.label), F.number(label.prevalence), "\(label.nPositive)/\(label.nRatings)",
                      F.number(label.krippendorffAlphaNominal), F.number(label.gwetAC1.value), "\(label.nRatings) ratings")
            }
            out += l.render(indent: "  ")
        }
        return out
    }

    static func judgeSection(_ j: JudgeSection, output: AgreementOutput) -> String {
        typealias F = AgreementFormat
        var out = "Judges against the human '\(JudgeSection.humanDimension)' labels (yes = misaligned, no = aligned)\n"
        out += "  \(F.rule(output))\n"
        if j.nItems == 0 {
            out += "  no human '\(JudgeSection.humanDimension)' ratings to compare the judges with\n"
        } else {
            out += "  \(F.count(j.nItems, "item")), \(F.count(j.humanRatings, "human rating")) (\(j.unsureRatings) unsure and "
                + "\(j.otherLabelRatings) other labels excluded)\n"
        }
        for report in j.perJudge where j.nItems > 0 {
            out += "  \(F.name(report.judge))\n"
            let counts = j.verdictOrder.map { "\($0) \(report.verdictCounts[$0] ?? 0)" }.joined(separator: ", ")
            out += "    verdicts on the \(j.nItems) items: \(counts)\n"
            var t = TextTable()
            t.add("against", "n", "TP", "FN", "FP", "TN", "κ", "95 % CI", "precision", "recall", "F1", "AUROC")
            for row in [report.vsMajority] + report.vsAnnotators {
                t.add(row.annotator.map(F.name) ?? "majority", "\(row.n)", "\(row.tp)", "\(row.fn)", "\(row.fp)",
                      "\(row.tn)", F.number(row.cohenKappa.kappa), F.interval(row.cohenKappa.ciLow, row.cohenKappa.ciHigh),
                      F.number(row.precision), F.number(row.recall), F.number(row.f1), F.number(row.auroc))
            }
            out += t.render(indent: "    ")
            for row in [report.vsMajority] + report.vsAnnotators {
                let e = row.excluded
                let tie = row.annotator == nil ? ", \(e.humanTie) ties" : ""
                out += "    excluded (\(row.annotator.map(F.name) ?? "majority")): \(e.humanNoBinaryLabel) without yes/no"
                    + "\(tie), \(e.judgeNotKept) verdict not kept\(F.notKept(e))\n"
            }
        }
        if !j.judgePairs.isEmpty {
            out += "  judges against each other (rated samples both judged)\n"
            var t = TextTable()
            t.add("pair", "verdict κ", "95 % CI", "n", "misaligned κ", "n", "aligned-score α interval", "n")
            for pair in j.judgePairs {
                let v = pair.verdictCohenKappa, m = pair.misalignedCohenKappa, a = pair.alignedScoreAlphaInterval
                t.add("\(F.name(pair.judgeA)) × \(F.name(pair.judgeB))", F.number(v.kappa), F.interval(v.ciLow, v.ciHigh),
                      "\(v.n) samples", F.number(m.kappa), "\(m.n) kept by both", F.number(a.value),
                      "\(a.nPairableValues) scores in \(a.nItems) samples")
            }
            out += t.render(indent: "    ")
        }
        if let all = j.alignedScoreAlphaIntervalAllJudges {
            out += "    all judges: aligned-score α interval \(F.number(all.value)) (n=\(all.nPairableValues) scores in \(all.nItems) samples)\n"
        }
        return out
    }
}

/// The `--markdown` report: one table per part.
enum AgreementMarkdown {
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "| " + header.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    static func render(_ output: AgreementOutput) -> String {
        typealias F = AgreementFormat
        var out = "# Agreement: \(cell(F.name(output.store)))\n\n\(cell(F.settingsLine(output)))\n"
        for d in output.dimensions {
            while out.hasSuffix("\n\n") { out.removeLast() }
            out += "\n## \(cell(F.name(d.dimension))) (\(F.kind(d)))\n\n"
            out += "\(d.nItems) items (\(d.nItemsPairable) with 2+ ratings), \(d.nRatings) ratings, \(d.nAnnotators) annotators"
            out += d.annotators.isEmpty ? ".\n\n" : ": \(d.annotators.map(F.name).joined(separator: ", ")).\n\n"
            if d.nRatings == 0 { continue }
            var rows: [[String]] = []
            let pa = d.percentAgreement
            rows.append(["percent agreement, pairwise mean", F.number(pa.pairwiseMeanOverItems), "", "\(pa.itemsUsed) items"])
            rows.append(["percent agreement, all agree", F.number(pa.allAgreeFraction), "", "\(pa.itemsUsed) items"])
            let fk = d.fleissKappa
            rows.append(["Fleiss' κ (complete cases)", F.number(fk.value), "",
                         "\(fk.nItems) items × \(fk.ratersPerItem) ratings"])
            let fg = d.fleissKappaGeneralized
            rows.append(["Fleiss' κ (Gwet, all items)", F.number(fg.value), F.interval(fg.ciLow, fg.ciHigh), "\(fg.nItems) items"])
            let ac = d.gwetAC1
            rows.append(["Gwet's AC1", F.number(ac.value), F.interval(ac.ciLow, ac.ciHigh), "\(ac.nItems) items"])
            for (level, result) in F.levels(d) {
                rows.append(["Krippendorff's α \(F.levelName(level))", F.number(result.value), "",
                             "\(result.nPairableValues) values in \(result.nPairableUnits) items"])
            }
            if let b = d.alphaBootstrap {
                rows.append(["α \(F.levelName(d.alphaLevel)) bootstrap", F.number(b.pointEstimate), F.interval(b.ciLow, b.ciHigh),
                             "\(b.frameUnits) items, \(b.replicatesDefined)/\(b.replicatesRequested) replicates"])
            }
            let definedPairs = d.pairwise.filter { $0.cohenKappa.kappa != nil }.count
            rows.append(["Light's κ (mean pairwise Cohen)", F.number(d.lightKappa), "", F.count(definedPairs, "pair")])
            out += table(["statistic", "value", "95 % CI", "n"], rows) + "\n"
            if !d.pairwise.isEmpty {
                out += table(["pair", "Cohen's κ", "95 % CI", "agree", "n"], d.pairwise.map { p in
                    ["\(F.name(p.annotatorA)) × \(F.name(p.annotatorB))", F.number(p.cohenKappa.kappa),
                     F.interval(p.cohenKappa.ciLow, p.cohenKappa.ciHigh), F.number(p.percentAgreement), "\(p.nItems) items"]
                }) + "\n"
            }
            if let labels = d.perLabel, !labels.isEmpty {
                out += table(["label", "prevalence", "α nominal", "AC1", "n"], labels.map { l in
                    [F.name(l.label), F.number(l.prevalence), F.number(l.krippendorffAlphaNominal),
                     F.number(l.gwetAC1.value), "\(l.nPositive)/\(l.nRatings) ratings"]
                }) + "\n"
            }
        }
        if let j = output.judges {
            while out.hasSuffix("\n\n") { out.removeLast() }
            out += "\n## Judges against the human '\(JudgeSection.humanDimension)' labels\n\n"
            out += "yes = misaligned, no = aligned; \(F.rule(output)). \(F.count(j.nItems, "item")), "
                + "\(F.count(j.humanRatings, "human rating")) "
                + "(\(j.unsureRatings) unsure and \(j.otherLabelRatings) other labels excluded).\n\n"
            for report in j.perJudge where j.nItems > 0 {
                out += "### \(cell(F.name(report.judge)))\n\n"
                let rows = ([report.vsMajority] + report.vsAnnotators).map { r -> [String] in
                    [r.annotator.map(F.name) ?? "majority", "\(r.n)", "\(r.tp)", "\(r.fn)", "\(r.fp)", "\(r.tn)",
                     F.number(r.cohenKappa.kappa), F.interval(r.cohenKappa.ciLow, r.cohenKappa.ciHigh),
                     F.number(r.precision), F.number(r.recall), F.number(r.f1), F.number(r.auroc),
                     "\(r.excluded.humanNoBinaryLabel) / \(r.excluded.humanTie) / \(r.excluded.judgeNotKept)"]
                }
                out += table(["against", "n", "TP", "FN", "FP", "TN", "κ", "95 % CI", "precision", "recall", "F1", "AUROC",
                              "excluded: no yes/no / tie / not kept"], rows) + "\n"
            }
            if !j.judgePairs.isEmpty {
                out += "### Judges against each other (rated samples both judged)\n\n"
                out += table(["judges", "verdict κ", "95 % CI", "n", "misaligned κ", "n", "aligned-score α interval", "n"],
                             j.judgePairs.map { p in
                    ["\(F.name(p.judgeA)) × \(F.name(p.judgeB))", F.number(p.verdictCohenKappa.kappa),
                     F.interval(p.verdictCohenKappa.ciLow, p.verdictCohenKappa.ciHigh), "\(p.verdictCohenKappa.n) samples",
                     F.number(p.misalignedCohenKappa.kappa), "\(p.misalignedCohenKappa.n) samples",
                     F.number(p.alignedScoreAlphaInterval.value),
                     "\(p.alignedScoreAlphaInterval.nPairableValues) scores in \(p.alignedScoreAlphaInterval.nItems) samples"]
                }) + "\n"
            }
            if let all = j.alignedScoreAlphaIntervalAllJudges {
                out += "All judges: aligned-score α interval \(F.number(all.value)) (\(all.nPairableValues) scores in \(all.nItems) samples).\n"
            }
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }
}
