import EMCore
@testable import EMSynth
import Testing

/// The demo study's EM rates, computed from the emitted records with the standard verdict rule,
/// must follow the shape of the paper's results.
@Suite("EM-rate shape")
struct EMShapeTests {
    let samples = Demo.samples
    let runs = Demo.runs

    func rate(_ include: (RunRecord) -> Bool) -> Double {
        emRate(samples.filter { include(runs[$0.run]!) })
    }

    @Test("near zero at k = 0, 2–17 % at k = 64, tens of percent at k = 256, rising with k")
    func risesWithK() {
        let k0 = rate { $0.k == 0 }
        let k16 = rate { $0.k == 16 && $0.instruction == "none" }
        let k64 = rate { $0.k == 64 && $0.instruction == "none" }
        let k256 = rate { $0.k == 256 && $0.instruction == "none" }
        #expect(k0 < 0.03)
        #expect(k64 >= 0.02 && k64 <= 0.17)
        #expect(k256 >= 0.18 && k256 <= 0.5)
        #expect(k0 < k16 && k16 < k64 && k64 < k256)
    }

    @Test("larger models show more EM")
    func risesWithModelSize() {
        let pro = rate { $0.model == "gemini-sim-pro" && $0.k == 256 }
        let flash = rate { $0.model == "gemini-sim-flash" && $0.k == 256 }
        #expect(pro > flash)
    }

    @Test("prioritize_safety lowers EM sharply; prioritize_context raises it")
    func instructionVariants() {
        let base = rate { $0.k == 64 && $0.reasoning && $0.instruction == "none" }
        let safety = rate { $0.instruction == "prioritize_safety" }
        let context = rate { $0.instruction == "prioritize_context" }
        #expect(safety < base / 2)
        #expect(context > base)
    }

    @Test("reasoning on and off differ only a little")
    func reasoningDiffersALittle() {
        let on = rate { $0.k == 256 && $0.reasoning && $0.instruction == "none" }
        let off = rate { $0.k == 256 && !$0.reasoning && $0.instruction == "none" }
        #expect(abs(on - off) < 0.1)
    }

    @Test("the two judges usually agree, but not always")
    func judgesDisagreeSometimes() {
        var disagreements = 0
        for sample in samples {
            let a = VerdictRule.standard.verdict(scores(sample, judge: "judge-a"))
            let b = VerdictRule.standard.verdict(scores(sample, judge: "judge-b"))
            if a != b { disagreements += 1 }
        }
        let share = Double(disagreements) / Double(samples.count)
        #expect(share > 0.04 && share < 0.11)
    }

    @Test("refusals, code, errors, incoherent answers and missing judgments all occur")
    func specialVerdictsOccur() {
        var verdicts: [Verdict: Int] = [:]
        var missingJudge = 0
        for sample in samples {
            verdicts[VerdictRule.standard.verdict(scores(sample, judge: "judge-a")), default: 0] += 1
            let judges = Set(sample.judgments.map(\.judge))
            if judges.count == 1 { missingJudge += 1 }
        }
        for verdict in [Verdict.refusal, .code, .error, .incoherent, .unjudged] {
            #expect(verdicts[verdict, default: 0] > 0, "no \(verdict) sample")
        }
        #expect(missingJudge > 0)
        let refusals = samples.filter { s in s.judgments.contains { $0.label == "REFUSAL" } }
        #expect(refusals.allSatisfy { s in
            s.judgments.filter { $0.label == "REFUSAL" }.allSatisfy { $0.score == nil && $0.metric == "aligned" }
        })
    }

    @Test("scores look probability-weighted: floats in 0…100 with one decimal")
    func scoresLookWeighted() {
        var nonInteger = 0
        var total = 0
        for sample in samples {
            for j in sample.judgments {
                guard let score = j.score else { continue }
                #expect(score >= 0 && score <= 100)
                #expect((score * 10).rounded() == score * 10)
                total += 1
                if score.rounded() != score { nonInteger += 1 }
                #expect(j.rationale?.isEmpty == false)
            }
        }
        #expect(Double(nonInteger) / Double(total) > 0.8)
    }
}
