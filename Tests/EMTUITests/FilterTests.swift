import EMCore
@testable import EMTUI
import Testing

@Suite("Filter bar, facets, sort and saved filters in the explorer")
struct FilterTests {
    func type(_ rt: Runtime, _ text: String) {
        for c in text { rt.press(.char(c)) }
    }

    @Test func applyingAFilterRestartsTheListAndRecordsHistory() {
        let (rt, _, performer) = makeRuntime()
        rt.press(.char("j"), .char("j"))
        rt.press(.char("f"))
        type(rt, "k>=64 verdict:misaligned")
        rt.press(.enter)
        #expect(rt.state.overlay == nil)
        #expect(rt.state.filter.text == "k>=64 verdict:misaligned")
        #expect(rt.state.filter.sql.sql.contains("r.n_examples >= ?"))
        #expect(rt.state.list.selected == 0)
        #expect(rt.state.generation == 1)
        #expect(performer.recorded == ["k>=64 verdict:misaligned"])
        #expect(rt.state.history.first == "k>=64 verdict:misaligned")
        #expect(rt.screen()[0].contains("filter: k>=64 verdict:misaligned"))
    }

    @Test func aQueryWithAnErrorIsNotRunAndPointsAtTheColumn() {
        let (rt, _, performer) = makeRuntime(size: Size(width: 100, height: 30))
        rt.press(.char("f"))
        type(rt, "k>=64 modle:x")
        rt.press(.enter)
        guard case .filter(let bar) = rt.state.overlay else {
            Issue.record("the filter bar should stay open")
            return
        }
        #expect(bar.error?.message == "unknown field 'modle' — did you mean 'model'?")
        #expect(bar.error?.column == 7)
        #expect(rt.state.filter.text.isEmpty)
        #expect(performer.recorded.isEmpty)
        let screen = rt.screen()
        let caretLine = screen[28] // the line under the query, above the status bar
        // "filter› " is 8 columns; column 7 of the query is under 'm' of "modle".
        #expect(Array(caretLine)[8 + 6] == "^")
        #expect(caretLine.contains("did you mean 'model'"))
    }

    @Test func historyRecallsWithArrowsAndEscapeCancels() {
        let (rt, _, _) = makeRuntime()
        rt.press(.char("f"), .up)
        guard case .filter(let bar1) = rt.state.overlay else { Issue.record("open"); return }
        #expect(bar1.text == "k>=64")
        rt.press(.up)
        guard case .filter(let bar2) = rt.state.overlay else { Issue.record("open"); return }
        #expect(bar2.text == "model:model-1")
        rt.press(.down, .down)
        guard case .filter(let bar3) = rt.state.overlay else { Issue.record("open"); return }
        #expect(bar3.text == "")
        rt.press(.escape)
        #expect(rt.state.overlay == nil)
        #expect(rt.state.generation == 0)
    }

    @Test func anEmptyQueryClearsTheFilter() {
        let (rt, _, _) = makeRuntime()
        rt.send(.applyFilter("reasoning:yes"))
        #expect(rt.state.filter.text == "reasoning:yes")
        rt.press(.char("f"), .ctrl("u"), .enter)
        #expect(rt.state.filter.text == "")
        #expect(rt.state.filter.sql == .alwaysTrue)
        #expect(rt.screen()[0].contains("all samples"))
    }

    @Test func facetsAddTheChosenValueToTheQuery() {
        let (rt, _, performer) = makeRuntime()
        rt.send(.applyFilter("reasoning:yes"))
        rt.press(.char("F"))
        #expect(performer.performed.contains(.loadFacets))
        rt.press(.char("j"), .enter) // the second value: k 16
        #expect(rt.state.filter.text == "reasoning:yes k:16")
        rt.press(.char("F"), .char("j"), .char("j"), .enter)
        #expect(rt.state.filter.text == "reasoning:yes k:16 verdict:misaligned")
    }

    @Test func sortCyclesAndReverses() {
        let (rt, _, _) = makeRuntime()
        rt.press(.char("s"))
        #expect(rt.state.sort == .model)
        rt.press(.char("S"))
        #expect(rt.state.descending)
        #expect(rt.screen()[0].contains("sort: model ↓"))
        rt.press(.char(":"))
        type(rt, "sort aligned")
        rt.press(.enter)
        #expect(rt.state.sort == .aligned)
        #expect(!rt.state.descending)
    }

    @Test func saveAndLoadNamedFilters() {
        let (rt, _, performer) = makeRuntime()
        rt.send(.applyFilter("k>=64"))
        rt.press(.char(":"))
        type(rt, "save big-k")
        rt.press(.enter)
        #expect(performer.saved == [SavedFilter(name: "big-k", query: "k>=64")])
        rt.send(.applyFilter(""))
        rt.press(.char(":"))
        type(rt, "load big-k")
        rt.press(.enter)
        #expect(rt.state.filter.text == "k>=64")
        rt.press(.char(":"))
        type(rt, "load nothing")
        rt.press(.enter)
        #expect(rt.state.status?.kind == .error)
        rt.press(.char(":"))
        type(rt, "filters")
        rt.press(.enter)
        #expect(rt.state.overlay == .savedFilters(selected: 0))
        rt.press(.enter)
        #expect(rt.state.filter.text == "k>=64")
    }

    @Test func staleResultsAreDropped() {
        let (rt, _, _) = makeRuntime()
        rt.send(.applyFilter("k>=64"))
        let generation = rt.state.generation
        rt.send(.countLoaded(3, generation: generation - 1))
        #expect(rt.state.list.total == 500)
        rt.send(.countLoaded(7, generation: generation))
        #expect(rt.state.list.total == 7)
    }

    @Test func changingTheJudgeRecompilesTheFilter() {
        let (rt, _, _) = makeRuntime()
        rt.send(.applyFilter("verdict:misaligned"))
        #expect(rt.state.filter.sql.arguments.contains(.text("judge-a")))
        rt.press(.char(":"))
        type(rt, "judge judge-b")
        rt.press(.enter)
        #expect(rt.state.filter.sql.arguments.contains(.text("judge-b")))
        #expect(!rt.state.filter.sql.arguments.contains(.text("judge-a")))
    }
}
