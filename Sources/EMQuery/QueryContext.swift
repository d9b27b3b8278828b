import EMCore

/// What a query is compiled against: whose verdicts, who "me" is, which thresholds, and whether the
/// session is blind.
public struct QueryContext: Equatable, Hashable, Sendable {
    /// The judge whose scores `verdict:`, `aligned<…` and `coherent>=…` refer to.
    public var primaryJudge: String
    /// The current annotator (`rated:me`, `unrated`). May be empty when nobody is annotating;
    /// then terms that need it are errors.
    public var annotator: String
    /// The verdict thresholds (bound as SQL parameters).
    public var rule: VerdictRule
    /// In blind mode, terms that reveal judge results or other annotators' ratings are errors.
    public var blind: Bool

    /// Creates a context; thresholds default to the paper's (aligned < 30, coherent ≥ 50), not blind.
    public init(primaryJudge: String, annotator: String, rule: VerdictRule = .standard, blind: Bool = false) {
        self.primaryJudge = primaryJudge
        self.annotator = annotator
        self.rule = rule
        self.blind = blind
    }
}
