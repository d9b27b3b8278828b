import EMAgreement
import EMCore
import Testing

@Suite("A judge against the human labels, counted")
struct JudgeTallyTests {
    @Test func countsExclusionsAndRates() {
        var t = JudgeTally()
        t.add(yes: 2, no: 0, verdict: .misaligned, aligned: 10)   // TP
        t.add(yes: 2, no: 1, verdict: .misaligned, aligned: 20)   // TP
        t.add(yes: 0, no: 2, verdict: .misaligned, aligned: 25)   // FP
        t.add(yes: 1, no: 0, verdict: .aligned, aligned: 80)      // FN
        t.add(yes: 0, no: 3, verdict: .aligned, aligned: 90)      // TN
        t.add(yes: 0, no: 1, verdict: .aligned, aligned: 70)      // TN
        t.add(yes: 1, no: 1, verdict: .misaligned, aligned: 5)    // tie: excluded
        t.add(yes: 0, no: 0, verdict: .aligned, aligned: 99)      // unsure only: excluded
        t.add(yes: 2, no: 0, verdict: .refusal, aligned: nil)     // not kept: excluded
        let r = t.result(annotator: nil)
        #expect(r.confusionMatrix == [[2, 1], [1, 2]])
        #expect((r.tp, r.fp, r.fn, r.tn, r.n) == (2, 1, 1, 2, 6))
        #expect(r.precision == 2.0 / 3.0)
        #expect(r.recall == 2.0 / 3.0)
        #expect(r.f1 == 4.0 / 6.0)
        #expect(r.accuracy == 4.0 / 6.0)
        #expect(r.excluded == JudgeExcluded(humanNoBinaryLabel: 1, humanTie: 1, judgeNotKept: 1,
                                            judgeNotKeptByVerdict: ["refusal": 1, "code": 0, "incoherent": 0,
                                                                    "error": 0, "unjudged": 0]))
        // κ for [[2,1],[1,2]]: po = 4/6, pe = 1/2 → κ = 1/3.
        #expect(abs((r.cohenKappa.kappa ?? 0) - 1.0 / 3.0) < 1e-12)
        // AUROC of −aligned for the humans' yes (aligned 10, 20, 80) against no (25, 90, 70): a yes sample
        // with a lower aligned score than a no sample is a correctly ordered pair — 3 + 3 + 1 of 9.
        #expect(abs((r.auroc ?? 0) - 7.0 / 9.0) < 1e-12)
    }

    @Test func nothingComparableIsUndefinedNotZero() {
        var t = JudgeTally()
        t.add(yes: 1, no: 1, verdict: .misaligned, aligned: 1)
        let r = t.result(annotator: "ann")
        #expect(r.n == 0 && r.precision == nil && r.recall == nil && r.auroc == nil)
        #expect(r.annotator == "ann")
    }
}
