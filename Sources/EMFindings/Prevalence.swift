import EMCore

/// Whose labels decide whether a sample shows a pattern.
public enum PrevalenceMode: Hashable, Sendable {
    /// A label counts for a sample when more than half of the annotators who rated the sample on the
    /// dimension applied it (2 of 3, 2 of 2, 1 of 1; not 1 of 2).
    case majority
    /// Only this annotator's ratings; samples they did not rate are excluded.
    case annotator(String)
}

/// One annotator's rating of one sample on one dimension (an empty `labels` is "reviewed — none apply").
public struct SampleRating: Hashable, Sendable {
    public var sampleID: Int64
    public var annotator: String
    public var labels: [String]

    public init(sampleID: Int64, annotator: String, labels: [String]) {
        self.sampleID = sampleID
        self.annotator = annotator
        self.labels = labels
    }
}

/// How often one label was applied: `count` of `denominator` samples, with its Wilson 95 % interval.
public struct LabelPrevalence: Hashable, Sendable {
    public var label: String
    public var count: Int
    public var denominator: Int

    public init(label: String, count: Int, denominator: Int) {
        self.label = label
        self.count = count
        self.denominator = denominator
    }

    /// count / denominator; nil when no sample was rated.
    public var share: Double? { denominator > 0 ? Double(count) / Double(denominator) : nil }
    public var interval: WilsonInterval? { WilsonInterval(successes: count, trials: denominator) }
}

/// Prevalence among the misaligned samples of one group (all of them, or one condition).
public struct PrevalenceGroup: Hashable, Sendable {
    /// The condition (all fields nil for the overall group).
    public var key: ConditionKey
    /// Samples the primary judge called misaligned.
    public var misaligned: Int
    /// Of those, the samples rated on the dimension (by anyone, or by the chosen annotator): the denominator.
    public var rated: Int
    /// Misaligned samples nobody (or not the chosen annotator) rated: excluded, and counted here.
    public var unrated: Int { misaligned - rated }
    /// One entry per label, in the report's label order.
    public var labels: [LabelPrevalence]
}

/// Rationalization prevalence: among samples judged misaligned, the share whose reasoning the
/// annotators labelled with each pattern of a multi-label dimension.
public struct PrevalenceReport: Hashable, Sendable {
    public var dimension: String
    public var mode: PrevalenceMode
    /// The labels reported: the codebook's, in its order, then any other label found, sorted.
    public var labels: [String]
    public var overall: PrevalenceGroup
    /// The same, split by the requested condition fields (empty when none were requested).
    public var byCondition: [PrevalenceGroup]
}

public enum Prevalence {
    /// Computes prevalence.
    ///
    /// - `misaligned`: the samples the primary judge called misaligned, with their conditions.
    /// - `ratings`: ratings on `dimension` (others' samples are ignored).
    /// - `declaredLabels`: the codebook's labels of the dimension (may be empty).
    /// - `by`: the fields to split by (empty: overall only).
    public static func compute(dimension: String, declaredLabels: [String], misaligned: [SampleCondition],
                               ratings: [SampleRating], mode: PrevalenceMode,
                               by: [GroupField] = []) -> PrevalenceReport {
        var wanted = Set<Int64>()
        for s in misaligned { wanted.insert(s.sampleID) }
        // Per misaligned sample: raters and label votes.
        var raters: [Int64: Set<String>] = [:]
        var votes: [Int64: [String: Int]] = [:]
        var observed = Set<String>()
        for r in ratings where wanted.contains(r.sampleID) {
            if case .annotator(let name) = mode, r.annotator != name { continue }
            guard raters[r.sampleID, default: []].insert(r.annotator).inserted else { continue }
            for label in Set(r.labels) {
                votes[r.sampleID, default: [:]][label, default: 0] += 1
                observed.insert(label)
            }
        }
        let declared = Set(declaredLabels)
        var seenDeclared = Set<String>()
        let labels = declaredLabels.filter { seenDeclared.insert($0).inserted } + observed.subtracting(declared).sorted()
        // Per sample: the labels that count.
        var applied: [Int64: Set<String>] = [:]
        for (id, who) in raters {
            var set = Set<String>()
            for (label, n) in votes[id] ?? [:] where 2 * n > who.count { set.insert(label) }
            applied[id] = set
        }
        func group(_ key: ConditionKey, _ samples: [SampleCondition]) -> PrevalenceGroup {
            var rated = 0
            var counts: [String: Int] = [:]
            for s in samples {
                guard let set = applied[s.sampleID] else { continue }
                rated += 1
                for label in set { counts[label, default: 0] += 1 }
            }
            return PrevalenceGroup(key: key, misaligned: samples.count, rated: rated, labels: labels.map {
                LabelPrevalence(label: $0, count: counts[$0] ?? 0, denominator: rated)
            })
        }
        let overall = group(ConditionKey(), misaligned)
        var split: [PrevalenceGroup] = []
        if !by.isEmpty {
            let fields = Set(by)
            var groups: [ConditionKey: [SampleCondition]] = [:]
            for s in misaligned { groups[s.key.keeping(fields), default: []].append(s) }
            split = groups.keys.sorted().map { group($0, groups[$0]!) }
        }
        return PrevalenceReport(dimension: dimension, mode: mode, labels: labels, overall: overall, byCondition: split)
    }
}
