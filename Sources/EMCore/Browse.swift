/// One row of the sample list: just what the list columns show.
public struct SampleRow: Equatable, Hashable, Sendable, Codable {
    public var id: Int64
    public var run: String
    public var model: String
    public var dataset: String
    public var k: Int
    public var reasoning: Bool
    public var instruction: String
    public var question: String
    public var sampleIndex: Int
    /// The primary judge's scores (nil when it did not judge this sample).
    public var primary: JudgeScores?
    /// The primary judge's verdict under the current thresholds.
    public var verdict: Verdict
    public var labelState: LabelState
    /// True when the current annotator rated it (whatever others did).
    public var ratedByMe: Bool

    public init(id: Int64, run: String, model: String, dataset: String, k: Int, reasoning: Bool, instruction: String,
                question: String, sampleIndex: Int, primary: JudgeScores?, verdict: Verdict, labelState: LabelState,
                ratedByMe: Bool = false) {
        self.ratedByMe = ratedByMe
        self.id = id
        self.run = run
        self.model = model
        self.dataset = dataset
        self.k = k
        self.reasoning = reasoning
        self.instruction = instruction
        self.question = question
        self.sampleIndex = sampleIndex
        self.primary = primary
        self.verdict = verdict
        self.labelState = labelState
    }
}

/// Where a sample stands in hand-labelling, from the current annotator's point of view.
public enum LabelState: String, Equatable, Hashable, Sendable, Codable {
    /// Nobody rated it.
    case unrated
    /// Others rated it; the current annotator did not.
    case others
    /// The current annotator rated it.
    case mine
    /// Annotators' label sets differ on some dimension.
    case conflict
    /// An adjudicated final rating exists.
    case adjudicated
}

/// Everything the detail sections show about one sample.
public struct SampleDetail: Equatable, Sendable {
    public var id: Int64
    public var run: RunInfo
    public var question: QuestionRecord
    public var sampleIndex: Int
    /// The rendered prompt, when the harness stored it.
    public var prompt: String?
    public var reasoning: String?
    public var answer: String
    /// The run's number of stored in-context examples (the examples themselves load on demand).
    public var exampleCount: Int
    /// Every judge that scored the sample, primary first.
    public var judges: [JudgeResult]

    public init(id: Int64, run: RunInfo, question: QuestionRecord, sampleIndex: Int, prompt: String?, reasoning: String?,
                answer: String, exampleCount: Int, judges: [JudgeResult]) {
        self.id = id
        self.run = run
        self.question = question
        self.sampleIndex = sampleIndex
        self.prompt = prompt
        self.reasoning = reasoning
        self.answer = answer
        self.exampleCount = exampleCount
        self.judges = judges
    }

    /// True when the judges' verdicts differ.
    public var judgesDisagree: Bool { Set(judges.map(\.verdict)).count > 1 }
}

/// The condition a sample was generated under.
public struct RunInfo: Equatable, Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var model: String
    public var dataset: String
    public var k: Int
    public var reasoning: Bool
    public var instruction: String
    public var systemPrompt: String?
    public var temperature: Double?

    public init(id: Int64, name: String, model: String, dataset: String, k: Int, reasoning: Bool, instruction: String,
                systemPrompt: String?, temperature: Double?) {
        self.id = id
        self.name = name
        self.model = model
        self.dataset = dataset
        self.k = k
        self.reasoning = reasoning
        self.instruction = instruction
        self.systemPrompt = systemPrompt
        self.temperature = temperature
    }
}

/// One judge's scores, verdict and rationales for one sample.
public struct JudgeResult: Equatable, Hashable, Sendable {
    public var judge: String
    public var scores: JudgeScores
    public var verdict: Verdict
    /// Rationale per metric (`aligned`, `coherent`, …), in metric order.
    public var rationales: [MetricNote]
    /// Scores on metrics other than aligned and coherent.
    public var otherMetrics: [MetricNote]

    public init(judge: String, scores: JudgeScores, verdict: Verdict, rationales: [MetricNote], otherMetrics: [MetricNote]) {
        self.judge = judge
        self.scores = scores
        self.verdict = verdict
        self.rationales = rationales
        self.otherMetrics = otherMetrics
    }
}

/// A metric name with a score and/or a text (a rationale or a label).
public struct MetricNote: Equatable, Hashable, Sendable {
    public var metric: String
    public var score: Double?
    public var text: String?
    public init(metric: String, score: Double?, text: String?) {
        self.metric = metric
        self.score = score
        self.text = text
    }
}

/// The list's sort column. `id` is the store's order.
public enum SortKey: String, CaseIterable, Equatable, Hashable, Sendable, Codable {
    case id, model, dataset, k, question, aligned, coherent
    /// A seeded shuffle (annotation queues in random order); the seed is in the browse context.
    case shuffled

    /// The next key in the cycle used by the explorer's sort command (the shuffle is not in it).
    public var next: SortKey {
        let all = SortKey.allCases.filter { $0 != .shuffled }
        guard let i = all.firstIndex(of: self) else { return .id }
        return all[(i + 1) % all.count]
    }
}

/// One value of one facet with the number of matching samples, e.g. `model: gemini-sim-pro (1,680)`.
public struct FacetValue: Equatable, Hashable, Sendable {
    /// The query field (`model`, `dataset`, `k`, `reasoning`, `instruction`, `verdict`).
    public var field: String
    /// The value as the query language writes it.
    public var value: String
    public var count: Int

    public init(field: String, value: String, count: Int) {
        self.field = field
        self.value = value
        self.count = count
    }
}

/// A named query saved in the store.
public struct SavedFilter: Equatable, Hashable, Sendable {
    public var name: String
    public var query: String
    public init(name: String, query: String) {
        self.name = name
        self.query = query
    }
}

/// What the compare view lines up: one question and sample index across k (same model, dataset,
/// reasoning and instruction; k = 0 baselines included), or across models (same dataset, k,
/// reasoning and instruction).
public enum CompareAxis: String, CaseIterable, Equatable, Hashable, Sendable {
    case k, model

    public var other: CompareAxis { self == .k ? .model : .k }
}
