import EMCore
@testable import EMSynth
import Testing

@Suite("Scaled studies")
struct ScaledTests {
    @Test("a scaled study emits exactly N samples", arguments: [0, 1, 7, 2_501, 20_000])
    func exactSampleCount(n: Int) {
        var samples = 0
        var runs = Set<String>()
        SynthStudy.generate(SynthConfig(seed: 5, samples: n)) { record in
            if case .sample(let s) = record {
                samples += 1
                runs.insert(s.run)
            }
        }
        #expect(samples == n)
        #expect(SynthStudy.summary(SynthConfig(seed: 5, samples: n)).samples == n)
        if n >= 20_000 { #expect(runs.count == StudyPlan(SynthConfig(seed: 5, samples: n)).runs.count) }
    }

    @Test("large studies add sim-model-NN models and use every question")
    func largerPlan() {
        let plan = StudyPlan(SynthConfig(seed: 5, samples: 1_000_000))
        let models = Set(plan.runs.map(\.model.name))
        #expect(models.count == 12)
        #expect(models.contains("sim-model-01") && models.contains("sim-model-08"))
        #expect(plan.questions.count == QuestionDef.all.count)
        #expect(plan.totalSamples == 1_000_000)
        #expect(plan.longTraceSlots.count == 5)
        #expect(plan.maxRatedTraces < 10_000)
    }

    @Test("gross-regression speed guard: 20,000 samples in a debug build")
    func speedGuard() {
        let clock = ContinuousClock()
        var bytes = 0
        let elapsed = clock.measure {
            SynthStudy.generate(SynthConfig(seed: 3, samples: 20_000)) { record in
                if case .sample(let s) = record { bytes += s.answer.utf8.count + (s.reasoning?.utf8.count ?? 0) }
            }
        }
        #expect(bytes > 20_000 * 500)
        #expect(elapsed < .seconds(40), "took \(elapsed)")
    }
}
