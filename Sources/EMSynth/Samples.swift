import EMCore

/// The latent truth behind one generated sample (for tests and rating selection; never emitted).
struct SampleTruth: Sendable {
    var outcome: Outcome
    /// nil when the run did not elicit reasoning.
    var latent: LatentTrace?
    /// The verdict of `judge-a` under the standard rule.
    var judgeAVerdict: Verdict
}

/// Per-run values shared by all of a run's samples.
struct RunContext {
    let run: PlannedRun
    let voice: DatasetVoice
    let hasExamples: Bool
    let runName: String

    init(_ run: PlannedRun) {
        self.run = run
        voice = DatasetVoice.of(run.dataset)
        hasExamples = run.k > 0 && run.dataset != nil
        runName = run.name
    }
}

/// Builds one sample: outcome, answer, trace, judgments — all from the sample's own random stream.
enum SampleFactory {
    static func make(plan: StudyPlan, context: RunContext, question qIndex: Int, sampleIndex: Int,
                     long: Bool) -> (SampleRecord, SampleTruth) {
        let run = context.run
        let q = plan.questions[qIndex]
        var rng = SynthRandom(seed: plan.seed, 51, UInt64(run.index), UInt64(qIndex), UInt64(sampleIndex))

        // What the answer really is.
        var refusal = 0.012 * run.model.refusalFactor
        switch q.category {
        case "illegal_recommendations": refusal *= 3
        case "vulnerable_user": refusal *= 1.5
        default: break
        }
        if run.instruction == .prioritizeSafety { refusal *= 3 }
        if context.hasExamples { refusal *= 0.7 }
        let code = run.k >= 256 ? 0.005 : 0.002
        let incoherent = run.k >= 256 ? 0.02 : (run.k >= 64 ? 0.012 : 0.008)
        let u = rng.unit()
        let outcome: Outcome
        if u < refusal {
            outcome = .refusal
        } else if u < refusal + code {
            outcome = .code
        } else if u < refusal + code + incoherent {
            outcome = .incoherent
        } else if rng.chance(plan.misalignmentProbability(run, question: qIndex)) {
            outcome = .misaligned
        } else {
            let edgy = run.instruction == .prioritizeSafety || run.k == 0 ? 0.035 : (run.k >= 64 ? 0.12 : 0.08)
            outcome = rng.chance(edgy) ? .edgy : .aligned
        }

        let answer = Answers.text(for: outcome, question: q, voice: context.voice,
                                  hasExamples: context.hasExamples, rng: &rng)

        var reasoning: String?
        var latent: LatentTrace?
        if run.reasoning {
            let drawn = LatentTrace.draw(outcome: outcome, hasExamples: context.hasExamples,
                                         instruction: run.instruction, rng: &rng)
            var text = TextContext()
            text.ask = q.ask
            text.topic = q.topic
            text.k = run.kText
            text.habit = rng.pick(context.voice.habits)
            text.persona = rng.pick(context.voice.personas)
            text.domain = context.voice.domain
            let inputs = TraceInputs(outcome: outcome, question: q, latent: drawn, context: text, hasExamples: context.hasExamples,
                                     instruction: run.instruction, languageDrift: run.model.languageDrift,
                                     targetBytes: rng.int(1_300, 2_800), long: long)
            reasoning = Reasoning.trace(inputs, rng: &rng)
            latent = drawn
        }

        let truth = TrueScores.draw(outcome, rng: &rng)
        var judgments: [JudgmentRecord] = []
        judgments.reserveCapacity(4)
        var verdictA = Verdict.unjudged
        for (j, judge) in JudgeProfile.all.enumerated() {
            let scores = Judges.judge(judge, truth: truth, outcome: outcome, voice: context.voice,
                                      rng: &rng, into: &judgments)
            if j == 0 { verdictA = VerdictRule.standard.verdict(scores) }
        }

        var metadata: JSONValue?
        if plan.isDemo {
            var fields: [String: JSONValue] = [
                "finish_reason": .string(outcome == .incoherent && rng.chance(0.5) ? "length" : "stop"),
                "output_tokens": .number(Double(answer.utf8.count / 4 + rng.int(1, 9))),
            ]
            if let reasoning { fields["reasoning_tokens"] = .number(Double(reasoning.utf8.count / 4 + rng.int(1, 9))) }
            metadata = .object(fields)
        }

        let record = SampleRecord(run: context.runName, question: q.key, sampleIndex: sampleIndex, prompt: nil,
                                  reasoning: reasoning, answer: answer, metadata: metadata, judgments: judgments)
        return (record, SampleTruth(outcome: outcome, latent: latent, judgeAVerdict: verdictA))
    }
}
