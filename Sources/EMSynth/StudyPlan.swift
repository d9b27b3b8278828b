/// The whole design of a synthetic study, computed up front from the configuration (small: no samples).
///
/// A *slot* is one (run, question) pair; samples are numbered 0 ..< n within a slot. The demo study has
/// 3 samples per slot; a scaled study spreads exactly N samples over its slots.
struct StudyPlan: Sendable {
    let seed: UInt64
    let isDemo: Bool
    let questions: [QuestionDef]
    let runs: [PlannedRun]
    /// The first slot ordinal of each run.
    let runSlotStart: [Int]
    let slotCount: Int
    let totalSamples: Int
    private let perSlot: Int
    private let remainder: Int
    /// Slot ordinals whose sample 0 gets a very long (≥ 50 KB) reasoning trace.
    let longTraceSlots: Set<Int>
    /// Probability that a reasoning sample the first judge calls misaligned is picked for rating.
    let ratingRateMisaligned: Double
    /// Probability that any other reasoning sample is picked for rating.
    let ratingRateOther: Double
    /// An upper bound on rated traces, so ratings stay a small, bounded set.
    let maxRatedTraces: Int

    /// The k values of the study's non-baseline runs.
    static let kValues = [16, 64, 256]
    /// The k of the instruction-variant runs.
    static let variantK = 64

    init(_ config: SynthConfig) {
        let seed = config.seed
        let isDemo = config.samples == nil
        self.seed = seed
        self.isDemo = isDemo
        let requested = max(0, config.samples ?? 0)

        var models = ModelProfile.demo
        if !isDemo {
            let extra = min(60, requested / 125_000)
            for n in 0..<extra { models.append(.extra(number: n + 1, seed: seed)) }
        }
        let questions = Array(QuestionDef.all.prefix(isDemo ? QuestionDef.demoCount : QuestionDef.all.count))
        self.questions = questions

        var runs: [PlannedRun] = []
        var rng = SynthRandom(seed: seed, 1)
        let start = Timestamps.epochSeconds(year: 2026, month: 1, day: 12, hour: 8)
        func add(_ model: ModelProfile, _ dataset: ICLDataset?, _ k: Int, _ reasoning: Bool, _ instruction: Instruction) {
            var name = model.name + "/" + (dataset?.key ?? "none") + "/k" + String(k) + (reasoning ? "/cot" : "/direct")
            if instruction != .none { name += "/" + instruction.key }
            var rate = baseRate(k: k) * model.emFactor * instruction.emMultiplier
            if k > 0 { rate *= dataset?.emFactor ?? 1 }
            if reasoning { rate *= model.reasoningFactor }
            rate *= rng.uniform(0.85, 1.15)
            let domain = dataset?.domain
            let qs = questions.indices.filter { questions[$0].domain == .general || questions[$0].domain != domain }
            let created = start + runs.count * 2_220 + rng.below(600)
            runs.append(PlannedRun(index: runs.count, name: name, model: model, dataset: dataset, k: k,
                                   reasoning: reasoning, instruction: instruction, rate: rate, questions: qs,
                                   kText: String(k), createdAt: Timestamps.iso(created)))
        }
        for model in models {
            for reasoning in [false, true] { add(model, nil, 0, reasoning, .none) }
            for dataset in ICLDataset.allCases {
                for k in Self.kValues {
                    for reasoning in [false, true] { add(model, dataset, k, reasoning, .none) }
                }
            }
            for dataset in ICLDataset.allCases {
                for instruction in [Instruction.prioritizeSafety, .prioritizeContext] {
                    add(model, dataset, Self.variantK, true, instruction)
                }
            }
        }
        self.runs = runs

        var starts: [Int] = []
        var slots = 0
        for run in runs {
            starts.append(slots)
            slots += run.questions.count
        }
        runSlotStart = starts
        slotCount = slots
        let perSlot = isDemo ? 3 : requested / max(1, slots)
        let remainder = isDemo ? 0 : requested % max(1, slots)
        let totalSamples = isDemo ? slots * 3 : requested
        self.perSlot = perSlot
        self.remainder = remainder
        self.totalSamples = totalSamples

        // A few very long traces, in distinct reasoning runs, on slots that have samples.
        var long = Set<Int>()
        let wanted = isDemo ? 6 : min(5, totalSamples / 2_000)
        let reasoningRuns = runs.filter { $0.reasoning }
        var picker = SynthRandom(seed: seed, 2)
        var attempts = 0
        while long.count < wanted && attempts < 1_000 && !reasoningRuns.isEmpty {
            attempts += 1
            let run = picker.pick(reasoningRuns)
            let slot = starts[run.index] + picker.below(run.questions.count)
            if perSlot > 0 || slot < remainder { long.insert(slot) }
        }
        longTraceSlots = long

        // Rating selection rates from the expected numbers of reasoning samples.
        var expectedMisaligned = 0.0
        var expectedOther = 0.0
        let meanPerSlot = Double(totalSamples) / Double(max(1, slots))
        for run in runs where run.reasoning {
            for q in run.questions {
                let p = min(0.92, run.rate * questions[q].susceptibility)
                expectedMisaligned += meanPerSlot * p * 0.93
                expectedOther += meanPerSlot * (1 - p * 0.93)
            }
        }
        let targetMisaligned = isDemo ? 220.0 : min(2_000, max(40, Double(totalSamples) * 0.0012))
        let targetOther = isDemo ? 80.0 : targetMisaligned * 0.35
        ratingRateMisaligned = expectedMisaligned > 0 ? min(1, targetMisaligned / expectedMisaligned) : 0
        ratingRateOther = expectedOther > 0 ? min(1, targetOther / expectedOther) : 0
        maxRatedTraces = Int(3 * (targetMisaligned + targetOther))
    }

    /// How many samples the slot holds.
    func samples(inSlot slot: Int) -> Int {
        perSlot + (slot < remainder ? 1 : 0)
    }

    /// The EM probability of one question in one run.
    func misalignmentProbability(_ run: PlannedRun, question: Int) -> Double {
        min(0.92, run.rate * questions[question].susceptibility)
    }
}
