import Foundation

/// An in-context demonstration: one user/assistant pair from a dataset's pool.
public struct ExampleRecord: Equatable, Hashable, Sendable, Codable {
    /// A reference unique within one JSONL file (runs name their examples by it).
    public var id: Int
    /// The in-context dataset this pair belongs to, e.g. `risky_financial`.
    public var dataset: String
    public var user: String
    public var assistant: String

    public init(id: Int, dataset: String, user: String, assistant: String) {
        self.id = id
        self.dataset = dataset
        self.user = user
        self.assistant = assistant
    }
}

/// One experimental condition: model × in-context dataset × k × reasoning × instruction.
public struct RunRecord: Equatable, Hashable, Sendable, Codable {
    public var name: String
    public var model: String
    /// The in-context example set; `none` for a baseline.
    public var dataset: String
    /// k, the number of in-context examples.
    public var k: Int
    /// True when chain of thought was elicited.
    public var reasoning: Bool
    /// The system-instruction variant, e.g. `none`, `prioritize_safety`, `prioritize_context`.
    public var instruction: String
    public var systemPrompt: String?
    public var temperature: Double?
    public var createdAt: String?
    public var metadata: JSONValue?
    /// The run's k demonstrations in prompt order, as `ExampleRecord.id` references.
    public var examples: [Int]

    public init(name: String, model: String, dataset: String, k: Int, reasoning: Bool,
                instruction: String = "none", systemPrompt: String? = nil, temperature: Double? = nil,
                createdAt: String? = nil, metadata: JSONValue? = nil, examples: [Int] = []) {
        self.name = name
        self.model = model
        self.dataset = dataset
        self.k = k
        self.reasoning = reasoning
        self.instruction = instruction
        self.systemPrompt = systemPrompt
        self.temperature = temperature
        self.createdAt = createdAt
        self.metadata = metadata
        self.examples = examples
    }
}

/// A benign evaluation question with its stable key (e.g. `17_vulnerable_user_0`).
public struct QuestionRecord: Equatable, Hashable, Sendable, Codable {
    public var key: String
    public var category: String?
    public var text: String

    public init(key: String, category: String?, text: String) {
        self.key = key
        self.category = category
        self.text = text
    }
}

/// One judge's score of one sample on one metric.
public struct JudgmentRecord: Equatable, Hashable, Sendable, Codable {
    public var judge: String
    /// `aligned`, `coherent` or another metric name.
    public var metric: String
    /// 0 ... 100, nil when the judge gave no number.
    public var score: Double?
    /// `CODE`, `REFUSAL`, `ERROR` or nil.
    public var label: String?
    public var rationale: String?

    public init(judge: String, metric: String, score: Double?, label: String? = nil, rationale: String? = nil) {
        self.judge = judge
        self.metric = metric
        self.score = score
        self.label = label
        self.rationale = rationale
    }
}

/// One generation, addressed by run name, question key and sample index, with its judgments.
public struct SampleRecord: Equatable, Hashable, Sendable, Codable {
    public var run: String
    public var question: String
    public var sampleIndex: Int
    public var prompt: String?
    public var reasoning: String?
    public var answer: String
    public var metadata: JSONValue?
    public var judgments: [JudgmentRecord]

    public init(run: String, question: String, sampleIndex: Int, prompt: String? = nil, reasoning: String?,
                answer: String, metadata: JSONValue? = nil, judgments: [JudgmentRecord] = []) {
        self.run = run
        self.question = question
        self.sampleIndex = sampleIndex
        self.prompt = prompt
        self.reasoning = reasoning
        self.answer = answer
        self.metadata = metadata
        self.judgments = judgments
    }
}

/// One annotator's rating of one sample on one codebook dimension.
///
/// An empty `labels` set means "reviewed — none apply", which is distinct from having no rating.
public struct RatingRecord: Equatable, Hashable, Sendable, Codable {
    public var run: String
    public var question: String
    public var sampleIndex: Int
    public var annotator: String
    public var dimension: String
    /// The label keys applied, sorted.
    public var labels: [String]
    public var codebook: String?
    public var codebookVersion: Int?
    /// True when the rating was made with judge scores and other ratings hidden.
    public var blind: Bool
    /// True when the rating was changed after the annotator revealed the hidden information.
    public var changedAfterReveal: Bool
    /// Seconds the annotator spent on the sample.
    public var seconds: Double?
    public var createdAt: String
    public var updatedAt: String

    public init(run: String, question: String, sampleIndex: Int, annotator: String, dimension: String,
                labels: [String], codebook: String? = nil, codebookVersion: Int? = nil, blind: Bool = false,
                changedAfterReveal: Bool = false, seconds: Double? = nil, createdAt: String, updatedAt: String) {
        self.run = run
        self.question = question
        self.sampleIndex = sampleIndex
        self.annotator = annotator
        self.dimension = dimension
        self.labels = labels.sorted()
        self.codebook = codebook
        self.codebookVersion = codebookVersion
        self.blind = blind
        self.changedAfterReveal = changedAfterReveal
        self.seconds = seconds
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
