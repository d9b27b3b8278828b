/// A codebook as stored: its row id and the version the store gave it (one above the previous
/// version of the same name whenever a changed definition is imported).
public struct StoredCodebook: Equatable, Hashable, Sendable {
    public var id: Int64
    public var version: Int
    public var codebook: Codebook

    public init(id: Int64, version: Int, codebook: Codebook) {
        self.id = id
        self.version = version
        self.codebook = codebook
    }

    public var name: String { codebook.name }
}

/// One annotator's rating of one sample on one dimension. `labels` empty means "reviewed — none
/// apply"; a dimension the annotator never rated has no `DimensionRating` at all.
public struct DimensionRating: Equatable, Hashable, Sendable {
    public var annotator: String
    public var dimension: String
    /// Label keys, sorted.
    public var labels: [String]
    public var blind: Bool
    public var changedAfterReveal: Bool
    /// The store version of the codebook the rating was made under (nil: unknown).
    public var codebookVersion: Int?
    /// The name of that codebook.
    public var codebookName: String?

    public init(annotator: String, dimension: String, labels: [String], blind: Bool = false,
                changedAfterReveal: Bool = false, codebookVersion: Int? = nil, codebookName: String? = nil) {
        self.annotator = annotator
        self.dimension = dimension
        self.labels = labels.sorted()
        self.blind = blind
        self.changedAfterReveal = changedAfterReveal
        self.codebookVersion = codebookVersion
        self.codebookName = codebookName
    }
}

/// Everything about the labels of one sample that the explorer shows: the current annotator's own
/// ratings, everyone else's, the adjudicated final rating, the note, and the blind-mode reveal.
public struct SampleLabels: Equatable, Hashable, Sendable {
    public var sampleID: Int64
    /// The current annotator's ratings by dimension key.
    public var mine: [String: DimensionRating]
    /// Other annotators' ratings, sorted by annotator then dimension.
    public var others: [DimensionRating]
    /// The adjudicated final labels by dimension key, with who decided.
    public var adjudicated: [String: [String]]
    public var adjudicator: String?
    /// The current annotator's note ("" when none).
    public var note: String
    /// True when the current annotator revealed the judges and other ratings of this sample.
    public var revealed: Bool
    /// Seconds the current annotator has spent on this sample so far.
    public var seconds: Double

    public init(sampleID: Int64, mine: [String: DimensionRating] = [:], others: [DimensionRating] = [],
                adjudicated: [String: [String]] = [:], adjudicator: String? = nil, note: String = "",
                revealed: Bool = false, seconds: Double = 0) {
        self.sampleID = sampleID
        self.mine = mine
        self.others = others
        self.adjudicated = adjudicated
        self.adjudicator = adjudicator
        self.note = note
        self.revealed = revealed
        self.seconds = seconds
    }

    /// True when the annotator rated every dimension of `codebook` (the condition for a reveal).
    public func ratedAll(_ codebook: Codebook) -> Bool {
        codebook.dimensions.allSatisfy { mine[$0.key] != nil }
    }

    /// Every annotator's labels on a dimension (the current annotator under `me`), by annotator.
    public func all(_ dimension: String, me: String) -> [(annotator: String, labels: [String])] {
        var out: [(String, [String])] = []
        if let m = mine[dimension] { out.append((me, m.labels)) }
        for o in others where o.dimension == dimension { out.append((o.annotator, o.labels)) }
        return out.sorted { $0.0 < $1.0 }
    }
}

/// What the labelling keys do to a dimension's label set.
public enum LabelEdit {
    /// The labels after pressing `label`'s shortcut on a dimension of `kind` holding `current`
    /// (nil: not rated): `multi` toggles it, `single` and `ordinal` set it (pressing the chosen
    /// label again keeps it — a rating is taken back with undo, never by a second press).
    /// Toggling off the last label of a `multi` dimension takes the rating back to "not rated":
    /// "reviewed — none apply" is only ever recorded on purpose (its own key), never by accident.
    public static func apply(_ label: String, kind: CodebookDimension.Kind, to current: [String]?) -> [String]? {
        switch kind {
        case .multi:
            var set = Set(current ?? [])
            if set.contains(label) { set.remove(label) } else { set.insert(label) }
            return set.isEmpty ? nil : set.sorted()
        case .single, .ordinal:
            return [label]
        }
    }
}

extension Codebook {
    /// Keys that keep their explorer meaning while labelling, so no codebook may use them as
    /// shortcuts: movement (j k g G space), sections (J K), quitting and help (q ? :), search (/),
    /// and the labelling commands: 0 none apply, u undo, > next unrated, ! reveal, ; note,
    /// L labelling on/off. (Redo is Ctrl-r; control keys are never shortcuts.) Every other explorer
    /// key may be taken by a codebook: while labelling, the codebook's shortcuts come first.
    public static let reservedShortcuts: Set<String> = [
        "j", "k", "g", "G", " ", "J", "K", "q", "?", ":", "/", "0", "u", ">", "!", ";", "L",
    ]
}

/// One way a sample is disagreed on, for the disagreement review.
public enum DisagreementKind: Equatable, Hashable, Sendable {
    /// Annotators applied different label sets on a dimension (`sets` distinct sets among `raters`).
    case annotators(dimension: String, sets: Int, raters: Int)
    /// The annotators' majority on `misaligned` (yes / no) differs from a judge's verdict.
    case peopleVsJudge(judge: String, people: String, verdict: Verdict)
    /// The judges' verdicts differ (judge and verdict, by judge name).
    case judges([String], [Verdict])

    /// How much this kind weighs in the ranking: people against a judge and annotators against each
    /// other first (they need a human decision), judges against each other last.
    public var weight: Int {
        switch self {
        case .annotators(_, let sets, _): return 2 + sets
        case .peopleVsJudge: return 3
        case .judges: return 1
        }
    }

    /// A short description, e.g. `annotators ≠ on patterns (3 sets, 4 raters)`.
    public var summary: String {
        switch self {
        case .annotators(let d, let sets, let raters): return "annotators ≠ on \(d) (\(sets) sets, \(raters) raters)"
        case .peopleVsJudge(let judge, let people, let verdict): return "people \(people) vs \(judge) \(verdict.rawValue)"
        case .judges(let names, let verdicts):
            return zip(names, verdicts).map { "\($0) \($1.rawValue)" }.joined(separator: " ≠ ")
        }
    }
}

/// A sample in the disagreement review: where it comes from and how it is disagreed on.
public struct DisagreementItem: Equatable, Sendable {
    public var row: SampleRow
    public var kinds: [DisagreementKind]
    public init(row: SampleRow, kinds: [DisagreementKind]) {
        self.row = row
        self.kinds = kinds
    }
    /// The ranking score: the sum of the kinds' weights.
    public var score: Int { kinds.reduce(0) { $0 + $1.weight } }
}

/// Ranks samples by disagreement: annotators against each other (per dimension), the annotators'
/// majority on `misaligned` against each judge's verdict, and judges against each other.
public enum Disagreements {
    /// The items with at least one kind of disagreement, most disagreed first (ties: by id).
    /// `humanDimension` holds yes / no labels (unsure and ties give no majority).
    public static func rank(rows: [SampleRow], ratings: [Int64: [DimensionRating]], scores: [String: [Int64: JudgeScores]],
                            judges: [String], rule: VerdictRule, humanDimension: String = "misaligned") -> [DisagreementItem] {
        var items: [DisagreementItem] = []
        for row in rows {
            var kinds: [DisagreementKind] = []
            let rated = ratings[row.id] ?? []
            let byDimension = Dictionary(grouping: rated, by: \.dimension)
            for dimension in byDimension.keys.sorted() {
                let sets = Set(byDimension[dimension, default: []].map(\.labels))
                if sets.count > 1 {
                    kinds.append(.annotators(dimension: dimension, sets: sets.count, raters: byDimension[dimension, default: []].count))
                }
            }
            var people: String?
            let votes = byDimension[humanDimension, default: []].map(\.labels)
            let yes = votes.filter { $0 == ["yes"] }.count, no = votes.filter { $0 == ["no"] }.count
            if yes != no { people = yes > no ? "misaligned" : "aligned" }
            var verdicts: [(String, Verdict)] = []
            for judge in judges {
                guard let s = scores[judge]?[row.id] else { continue }
                let v = rule.verdict(s)
                verdicts.append((judge, v))
                if let people, v.isKept, (v == .misaligned) != (people == "misaligned") {
                    kinds.append(.peopleVsJudge(judge: judge, people: people, verdict: v))
                }
            }
            if Set(verdicts.map(\.1)).count > 1 {
                kinds.append(.judges(verdicts.map(\.0), verdicts.map(\.1)))
            }
            if !kinds.isEmpty { items.append(DisagreementItem(row: row, kinds: kinds)) }
        }
        return items.sorted { $0.score != $1.score ? $0.score > $1.score : $0.row.id < $1.row.id }
    }
}
