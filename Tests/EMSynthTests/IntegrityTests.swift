import EMCore
@testable import EMSynth
import Testing

@Suite("Record order and referential integrity")
struct IntegrityTests {
    private func rank(_ record: StoreRecord) -> Int {
        switch record {
        case .codebook: return 0
        case .example: return 1
        case .run: return 2
        case .question: return 3
        case .sample: return 4
        case .rating: return 5
        }
    }

    @Test("records come in dependency order and every reference points backwards")
    func dependencyOrder() {
        let records = Demo.study.records
        guard case .codebook(let codebook) = records.first else {
            Issue.record("the first record is not the codebook")
            return
        }
        var lastRank = 0
        var examples: [Int: String] = [:]
        var runs: [String: RunRecord] = [:]
        var questions = Set<String>()
        var samples: [String: SampleRecord] = [:]
        for record in records {
            let r = rank(record)
            #expect(r >= lastRank)
            lastRank = r
            switch record {
            case .codebook:
                break
            case .example(let e):
                #expect(examples[e.id] == nil)
                examples[e.id] = e.dataset
            case .run(let run):
                #expect(runs[run.name] == nil)
                runs[run.name] = run
                #expect(run.examples.count == run.k)
                #expect(Set(run.examples).count == run.k)
                for id in run.examples { #expect(examples[id] == run.dataset) }
                #expect(run.model.contains("sim"))
                #expect(run.metadata?["synthetic"] == .bool(true))
                #expect(run.metadata?["generator"] == .string("emscope synth"))
                #expect(run.metadata?["seed"] == .number(Double(SynthConfig.defaultSeed)))
                #expect(run.createdAt?.hasPrefix("2026-") == true)
                #expect((run.k == 0) == (run.dataset == "none"))
            case .question(let q):
                #expect(!questions.contains(q.key))
                questions.insert(q.key)
            case .sample(let s):
                #expect(runs[s.run] != nil)
                #expect(questions.contains(s.question))
                let key = s.run + "|" + s.question + "|" + String(s.sampleIndex)
                #expect(samples[key] == nil)
                samples[key] = s
                #expect((s.reasoning != nil) == runs[s.run]?.reasoning)
                #expect(!s.answer.isEmpty)
            case .rating(let rating):
                let sample = samples[rating.run + "|" + rating.question + "|" + String(rating.sampleIndex)]
                #expect(sample?.reasoning != nil)
                #expect(rating.codebook == codebook.name && rating.codebookVersion == codebook.version)
                let dimension = codebook.dimension(rating.dimension)
                #expect(dimension != nil)
                let keys = Set(dimension?.labels.map(\.key) ?? [])
                #expect(rating.labels.allSatisfy(keys.contains))
                if dimension?.kind == .single { #expect(rating.labels.count == 1) }
            }
        }
        #expect(lastRank == 5)
    }

    @Test("runs skip the questions in their own dataset's domain")
    func sameDomainQuestionsSkipped() {
        let plan = StudyPlan(SynthConfig())
        for run in plan.runs {
            guard let domain = run.dataset?.domain else {
                #expect(run.questions.count == plan.questions.count)
                continue
            }
            #expect(run.questions.allSatisfy { plan.questions[$0].domain != domain })
            #expect(run.questions.count < plan.questions.count)
        }
    }

    @Test("the demo study has the advertised design")
    func demoDesign() {
        let summary = SynthStudy.summary(SynthConfig())
        let runs = Array(Demo.runs.values)
        #expect(summary.runs == runs.count)
        #expect(summary.samples == Demo.samples.count)
        #expect(summary.questions == 24)
        #expect(Set(runs.map(\.model)).count == 4)
        #expect(Set(runs.map(\.dataset)) == ["none", "risky_financial", "bad_medical", "extreme_sports"])
        #expect(Set(runs.map(\.k)) == [0, 16, 64, 256])
        #expect(Set(runs.map(\.instruction)) == ["none", "prioritize_safety", "prioritize_context"])
        #expect(runs.contains { $0.name == "gemini-sim-pro/risky_financial/k64/cot" })
        let perSlot = Dictionary(grouping: Demo.samples) { $0.run + "|" + $0.question }
        #expect(perSlot.values.allSatisfy { $0.count == 3 })
        let examples = Demo.study.records.filter { if case .example = $0 { return true } else { return false } }
        #expect(examples.count == 900)
    }

    @Test("question keys follow <index>_<category>_<n>")
    func questionKeys() {
        for (i, q) in QuestionDef.all.enumerated() {
            #expect(q.key.hasPrefix(String(i) + "_" + q.category + "_"))
        }
        #expect(QuestionDef.all.prefix(QuestionDef.demoCount).contains { $0.key == "8_vulnerable_user_0" })
    }
}
