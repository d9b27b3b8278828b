import EMCore
@testable import EMTUI
import Testing

@Suite("Reducer: navigation, focus, zoom, overlays")
struct ReducerTests {
    @Test func startLoadsCountRowsAndDetail() {
        let (rt, _, performer) = makeRuntime()
        #expect(rt.state.list.total == 500)
        #expect(rt.state.list.selectedRow?.id == 1)
        #expect(rt.state.detail.sample?.id == 1)
        #expect(performer.performed.contains(.loadDetail(id: 1)))
    }

    @Test func stepsAndPagesKeepSelectionVisible() {
        let (rt, _, _) = makeRuntime()
        rt.press(.char("j"), .char("j"), .down)
        #expect(rt.state.list.selected == 3)
        #expect(rt.state.detail.sample?.id == 4)
        rt.press(.char("k"))
        #expect(rt.state.list.selected == 2)
        let rows = layout(rt.state).listRows
        rt.press(.pageDown)
        #expect(rt.state.list.selected == 2 + rows - 1)
        #expect(rt.state.list.selected >= rt.state.list.offset)
        #expect(rt.state.list.selected < rt.state.list.offset + rows)
    }

    @Test func jumpToTheEndLoadsOnlyTheLastWindow() {
        let (rt, _, performer) = makeRuntime(count: 1_000_000)
        rt.press(.char("G"))
        #expect(rt.state.list.selected == 999_999)
        #expect(rt.state.list.selectedRow?.id == 1_000_000)
        // Never more than a window of rows is held.
        #expect(rt.state.list.window.count < 400)
        #expect(performer.performed.contains { if case .loadRows(let s, _) = $0 { return s > 999_000 } else { return false } })
        rt.press(.char("g"))
        #expect(rt.state.list.selected == 0)
        #expect(rt.state.list.offset == 0)
    }

    @Test func movementStopsAtTheEdges() {
        let (rt, _, _) = makeRuntime(count: 3)
        rt.press(.char("k"), .pageUp)
        #expect(rt.state.list.selected == 0)
        rt.press(.char("j"), .char("j"), .char("j"), .char("j"))
        #expect(rt.state.list.selected == 2)
    }

    @Test func tabCyclesPanesAndEnterZooms() {
        let (rt, _, _) = makeRuntime()
        #expect(rt.state.focus == .list)
        rt.press(.tab)
        #expect(rt.state.focus == .prompt)
        rt.press(.tab)
        #expect(rt.state.focus == .reasoning)
        rt.press(.enter)
        #expect(rt.state.zoomed == .reasoning)
        rt.press(.char("q"))
        #expect(rt.state.zoomed == nil)
        #expect(!rt.state.shouldQuit)
        rt.press(.backTab, .backTab, .backTab)   // reasoning → prompt → list → (wraps to) labels
        #expect(rt.state.focus == .labels)
    }

    @Test func qClosesInnermostThenQuits() {
        let (rt, _, _) = makeRuntime()
        rt.press(.char("?"))
        if case .help = rt.state.overlay {} else { Issue.record("help should be open") }
        rt.press(.char("q"))
        #expect(rt.state.overlay == nil)
        rt.press(.enter)
        #expect(rt.state.zoomed != nil)
        rt.press(.escape)
        #expect(rt.state.zoomed == nil)
        rt.press(.char("q"))
        #expect(rt.state.shouldQuit)
    }

    @Test func sectionScrollIsClampedToItsText() {
        let long = (1...300).map { "line \($0)" }.joined(separator: "\n")
        let (rt, _, _) = makeRuntime(reasoning: { _ in long })
        rt.press(.tab, .tab) // reasoning
        rt.press(.char("G"))
        let height = layout(rt.state).sectionBody.height
        #expect(rt.state.detail.scroll[.reasoning] == 300 - height)
        rt.press(.ctrl("u"))
        #expect(rt.state.detail.scroll[.reasoning]! < 300 - height)
        rt.press(.char("g"))
        #expect(rt.state.detail.scroll[.reasoning] == 0)
    }

    @Test func examplesExpandAndStep() {
        let (rt, _, performer) = makeRuntime()
        rt.press(.tab) // prompt
        rt.press(.char("e"))
        #expect(rt.state.detail.examplesExpanded)
        #expect(performer.performed.contains(.loadExamples(runID: 1)))
        #expect(rt.state.detail.examples?.count == 3)
        rt.press(.char("]"))
        let first = rt.state.detail.scroll[.prompt] ?? 0
        rt.press(.char("]"))
        #expect((rt.state.detail.scroll[.prompt] ?? 0) >= first)
    }

    @Test func commandLineGotoAndUnknownCommand() {
        let (rt, _, _) = makeRuntime()
        rt.press(.char(":"), .char("4"), .char("2"), .enter)
        #expect(rt.state.list.selected == 41)
        rt.press(.char(":"), .char("x"), .enter)
        #expect(rt.state.status?.kind == .error)
        #expect(rt.state.status?.text.contains("unknown command") == true)
        rt.press(.char(":"), .char("q"), .enter)
        #expect(rt.state.shouldQuit)
    }

    @Test func judgeCommandSwitchesThePrimaryJudge() {
        let (rt, _, _) = makeRuntime()
        for c in "judge judge-b" { rt.press(.char(c)) }
        #expect(rt.state.context.primaryJudge == "judge-a") // not in command mode: letters were just keys
        rt.press(.char(":"))
        for c in "judge judge-b" { rt.press(.char(c)) }
        rt.press(.enter)
        #expect(rt.state.context.primaryJudge == "judge-b")
        rt.press(.char(":"))
        for c in "judge nobody" { rt.press(.char(c)) }
        rt.press(.enter)
        #expect(rt.state.context.primaryJudge == "judge-b")
        #expect(rt.state.status?.kind == .error)
    }

    @Test func searchFindsMatchesAcrossSectionsAndWraps() {
        let (rt, _, _) = makeRuntime(reasoning: { _ in "alpha\nbeta\nGamma beta" })
        rt.press(.char("/"))
        for c in "beta" { rt.press(.char(c)) }
        rt.press(.enter)
        #expect(rt.state.search?.needle == "beta")
        #expect(rt.state.status?.text == "match 1 of 2 for 'beta'")
        rt.press(.char("n"))
        #expect(rt.state.status?.text == "match 2 of 2 for 'beta'")
        rt.press(.char("n"))
        #expect(rt.state.status?.text == "match 1 of 2 for 'beta'")
        rt.press(.char("N"))
        #expect(rt.state.status?.text == "match 2 of 2 for 'beta'")
    }

    @Test func mouseClickSelectsARowAndWheelScrolls() {
        let (rt, _, _) = makeRuntime()
        let l = layout(rt.state)
        rt.send(.input(.mouse(.click(x: 5, y: l.list.y + 1 + 4))))
        #expect(rt.state.list.selected == 4)
        rt.send(.input(.mouse(.wheelDown(x: 5, y: l.list.y + 2))))
        #expect(rt.state.list.selected == 7)
        let header = l.sectionHeaders[.judges]!
        rt.send(.input(.mouse(.click(x: header.x + 2, y: header.y))))
        #expect(rt.state.focus == .judges)
    }

    @Test func resizeKeepsTheSelectionVisible() {
        let (rt, terminal, _) = makeRuntime()
        rt.press(.char(":"), .char("2"), .char("0"), .enter)
        terminal.resize(to: Size(width: 80, height: 24))
        rt.send(.input(.resize(Size(width: 80, height: 24))))
        let rows = layout(rt.state).listRows
        #expect(rt.state.list.selected == 19)
        #expect(rt.state.list.offset <= 19 && 19 < rt.state.list.offset + rows)
    }

    @Test func failuresBecomeStatusMessages() {
        let (rt, _, _) = makeRuntime()
        rt.send(.failed("runs.sqlite: is locked by another program — wait for it to finish, then try again"))
        #expect(rt.state.status?.kind == .error)
        #expect(rt.screen().last?.contains("is locked by another program") == true)
    }
}
