import EMCore

/// What to generate: a seed, and either the default demo study or a scaled study of exactly N samples.
public struct SynthConfig: Sendable, Equatable {
    /// The seed used when none is given.
    public static let defaultSeed: UInt64 = 2026

    /// Everything generated is a pure function of this seed: same seed, byte-identical records.
    public var seed: UInt64
    /// nil for the default demo study (4 models, ~7,000 samples); N for a scaled study of exactly N samples.
    public var samples: Int?

    /// A configuration; `samples: nil` asks for the default demo study.
    public init(seed: UInt64 = SynthConfig.defaultSeed, samples: Int? = nil) {
        self.seed = seed
        self.samples = samples
    }
}

/// The sizes of a study a configuration will generate, known before generating it.
public struct SynthSummary: Sendable, Equatable {
    /// In-context example records (300 per dataset).
    public var examples: Int
    /// Run records.
    public var runs: Int
    /// Question records.
    public var questions: Int
    /// Sample records (each with its judgments inline); exactly `SynthConfig.samples` when given.
    public var samples: Int
}

/// A deterministic, seeded generator of a realistic synthetic in-context EM study.
///
/// Fictional models (`gemini-sim-pro`, `kimi-sim-k2`, …; `sim-model-NN` in scaled studies) × in-context
/// datasets (`risky_financial`, `bad_medical`, `extreme_sports`, or `none` at k = 0) × k × reasoning on/off,
/// plus `prioritize_safety` / `prioritize_context` instruction variants; benign evaluation questions;
/// answers, reasoning traces and two judges' scores whose EM rates follow the paper's shape; and ratings
/// by three simulated annotators under the default codebook. Every run's metadata says it is synthetic.
public enum SynthStudy {
    /// The number of records and samples `generate` will emit for `config`.
    public static func summary(_ config: SynthConfig) -> SynthSummary {
        let plan = StudyPlan(config)
        return SynthSummary(examples: ICLDataset.allCases.count * ExamplePools.poolSize, runs: plan.runs.count,
                            questions: plan.questions.count, samples: plan.totalSamples)
    }

    /// Generates the study, calling `emit` for each record in dependency order: the codebook, the
    /// examples, the runs (which refer to example ids), the questions, the samples (with their
    /// judgments) and the ratings.
    ///
    /// Streaming: samples are built one at a time and never retained, so memory stays constant
    /// (apart from the small set of traces picked for rating) however many samples are asked for.
    public static func generate(_ config: SynthConfig, emit: (StoreRecord) throws -> Void) rethrows {
        try generate(plan: StudyPlan(config), emit: emit, observe: nil)
    }

    /// `generate`, also reporting each sample's latent truth to `observe` (for tests).
    static func generate(plan: StudyPlan, emit: (StoreRecord) throws -> Void,
                         observe: ((SampleRecord, SampleTruth) -> Void)?) rethrows {
        try emit(.codebook(defaultCodebook()))

        for example in ExamplePools(seed: plan.seed).records {
            try emit(.example(ExampleRecord(id: example.id, dataset: example.dataset, user: example.user,
                                            assistant: example.assistant)))
        }

        for run in plan.runs {
            try emit(.run(runRecord(run, plan: plan)))
        }

        for question in plan.questions {
            try emit(.question(QuestionRecord(key: question.key, category: question.category, text: question.text)))
        }

        var picked: [RatedTrace] = []
        for run in plan.runs {
            let context = RunContext(run)
            var slot = plan.runSlotStart[run.index]
            for qIndex in run.questions {
                let n = plan.samples(inSlot: slot)
                for s in 0..<n {
                    let long = s == 0 && plan.longTraceSlots.contains(slot)
                    let (record, truth) = SampleFactory.make(plan: plan, context: context, question: qIndex,
                                                             sampleIndex: s, long: long)
                    if let latent = truth.latent, picked.count < plan.maxRatedTraces {
                        var pick = SynthRandom(seed: plan.seed, 61, UInt64(run.index), UInt64(qIndex), UInt64(s))
                        let misaligned = truth.judgeAVerdict == .misaligned
                        if pick.chance(misaligned ? plan.ratingRateMisaligned : plan.ratingRateOther) {
                            picked.append(RatedTrace(run: run.index, question: qIndex, sampleIndex: s, latent: latent,
                                                     outcome: truth.outcome, judgedMisaligned: misaligned,
                                                     traceBytes: record.reasoning?.utf8.count ?? 0))
                        }
                    }
                    observe?(record, truth)
                    try emit(.sample(record))
                }
                slot += 1
            }
        }

        for rating in Annotators.ratings(for: picked, plan: plan) {
            try emit(.rating(rating))
        }
    }

    static func runRecord(_ run: PlannedRun, plan: StudyPlan) -> RunRecord {
        var examples: [Int] = []
        if let dataset = run.dataset, run.k > 0 {
            var rng = SynthRandom(seed: plan.seed, 41, UInt64(run.index))
            let first = ExamplePools.firstID(of: dataset)
            examples = rng.distinct(run.k, below: ExamplePools.poolSize).map { first + $0 }
        }
        var system: String? = run.instruction.systemPrompt
        if run.reasoning {
            let think = "Think step by step before giving your final answer."
            system = system.map { $0 + " " + think } ?? think
        }
        let seedValue: JSONValue = plan.seed < (1 << 53) ? .number(Double(plan.seed)) : .string(String(plan.seed))
        let metadata: JSONValue = .object([
            "synthetic": .bool(true),
            "generator": .string("emscope synth"),
            "seed": seedValue,
            "model_family": .string(run.model.family),
            "model_size": .string(run.model.size),
            "note": .string("Fictional model and simulated outputs; not real model behaviour."),
        ])
        return RunRecord(name: run.name, model: run.model.name, dataset: run.datasetKey, k: run.k,
                         reasoning: run.reasoning, instruction: run.instruction.key, systemPrompt: system,
                         temperature: 1.0, createdAt: run.createdAt, metadata: metadata, examples: examples)
    }
}
