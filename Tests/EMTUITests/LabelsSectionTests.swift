import EMCore
import EMTUI
import Testing

@Suite("Labels section")
struct LabelsSectionTests {
    static let codebook = StoredCodebook(id: 1, version: 2, codebook: Codebook(name: "cb", version: 1, dimensions: [
        CodebookDimension(key: "patterns", kind: .multi, question: "Which patterns?", labels: [
            CodebookLabel(key: "persona", name: "Persona", description: "A role.", shortcut: "1"),
        ]),
    ]))

    @Test func withoutAnAnnotatorItSaysHowToSetOne() {
        let (rt, _, _) = makeRuntime()
        var state = rt.state
        state.annotator = nil
        state.labelling = LabellingState(codebook: Self.codebook)
        let screen = render(state, documents: DocumentCache()).lines().joined(separator: "\n")
        #expect(screen.contains("Labels  no annotator name — start with --annotator NAME"))
        #expect(!screen.contains("loading…"))
    }

    @Test func anOutdatedRatingIsMarked() {
        let (rt, _, _) = makeRuntime()
        var state = rt.state
        var lab = LabellingState(codebook: Self.codebook)
        let id = state.detail.sample?.id ?? 1
        lab.labels = SampleLabels(sampleID: id, mine: ["patterns": DimensionRating(annotator: "tester", dimension: "patterns",
                                                                                   labels: ["persona"], codebookVersion: 1,
                                                                                   codebookName: "cb")])
        state.labelling = lab
        let screen = render(state, documents: DocumentCache()).lines().joined(separator: "\n")
        #expect(screen.contains("⚠ older codebook · patterns: persona"))
    }
}
