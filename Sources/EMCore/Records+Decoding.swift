// JSON keys are snake_case, spelled out here (a key strategy would cost a conversion per key).
// Lenient decoding for records written by other tools: optional keys may be omitted and
// take the schema's defaults (reasoning false, instruction "none", no examples, no judgments).

extension RunRecord {
    enum CodingKeys: String, CodingKey {
        case name, model, dataset, k, reasoning, instruction, temperature, metadata, examples
        case systemPrompt = "system_prompt", createdAt = "created_at"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name),
            model: try c.decode(String.self, forKey: .model),
            dataset: try c.decode(String.self, forKey: .dataset),
            k: try c.decode(Int.self, forKey: .k),
            reasoning: try c.decodeIfPresent(Bool.self, forKey: .reasoning) ?? false,
            instruction: try c.decodeIfPresent(String.self, forKey: .instruction) ?? "none",
            systemPrompt: try c.decodeIfPresent(String.self, forKey: .systemPrompt),
            temperature: try c.decodeIfPresent(Double.self, forKey: .temperature),
            createdAt: try c.decodeIfPresent(String.self, forKey: .createdAt),
            metadata: try c.decodeIfPresent(JSONValue.self, forKey: .metadata),
            examples: try c.decodeIfPresent([Int].self, forKey: .examples) ?? [])
    }
}

extension SampleRecord {
    enum CodingKeys: String, CodingKey {
        case run, question, prompt, reasoning, answer, metadata, judgments
        case sampleIndex = "sample_index"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            run: try c.decode(String.self, forKey: .run),
            question: try c.decode(String.self, forKey: .question),
            sampleIndex: try c.decodeIfPresent(Int.self, forKey: .sampleIndex) ?? 0,
            prompt: try c.decodeIfPresent(String.self, forKey: .prompt),
            reasoning: try c.decodeIfPresent(String.self, forKey: .reasoning),
            answer: try c.decode(String.self, forKey: .answer),
            metadata: try c.decodeIfPresent(JSONValue.self, forKey: .metadata),
            judgments: try c.decodeIfPresent([JudgmentRecord].self, forKey: .judgments) ?? [])
    }
}

extension RatingRecord {
    enum CodingKeys: String, CodingKey {
        case run, question, annotator, dimension, labels, codebook, blind, seconds
        case sampleIndex = "sample_index", codebookVersion = "codebook_version"
        case changedAfterReveal = "changed_after_reveal", createdAt = "created_at", updatedAt = "updated_at"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let created = try c.decode(String.self, forKey: .createdAt)
        self.init(
            run: try c.decode(String.self, forKey: .run),
            question: try c.decode(String.self, forKey: .question),
            sampleIndex: try c.decodeIfPresent(Int.self, forKey: .sampleIndex) ?? 0,
            annotator: try c.decode(String.self, forKey: .annotator),
            dimension: try c.decode(String.self, forKey: .dimension),
            labels: try c.decode([String].self, forKey: .labels),
            codebook: try c.decodeIfPresent(String.self, forKey: .codebook),
            codebookVersion: try c.decodeIfPresent(Int.self, forKey: .codebookVersion),
            blind: try c.decodeIfPresent(Bool.self, forKey: .blind) ?? false,
            changedAfterReveal: try c.decodeIfPresent(Bool.self, forKey: .changedAfterReveal) ?? false,
            seconds: try c.decodeIfPresent(Double.self, forKey: .seconds),
            createdAt: created,
            updatedAt: try c.decodeIfPresent(String.self, forKey: .updatedAt) ?? created)
    }
}
