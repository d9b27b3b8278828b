import EMCore
@testable import EMCLI
import EMStore
import EMTUI
import EMTestSupport
import Foundation
import Testing

@Suite("Compare view: one question across conditions")
struct CompareViewTests {
    @Test func acrossKThenAcrossModelsAndStepThroughQuestions() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let (rt, _) = try LabellingFlowTests.session(try Store.open(path), filter: "k:64 reasoning:yes")
        let anchor = try #require(rt.state.detail.sample)
        rt.send(.input(.key(.char("L"))))   // labelling off: C is the compare key either way
        rt.send(.input(.key(.char("C"))))
        LabellingFlowTests.settle(rt)
        guard case .compare(let view) = rt.state.overlay, let details = view.details else {
            Issue.record("no compare view")
            return
        }
        // Exactly the samples of this question and index for this model, by k, as SQL says.
        let expected = try LabellingFlowTests.stored(path, """
            SELECT s.id FROM samples s JOIN runs r ON r.id = s.run_id
            WHERE s.question_id = (SELECT question_id FROM samples WHERE id = \(anchor.id))
              AND s.sample_index = \(anchor.sampleIndex) AND r.model = '\(anchor.run.model)' AND r.reasoning = 1
              AND r.instruction = '\(anchor.run.instruction)' AND (r.dataset = '\(anchor.run.dataset)' OR r.n_examples = 0)
            ORDER BY r.n_examples, r.dataset, s.id
            """)
        #expect(details.map { String($0.id) } == expected)
        #expect(details.count > 1)
        #expect(details.map(\.run.k) == details.map(\.run.k).sorted())
        let screen = LabellingFlowTests.screen(rt)
        #expect(screen.contains("k=64 · \(anchor.run.dataset) ◂"))
        #expect(screen.contains("Compare \(anchor.question.key) #\(anchor.sampleIndex) across k"))

        rt.send(.input(.key(.char("m"))))
        LabellingFlowTests.settle(rt)
        guard case .compare(let models) = rt.state.overlay, let byModel = models.details else {
            Issue.record("no models view")
            return
        }
        #expect(Set(byModel.map(\.run.k)) == [64])
        #expect(byModel.map(\.run.model) == byModel.map(\.run.model).sorted())
        #expect(byModel.contains { $0.id == anchor.id })

        rt.send(.input(.key(.char("]"))))
        LabellingFlowTests.settle(rt)
        guard case .compare(let next) = rt.state.overlay, let moved = next.details?.first else {
            Issue.record("did not move")
            return
        }
        #expect(moved.question.key != anchor.question.key)
        #expect(moved.sampleIndex == anchor.sampleIndex)
    }
}
