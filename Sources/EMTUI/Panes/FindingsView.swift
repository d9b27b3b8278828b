import EMCore
import EMFindings
import EMQuery
import EMText

extension DisplayText {
    /// Store strings through EMText's sanitizer, measured in terminal columns: for every text output
    /// (the explorer's findings view and the command line's tables).
    public static let terminal = DisplayText(safe: { Sanitizer.singleLineString($0) }, width: { DisplayWidth.of($0) })
}

/// What the Findings view shows for the current filter: the EM-rate pivot (k across, model ×
/// dataset × reasoning × instruction down), the dose-response panels, and the prevalence lines.
public struct FindingsData: Equatable, Sendable {
    public var pivot: PivotTable?
    public var panels: [DosePanel]
    /// Prevalence as `emscope prevalence --by model,k` prints it: by the annotators' majority first,
    /// then by each annotator alone.
    public var prevalence: [PrevalenceChoice]
    public init(pivot: PivotTable?, panels: [DosePanel], prevalence: [PrevalenceChoice]) {
        self.pivot = pivot
        self.panels = panels
        self.prevalence = prevalence
    }
}

/// One way of counting prevalence (the majority, or one annotator) and its report lines.
public struct PrevalenceChoice: Equatable, Sendable {
    public var who: String
    public var lines: [String]
    public init(who: String, lines: [String]) {
        self.who = who
        self.lines = lines
    }
}

/// The Findings view (`E`, `:findings`): a table, a chart and prevalence, one at a time (Tab).
public struct FindingsViewState: Equatable, Sendable {
    public enum Tab: String, CaseIterable, Sendable { case table, chart, prevalence }
    public var data: FindingsData?
    public var tab: Tab = .table
    /// The selected pivot cell: a row and a k column.
    public var row = 0
    public var column = 0
    /// The chart panel shown.
    public var panel = 0
    /// Which prevalence choice is shown (0: the majority).
    public var prevalenceChoice = 0
    public var scroll = 0
    public init() {}
}

enum FindingsView {
    static func reduce(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .findings(var view) = state.overlay else { return [] }
        let rows = view.data?.pivot?.rows.count ?? 0
        let columns = view.data?.pivot?.ks.count ?? 0
        switch key {
        case .escape, .char("q"), .char("E"): state.overlay = nil; return []
        case .tab:
            let all = FindingsViewState.Tab.allCases
            view.tab = all[((all.firstIndex(of: view.tab) ?? 0) + 1) % all.count]
            view.scroll = 0
        case .backTab:
            let all = FindingsViewState.Tab.allCases
            view.tab = all[((all.firstIndex(of: view.tab) ?? 0) + all.count - 1) % all.count]
            view.scroll = 0
        case .char("j"), .down:
            if view.tab == .table { view.row += 1 } else { view.scroll += 1 }
        case .char("k"), .up:
            if view.tab == .table { view.row -= 1 } else { view.scroll -= 1 }
        case .char("l"), .right: view.column += 1
        case .char("h"), .left: view.column -= 1
        case .char("]"): view.panel += 1
        case .char("["): view.panel -= 1
        case .char("a") where view.tab == .prevalence:
            view.prevalenceChoice = (view.prevalenceChoice + 1) % max(1, view.data?.prevalence.count ?? 1)
            view.scroll = 0
        case .char("R"):
            state.overlay = .findings(FindingsViewState())
            return [.loadFindings]
        case .enter:
            guard view.tab == .table, let pivot = view.data?.pivot, view.row < pivot.rows.count, view.column < pivot.ks.count else {
                return []
            }
            return drill(&state, key: pivot.rows[view.row].key, k: pivot.ks[view.column])
        default: return []
        }
        view.row = max(0, min(view.row, rows - 1))
        view.column = max(0, min(view.column, columns - 1))
        view.panel = max(0, min(view.panel, (view.data?.panels.count ?? 1) - 1))
        view.scroll = max(0, view.scroll)
        state.overlay = .findings(view)
        return []
    }

    /// Filters the list to exactly the samples of one condition (added to the current filter).
    static func drill(_ state: inout AppState, key: ConditionKey, k: Int) -> [Effect] {
        var predicates: [QueryPredicate] = [.examples(.equal, Int64(k))]
        if let m = key.model { predicates.append(.name(.model, .exact(m))) }
        if let d = key.dataset { predicates.append(.name(.dataset, .exact(d))) }
        if let r = key.reasoning { predicates.append(.reasoning(r)) }
        if let i = key.instruction { predicates.append(.name(.instruction, .exact(i))) }
        var text = state.filter.text
        for p in predicates {
            switch QueryLanguage.adding(p, to: text) {
            case .success(let t): text = t
            case .failure(let e):
                state.status = StatusMessage(e.message, kind: .error)
                return []
            }
        }
        state.overlay = nil
        state.focus = .list
        state.zoomed = nil
        return Filtering.applyOrShow(&state, text)
    }

    static func render(_ view: FindingsViewState, state: AppState, into buf: inout CellBuffer) {
        let rect = ReviewBox.rect(state.size)
        let tabs = FindingsViewState.Tab.allCases.map { $0 == view.tab ? "[\($0.rawValue)]" : $0.rawValue }.joined(separator: " ")
        let judge = state.context.primaryJudge ?? "no judge"
        let rule = "aligned < \(SampleListPane.score(state.context.rule.alignedBelow)), coherent ≥ \(SampleListPane.score(state.context.rule.coherentMin))"
        ReviewBox.frame(rect, title: " Findings · \(tabs) · \(judge) · \(rule) · \(state.filter.text.isEmpty ? "all samples" : state.filter.text)",
                        footer: footer(view.tab), into: &buf)
        guard let data = view.data else {
            buf.put("counting…", x: rect.x + 2, y: rect.y + 2, maxWidth: rect.width - 4, role: .dim)
            return
        }
        let inner = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 2)
        switch view.tab {
        case .table: renderTable(view, data, inner, into: &buf)
        case .chart: renderChart(view, data, inner, into: &buf)
        case .prevalence:
            guard !data.prevalence.isEmpty else { return }
            let choice = data.prevalence[min(view.prevalenceChoice, data.prevalence.count - 1)]
            let others = data.prevalence.count > 1 ? "  (a: \(data.prevalence.count - 1) more — each annotator alone)" : ""
            buf.put("counted by: \(choice.who)\(others)", x: inner.x, y: inner.y, maxWidth: inner.width, role: .bold)
            for (i, line) in choice.lines.dropFirst(view.scroll).prefix(inner.height - 1).enumerated() {
                buf.put(line, x: inner.x, y: inner.y + 1 + i, maxWidth: inner.width, role: .overlay)
            }
        }
    }

    static func footer(_ tab: FindingsViewState.Tab) -> String {
        switch tab {
        case .table: return " EM rate, % of kept [Wilson 95 %] n kept · arrows pick a cell · Enter lists its samples · Tab chart"
        case .chart: return " EM rate against k · [ ] other panels (dataset × reasoning × instruction) · Tab prevalence · Esc"
        case .prevalence: return " among samples judged misaligned, overall and by model × k · a: majority / one annotator · j/k scroll · Tab"
        }
    }

    static func renderTable(_ view: FindingsViewState, _ data: FindingsData, _ rect: Rect, into buf: inout CellBuffer) {
        guard let pivot = data.pivot, !pivot.rows.isEmpty else {
            buf.put("no conditions match the filter", x: rect.x + 1, y: rect.y + 1, maxWidth: rect.width - 2, role: .dim)
            return
        }
        let (fullHeader, fullBody) = pivot.cells(style: .compact, display: .terminal)
        // Row fields that are the same in every row (reasoning: yes everywhere) say nothing: left out.
        let fields = pivot.rowFields.indices.filter { c in Set(fullBody.map { $0[c] }).count > 1 || fullBody.count == 1 }
        let keep = fields + Array(pivot.rowFields.count..<fullHeader.count)
        let header = keep.map { fullHeader[$0] }
        let body = fullBody.map { row in keep.map { row[$0] } }
        let n = fields.count
        let all = [header] + body
        let widths = (0..<header.count).map { c in all.map { DisplayWidth.of($0[c]) }.max() ?? 0 }
        // Keep the selected row on screen.
        let visible = rect.height - 1
        let top = max(0, min(view.row - visible / 2, body.count - visible))
        // The k columns that fit beside the row fields, always including the selected one: from it,
        // take columns to the left while they fit, then to the right.
        let fieldWidth = (0..<n).reduce(0) { $0 + widths[$1] + 2 }
        let kCount = widths.count - n
        let selected = max(0, min(view.column, kCount - 1))
        var first = selected, last = selected
        var used = fieldWidth + (kCount > 0 ? widths[n + selected] : 0)
        while first > 0, used + 2 + widths[n + first - 1] <= rect.width { first -= 1; used += 2 + widths[n + first] }
        while last + 1 < kCount, used + 2 + widths[n + last + 1] <= rect.width { last += 1; used += 2 + widths[n + last] }
        let shown = Array(0..<n) + (kCount > 0 ? Array((n + first)...(n + last)) : [])
        func drawRow(_ all: [String], y: Int, selectedColumn: Int?, role: StyleRole) {
            var x = rect.x
            for c in shown {
                let text = all[c]
                let w = widths[c]
                guard x < rect.maxX else { break }
                let cellRole: StyleRole = selectedColumn == c - n && c >= n ? .selectedFocused : role
                if c >= n {
                    buf.putRight(text, x: x, y: y, width: min(w, rect.maxX - x), role: cellRole)
                } else {
                    buf.putPadded(text, x: x, y: y, width: min(w, rect.maxX - x), role: cellRole)
                }
                x += w + 2
            }
        }
        drawRow(header, y: rect.y, selectedColumn: nil, role: .title)
        for (i, cells) in body.dropFirst(top).prefix(visible).enumerated() {
            let index = top + i
            drawRow(cells, y: rect.y + 1 + i, selectedColumn: index == view.row ? view.column : nil, role: .overlay)
        }
    }

    static func renderChart(_ view: FindingsViewState, _ data: FindingsData, _ rect: Rect, into buf: inout CellBuffer) {
        guard !data.panels.isEmpty else {
            buf.put("no dose curve: the filter leaves fewer than two k values for every model", x: rect.x + 1, y: rect.y + 1,
                    maxWidth: rect.width - 2, role: .dim)
            return
        }
        let panel = data.panels[min(view.panel, data.panels.count - 1)]
        buf.put("\(panel.title(display: .terminal))  (\(view.panel + 1) of \(data.panels.count))", x: rect.x + 1, y: rect.y,
                maxWidth: rect.width - 2, role: .bold)
        let grid = DoseChartText.render(panel.series, width: rect.width - 2, height: rect.height - 1, yMax: .auto, display: .terminal)
        for y in 0..<min(grid.height, rect.height - 1) {
            for x in 0..<min(grid.width, rect.width - 2) {
                let cell = grid[x, y]
                guard cell.width > 0 else { continue }
                buf.put(cell.text, x: rect.x + 1 + x, y: rect.y + 1 + y, maxWidth: cell.width, role: role(cell.role))
            }
        }
    }

    /// Chart roles as terminal styles; series cycle through distinct colours (their glyphs differ too).
    static func role(_ r: ChartRole) -> StyleRole {
        let series: [StyleRole] = [.verdictMisaligned, .verdictAligned, .verdictCode, .verdictRefusal, .verdictIncoherent, .match]
        switch r {
        case .blank: return .overlay
        case .axis: return .border
        case .label, .legend: return .overlay
        case .title: return .bold
        case .point(let i): return series[i % series.count]
        case .whisker(let i): return series[i % series.count]
        }
    }
}
