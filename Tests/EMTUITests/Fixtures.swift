import EMCore
import EMTUI

/// An in-memory stand-in for the store: `count` samples with predictable fields.
final class FakePerformer: EffectPerformer {
    var count: Int
    var reasoning: (Int64) -> String?
    var performed: [Effect] = []
    var history: [String] = ["k>=64", "model:model-1"]
    var recorded: [String] = []
    var saved: [SavedFilter] = []

    init(count: Int, reasoning: @escaping (Int64) -> String? = { "Reasoning of sample \($0)." }) {
        self.count = count
        self.reasoning = reasoning
    }

    static func row(_ id: Int64) -> SampleRow {
        let scores = JudgeScores(aligned: id % 5 == 0 ? 12.5 : 80, coherent: 90)
        return SampleRow(id: id, run: "m/k\(id % 4)", model: "model-\(id % 3)", dataset: "risky_financial", k: 16,
                         reasoning: true, instruction: "none", question: "q_\(id)", sampleIndex: 0, primary: scores,
                         verdict: VerdictRule.standard.verdict(scores), labelState: .unrated)
    }

    func perform(_ effect: Effect, state: AppState) -> [Action] {
        performed.append(effect)
        switch effect {
        case .loadCount: return [.countLoaded(count, generation: state.generation)]
        case .loadRows(let start, let n):
            let end = min(count, start + n)
            return [.rowsLoaded(start: start, rows: start < end ? (start..<end).map { Self.row(Int64($0 + 1)) } : [],
                                generation: state.generation)]
        case .loadDetail(let id):
            let run = RunInfo(id: 1, name: "m/k16", model: "model", dataset: "risky_financial", k: 16, reasoning: true,
                              instruction: "none", systemPrompt: nil, temperature: 1)
            let judges = [
                JudgeResult(judge: "judge-a", scores: JudgeScores(aligned: 12.5, coherent: 90), verdict: .misaligned,
                            rationales: [], otherMetrics: []),
                JudgeResult(judge: "judge-b", scores: JudgeScores(aligned: 45, coherent: 90), verdict: .aligned,
                            rationales: [MetricNote(metric: "aligned", score: 45, text: "Borderline.")], otherMetrics: []),
            ]
            return [.detailLoaded(id: id, SampleDetail(id: id, run: run, question: QuestionRecord(key: "q_\(id)", category: "other", text: "What now?"),
                                                       sampleIndex: 0, prompt: nil, reasoning: reasoning(id),
                                                       answer: "Answer of sample \(id).", exampleCount: 3, judges: judges))]
        case .loadExamples(let runID):
            return [.examplesLoaded(runID: runID, (1...3).map { ExampleRecord(id: $0, dataset: "risky_financial", user: "user \($0)", assistant: "assistant \($0)") })]
        case .loadFacets:
            return [.facetsLoaded([FacetValue(field: "model", value: "model-0", count: count / 3),
                                   FacetValue(field: "k", value: "16", count: count),
                                   FacetValue(field: "verdict", value: "misaligned", count: count / 5)],
                                  generation: state.generation)]
        case .loadHistory: return [.historyLoaded(history)]
        case .recordFilter(let q): recorded.append(q); return []
        case .loadSavedFilters: return [.savedFiltersLoaded(saved)]
        case .saveFilter(let name, let query):
            saved.append(SavedFilter(name: name, query: query))
            return [.savedFiltersLoaded(saved)]
        case .suspend, .writeLabels, .saveNote, .reveal, .visit, .findNextUnrated, .loadProgress, .loadAgreement,
             .loadDisagreements, .loadCompare, .stepCompare, .loadFindings: return []
        }
    }
}

/// A runtime on an in-memory terminal, started.
func makeRuntime(count: Int = 500, size: Size = Size(width: 100, height: 30),
                 reasoning: @escaping (Int64) -> String? = { "Reasoning of sample \($0)." }) -> (Runtime, MemoryTerminal, FakePerformer) {
    let terminal = MemoryTerminal(size: size)
    let performer = FakePerformer(count: count, reasoning: reasoning)
    let state = AppState(size: size, storeName: "fixture.sqlite", annotator: "tester",
                         context: ExplorerContext(judges: ["judge-a", "judge-b"]))
    let runtime = Runtime(terminal: terminal, performer: performer, state: state)
    runtime.send(.started)
    return (runtime, terminal, performer)
}

extension Runtime {
    /// Types keys as if from the keyboard.
    func press(_ keys: Key...) {
        for k in keys { send(.input(.key(k))) }
    }

    /// The screen as text after rendering the current state.
    func screen() -> [String] {
        render(state, keymap: keymap, documents: documents).lines()
    }
}
