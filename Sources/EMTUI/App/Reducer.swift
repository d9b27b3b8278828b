import EMCore
import EMQuery
import EMText

/// What the reducer may consult besides the state: the keymap and the laid-out documents
/// (line counts of the detail sections at the current width).
public struct ReduceEnvironment {
    public var keymap: Keymap
    /// Total display lines of a detail section at the layout's current width.
    public var lineCount: (AppState, Pane) -> Int
    /// Line index where each in-context example starts in the prompt section, when expanded.
    public var exampleLines: (AppState) -> [Int]
    /// Lines in the prompt/reasoning/answer/judges sections that contain a search match, in order.
    public var matchLines: (AppState) -> [(Pane, Int)]
    /// The text of a section that is one huge block, if it is (see `SectionDocument.hugeText`).
    public var hugeText: (AppState, Pane) -> WrappedText?

    public init(keymap: Keymap, lineCount: @escaping (AppState, Pane) -> Int,
                exampleLines: @escaping (AppState) -> [Int] = { _ in [] },
                matchLines: @escaping (AppState) -> [(Pane, Int)] = { _ in [] },
                hugeText: @escaping (AppState, Pane) -> WrappedText? = { _, _ in nil }) {
        self.hugeText = hugeText
        self.keymap = keymap
        self.lineCount = lineCount
        self.exampleLines = exampleLines
        self.matchLines = matchLines
    }
}

/// How many rows the runtime fetches around the viewport.
let windowMargin = 64

/// The explorer's reducer: changes the state for an action and returns the effects to run.
/// Pure: no I/O, no curses, no SQLite.
public func reduce(_ state: inout AppState, _ action: Action, _ env: ReduceEnvironment) -> [Effect] {
    switch action {
    case .started:
        state.list.pendingWindowStart = 0
        return [.loadCount, .loadRows(start: 0, count: windowSize(state)), .loadHistory, .loadSavedFilters]

    case .applyFilter(let text):
        switch Filtering.apply(&state, text) {
        case .success(let effects): return effects
        case .failure(let error):
            state.overlay = .filter(FilterBarState(text: text, error: error))
            return []
        }

    case .countLoaded(let n, let generation):
        guard generation == state.generation else { return [] }
        state.list.total = n
        clampList(&state)
        return ensureWindow(&state) + ensureDetail(&state)

    case .facetsLoaded(let values, let generation):
        guard generation == state.generation, case .facets(var facets) = state.overlay else { return [] }
        // Blind mode: the verdict counts would reveal the judge.
        facets.values = state.labelling?.blind == true ? values.filter { $0.field != "verdict" } : values
        state.overlay = .facets(facets)
        return []

    case .historyLoaded(let history):
        state.history = history
        return []

    case .savedFiltersLoaded(let saved):
        state.savedFilters = saved
        return []

    case .rowsLoaded(let start, let rows, let generation):
        guard generation == state.generation else { return [] }
        state.list.window = rows
        state.list.windowStart = start
        state.list.pendingWindowStart = nil
        if state.list.total == nil, rows.count < windowSize(state) { state.list.total = start + rows.count }
        return ensureDetail(&state)

    case .detailLoaded(let id, let detail):
        guard state.detail.loadingID == id else { return [] }
        let previous = state.detail.sample?.id
        state.detail.loadingID = nil
        state.detail.sample = detail
        state.detail.scroll = [:]
        state.detail.byteAnchor = [:]
        state.detail.examples = nil
        state.detail.examplesExpanded = false
        if state.labelling?.labels?.sampleID != id { state.labelling?.labels = nil }
        // Time on an item counts while labelling, from when its detail shows until another one does.
        if let lab = state.labelling, lab.active, previous != id { return [.visit(detail?.id)] }
        return []

    case .labelsLoaded(let labels):
        guard state.detail.sample?.id == labels.sampleID || state.detail.loadingID == labels.sampleID else { return [] }
        state.labelling?.labels = labels
        return []

    case .labelsSaved(let group, let origin, let labels):
        Labelling.saved(&state, group, origin: origin, labels: labels)
        var effects: [Effect] = []
        if !state.list.window.isEmpty {
            state.list.pendingWindowStart = state.list.windowStart
            effects.append(.loadRows(start: state.list.windowStart, count: state.list.window.count))
        }
        if state.labelling?.progress != nil { effects.append(.loadProgress) }
        if case .agreement = state.overlay { effects.append(.loadAgreement) }
        return effects

    case .agreementLoaded(let lines, let generation):
        guard generation == state.generation, case .agreement(var view) = state.overlay else { return [] }
        view.lines = lines
        state.overlay = .agreement(view)
        return []

    case .disagreementsLoaded(let items, let generation):
        guard generation == state.generation, case .disagreements(var view) = state.overlay else { return [] }
        view.items = items
        view.selected = min(view.selected, max(0, items.count - 1))
        state.overlay = .disagreements(view)
        return []

    case .findingsLoaded(let data, let generation):
        guard generation == state.generation, case .findings(var view) = state.overlay else { return [] }
        view.data = data
        state.overlay = .findings(view)
        return []

    case .compareLoaded(let anchor, let details):
        guard case .compare(var view) = state.overlay, view.anchor == anchor else { return [] }
        view.details = details
        view.scroll = 0
        view.firstColumn = 0
        state.overlay = .compare(view)
        return []

    case .compareMoved(let next):
        guard case .compare(var view) = state.overlay else { return [] }
        guard let next else {
            state.status = StatusMessage("no more questions in that direction")
            return []
        }
        view.anchor = next
        view.details = nil
        state.overlay = .compare(view)
        return [.loadCompare(anchor: next, axis: view.axis)]

    case .startAnnotation:
        guard state.labelling != nil else { return [] }
        state.labelling?.progress = LabelProgress(rated: 0, total: 0, perHour: nil)
        return [.loadProgress, .findNextUnrated(after: -1)]

    case .progressLoaded(let progress):
        state.labelling?.progress = progress
        return []

    case .jumpTo(let position):
        state.list.selected = position
        clampList(&state)
        return ensureWindow(&state) + ensureDetail(&state)

    case .examplesLoaded(let runID, let examples):
        guard state.detail.sample?.run.id == runID else { return [] }
        state.detail.examples = examples
        return []

    case .failed(let message):
        state.list.pendingWindowStart = nil
        state.detail.loadingID = nil
        state.status = StatusMessage(message, kind: .error)
        return []

    case .notice(let message):
        state.status = StatusMessage(message)
        return []

    case .input(let event):
        return reduceInput(&state, event, env)
    }
}

private func reduceInput(_ state: inout AppState, _ event: InputEvent, _ env: ReduceEnvironment) -> [Effect] {
    switch event {
    case .resize(let size):
        state.size = size
        clampList(&state)
        clampScroll(&state, env)
        return ensureWindow(&state)
    case .mouse(let mouse):
        return reduceMouse(&state, mouse, env)
    case .key(let key):
        switch state.overlay {
        case .prompt: return PromptLine.reduce(&state, key, env)
        case .filter: return FilterBar.reduce(&state, key)
        case .facets: return FacetsOverlay.reduce(&state, key)
        case .savedFilters: return SavedFilterPicker.reduce(&state, key)
        case .agreement: return AgreementView.reduce(&state, key)
        case .disagreements: return DisagreementView.reduce(&state, key)
        case .compare: return CompareView.reduce(&state, key)
        case .findings: return FindingsView.reduce(&state, key)
        default: break
        }
        state.status = nil
        if case .help = state.overlay { return HelpOverlay.reduce(&state, key, env) }
        // While labelling, the codebook's shortcuts come before the explorer's keys.
        if case .char(let c) = key, !Codebook.reservedShortcuts.contains(String(c)),
           let effects = Labelling.shortcut(&state, c) {
            return effects
        }
        guard let command = env.keymap.command(for: key, in: scopes(state)) else {
            if case .char(let c) = key, let lab = state.labelling, !lab.active, let (_, label) = lab.label(forShortcut: c) {
                state.status = StatusMessage("\(c) labels “\(label.name)” in labelling mode — L starts it")
                return []
            }
            if !Layout(size: state.size, zoomed: state.zoomed, openSection: openSection(state)).tooSmall {
                state.status = StatusMessage("\(key.displayName) is not bound here — ? shows the keys")
            }
            return []
        }
        return perform(&state, command, env)
    }
}

/// The scopes whose bindings apply, most specific first.
func scopes(_ state: AppState) -> [KeyScope] {
    var s: [KeyScope] = []
    if state.zoomed != nil { s.append(.zoomed) }
    switch state.focus {
    case .list: s.append(.list)
    case .prompt: s += [.prompt, .detail]
    default: s.append(.detail)
    }
    return s
}

/// The detail section that is shown: the focused one, or the last one opened.
/// With the list focused, a sample without reasoning shows its answer instead of an empty section.
func openSection(_ state: AppState) -> Pane {
    guard state.focus == .list else { return state.focus }
    let section = state.detail.openSection
    if section == .reasoning, let s = state.detail.sample, (s.reasoning ?? "").isEmpty { return .answer }
    return section
}

/// The layout for the current state.
func layout(_ state: AppState) -> Layout {
    Layout(size: state.size, zoomed: state.zoomed, openSection: openSection(state))
}

/// Runs one command.
func perform(_ state: inout AppState, _ command: Command, _ env: ReduceEnvironment) -> [Effect] {
    let l = layout(state)
    switch command {
    case .quit:
        if state.overlay != nil { state.overlay = nil } else if state.zoomed != nil { state.zoomed = nil } else { state.shouldQuit = true }
        return state.shouldQuit && state.labelling?.active == true ? [.visit(nil)] : []
    case .forceQuit:
        state.shouldQuit = true
        return state.labelling?.active == true ? [.visit(nil)] : []
    case .toggleLabelling, .noneApply, .undo, .redo, .nextUnrated, .reveal, .note:
        return Labelling.perform(&state, command)
    case .compare:
        return CompareView.open(&state)
    case .findings:
        if state.labelling?.blind == true {
            state.status = StatusMessage("blind mode hides the judges, so the findings view is off", kind: .error)
            return []
        }
        state.overlay = .findings(FindingsViewState())
        return [.loadFindings]
    case .agreement, .disagreements:
        // Both show other annotators' ratings (and the disagreement review the judges' verdicts).
        if state.labelling?.blind == true {
            state.status = StatusMessage("blind mode hides other annotators' ratings and the judges, so the "
                                         + (command == .agreement ? "agreement view" : "disagreement review") + " is off",
                                         kind: .error)
            return []
        }
        if command == .agreement {
            state.overlay = .agreement(AgreementViewState())
            return [.loadAgreement]
        }
        if let last = state.lastReview, last.generation == state.generation {
            state.overlay = .disagreements(last)
            return []
        }
        state.overlay = .disagreements(DisagreementViewState(generation: state.generation))
        return [.loadDisagreements]
    case .back:
        if state.overlay != nil { state.overlay = nil } else if state.zoomed != nil { state.zoomed = nil } else if state.search != nil {
            state.search = nil
        }
        return []
    case .help:
        state.overlay = .help(scroll: 0)
        return []
    case .commandLine:
        state.overlay = .prompt(kind: .command, text: "")
        return []
    case .search:
        state.overlay = .prompt(kind: .search, text: state.search?.needle ?? "")
        return []
    case .searchNext, .searchPrevious:
        return SearchNavigation.step(&state, forward: command == .searchNext, env)
    case .suspend:
        return [.suspend]
    case .filter:
        state.overlay = .filter(FilterBarState(text: state.filter.text))
        return []
    case .facets:
        state.overlay = .facets(FacetsState())
        return [.loadFacets]
    case .sort, .reverseSort:
        if command == .sort {
            state.sort = state.sort.next
            // Blind mode: sorting by a judge's score would reveal it.
            while state.labelling?.blind == true && state.sort.revealsJudges { state.sort = state.sort.next }
            state.descending = false
        } else {
            state.descending.toggle()
        }
        state.status = StatusMessage("sorted by \(state.sort.rawValue) \(state.descending ? "↓" : "↑")")
        return Filtering.restartList(&state, keepCount: true)
    case .refresh:
        state.list.window = []
        state.list.pendingWindowStart = nil
        state.detail.loadingID = nil
        state.detail.sample = nil
        state.status = StatusMessage("reloaded")
        return [.loadCount] + ensureWindow(&state)
    case .nextPane, .previousPane:
        let all = Pane.allCases
        let i = all.firstIndex(of: state.focus) ?? 0
        let next = all[(i + (command == .nextPane ? 1 : all.count - 1)) % all.count]
        state.focus = next
        if next != .list { state.detail.openSection = next }
        if state.zoomed != nil { state.zoomed = next == .list ? nil : next }
        return []
    case .nextSection, .previousSection:
        let sections = Pane.sections
        let current = sections.firstIndex(of: openSection(state)) ?? 1
        let next = sections[(current + (command == .nextSection ? 1 : sections.count - 1)) % sections.count]
        state.detail.openSection = next
        if state.focus != .list { state.focus = next }
        if state.zoomed != nil { state.zoomed = next }
        return []
    case .zoom:
        if state.zoomed != nil {
            state.zoomed = nil
        } else {
            let section = openSection(state)
            state.zoomed = section
            state.focus = section
        }
        clampScroll(&state, env)
        return []
    case .toggleExamples:
        guard let sample = state.detail.sample, sample.exampleCount > 0 else {
            state.status = StatusMessage("this run stored no in-context examples")
            return []
        }
        state.detail.examplesExpanded.toggle()
        if state.detail.examplesExpanded && state.detail.examples == nil { return [.loadExamples(runID: sample.run.id)] }
        clampScroll(&state, env)
        return []
    case .nextExample, .previousExample:
        guard state.detail.examplesExpanded else {
            state.status = StatusMessage("e expands the in-context examples")
            return []
        }
        let starts = env.exampleLines(state)
        let current = state.detail.scroll[.prompt] ?? 0
        let target = command == .nextExample ? starts.first { $0 > current } : starts.last { $0 < current }
        if let target { state.detail.scroll[.prompt] = target }
        clampScroll(&state, env)
        return []
    case .moveDown, .moveUp, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom:
        if state.focus == .list && state.zoomed == nil {
            return moveList(&state, command, rows: l.listRows)
        }
        scrollSection(&state, state.focus == .list ? openSection(state) : state.focus, command, height: l.sectionBody.height, env)
        return []
    }
}

private func moveList(_ state: inout AppState, _ command: Command, rows: Int) -> [Effect] {
    let page = max(1, rows - 1)
    let total = state.list.total ?? (state.list.windowStart + state.list.window.count)
    switch command {
    case .moveDown: state.list.selected += 1
    case .moveUp: state.list.selected -= 1
    case .pageDown: state.list.selected += page; state.list.offset += page
    case .pageUp: state.list.selected -= page; state.list.offset -= page
    case .halfPageDown: state.list.selected += page / 2; state.list.offset += page / 2
    case .halfPageUp: state.list.selected -= page / 2; state.list.offset -= page / 2
    case .top: state.list.selected = 0
    case .bottom: state.list.selected = max(0, total - 1)
    default: break
    }
    clampList(&state)
    return ensureWindow(&state) + ensureDetail(&state)
}

/// Keeps `selected` inside the list and visible, and `offset` inside its bounds.
func clampList(_ state: inout AppState) {
    let rows = max(1, layout(state).listRows)
    let total = state.list.total ?? (state.list.windowStart + state.list.window.count)
    state.list.selected = max(0, min(state.list.selected, total - 1))
    if state.list.selected < state.list.offset { state.list.offset = state.list.selected }
    if state.list.selected >= state.list.offset + rows { state.list.offset = state.list.selected - rows + 1 }
    state.list.offset = max(0, min(state.list.offset, max(0, total - rows)))
}

private func windowSize(_ state: AppState) -> Int {
    max(1, layout(state).listRows) + 2 * windowMargin
}

/// Asks for rows when the visible part of the list is not loaded.
func ensureWindow(_ state: inout AppState) -> [Effect] {
    let rows = max(1, layout(state).listRows)
    let visible = state.list.offset..<(state.list.offset + rows)
    let loaded = state.list.windowStart..<(state.list.windowStart + state.list.window.count)
    let total = state.list.total ?? Int.max
    let needEnd = min(visible.upperBound, total)
    if visible.lowerBound >= loaded.lowerBound && needEnd <= loaded.upperBound { return [] }
    let start = max(0, state.list.offset - windowMargin)
    if state.list.pendingWindowStart == start { return [] }
    state.list.pendingWindowStart = start
    return [.loadRows(start: start, count: windowSize(state))]
}

/// Asks for the selected sample's detail when it is not the one shown.
func ensureDetail(_ state: inout AppState) -> [Effect] {
    guard let row = state.list.selectedRow else { return [] }
    if state.detail.sample?.id == row.id || state.detail.loadingID == row.id { return [] }
    state.detail.loadingID = row.id
    return [.loadDetail(id: row.id)]
}

private func scrollSection(_ state: inout AppState, _ pane: Pane, _ command: Command, height: Int, _ env: ReduceEnvironment) {
    let page = max(1, height - 1)
    if let huge = env.hugeText(state, pane) {
        let rows = max(1, height)
        let top = huge.position(containingByteOffset: state.detail.byteAnchor[pane] ?? 0)
        let moved: WrappedText.Position
        switch command {
        case .moveDown: moved = huge.scrolled(top, by: 1, visibleRows: rows)
        case .moveUp: moved = huge.scrolled(top, by: -1, visibleRows: rows)
        case .pageDown: moved = huge.scrolled(top, by: page, visibleRows: rows)
        case .pageUp: moved = huge.scrolled(top, by: -page, visibleRows: rows)
        case .halfPageDown: moved = huge.scrolled(top, by: page / 2, visibleRows: rows)
        case .halfPageUp: moved = huge.scrolled(top, by: -(page / 2), visibleRows: rows)
        case .top: moved = huge.startPosition
        case .bottom: moved = huge.endPosition(visibleRows: rows)
        default: return
        }
        state.detail.byteAnchor[pane] = huge.lines(from: moved, count: 1).first?.sourceRange.lowerBound ?? 0
        return
    }
    var top = state.detail.scroll[pane] ?? 0
    switch command {
    case .moveDown: top += 1
    case .moveUp: top -= 1
    case .pageDown: top += page
    case .pageUp: top -= page
    case .halfPageDown: top += page / 2
    case .halfPageUp: top -= page / 2
    case .top: top = 0
    case .bottom: top = Int.max / 2
    default: break
    }
    state.detail.scroll[pane] = top
    clampScroll(&state, env)
}

/// Keeps every section's scroll inside its text.
func clampScroll(_ state: inout AppState, _ env: ReduceEnvironment) {
    let height = max(1, layout(state).sectionBody.height)
    for (pane, top) in state.detail.scroll {
        let lines = env.lineCount(state, pane)
        state.detail.scroll[pane] = max(0, min(top, max(0, lines - height)))
    }
}

private func reduceMouse(_ state: inout AppState, _ mouse: MouseEvent, _ env: ReduceEnvironment) -> [Effect] {
    if state.overlay != nil { return [] }
    let l = layout(state)
    switch mouse {
    case .click(let x, let y):
        if l.list.contains(x: x, y: y) {
            state.focus = .list
            let row = y - l.list.y - 1
            if row >= 0 {
                state.list.selected = state.list.offset + row
                clampList(&state)
                return ensureWindow(&state) + ensureDetail(&state)
            }
            return []
        }
        for (pane, rect) in l.sectionHeaders where rect.contains(x: x, y: y) {
            state.focus = pane
            state.detail.openSection = pane
            return []
        }
        if l.sectionBody.contains(x: x, y: y) { state.focus = l.openSection }
        return []
    case .wheelUp(let x, let y), .wheelDown(let x, let y):
        let command: Command = { if case .wheelUp = mouse { return .moveUp } else { return .moveDown } }()
        if l.list.contains(x: x, y: y) {
            var effects: [Effect] = []
            for _ in 0..<3 { effects += moveList(&state, command, rows: l.listRows) }
            return effects
        }
        if l.sectionBody.contains(x: x, y: y) {
            for _ in 0..<3 { scrollSection(&state, l.openSection, command, height: l.sectionBody.height, env) }
        }
        return []
    }
}
