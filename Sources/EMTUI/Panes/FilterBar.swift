import EMCore
import EMQuery

/// The filter bar (`f`): edit a query, recall history with ↑/↓, Enter applies, Esc cancels,
/// an empty query clears. A query with an error stays in the bar with the error shown under it.
enum FilterBar {
    static func reduce(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .filter(var bar) = state.overlay else { return [] }
        switch key {
        case .escape, .ctrl("c"):
            state.overlay = nil
            return []
        case .enter:
            switch Filtering.apply(&state, bar.text) {
            case .success(let effects):
                state.overlay = nil
                state.status = StatusMessage(bar.text.isEmpty ? "filter cleared" : "filter applied")
                return effects
            case .failure(let error):
                bar.error = error
            }
        case .backspace:
            if !bar.text.isEmpty { bar.text.removeLast() }
            bar.error = nil
        case .ctrl("u"):
            bar.text = ""
            bar.error = nil
        case .up:
            guard !state.history.isEmpty else { break }
            let i = min((bar.historyIndex ?? -1) + 1, state.history.count - 1)
            bar.historyIndex = i
            bar.text = state.history[i]
            bar.error = nil
        case .down:
            guard let i = bar.historyIndex else { break }
            if i == 0 {
                bar.historyIndex = nil
                bar.text = ""
            } else {
                bar.historyIndex = i - 1
                bar.text = state.history[i - 1]
            }
            bar.error = nil
        case .char(let c):
            bar.text.append(c)
            bar.error = nil
        case .tab:
            bar.text.append(" ")
        default:
            return []
        }
        state.overlay = .filter(bar)
        return []
    }

    /// Two lines above the status bar: the query, and the error with a caret (or a hint).
    static func render(_ bar: FilterBarState, size: Size, into buf: inout CellBuffer) {
        let y = size.height - 3
        guard y > 1 else { return }
        let rect = Rect(x: 0, y: y, width: size.width, height: 2)
        buf.fill(rect, role: .overlay)
        let prefix = "filter› "
        let used = buf.put(prefix, x: 0, y: y, maxWidth: size.width, role: .bold)
        // Keep the end of a long query in view.
        let room = size.width - used - 1
        let chars = Array(bar.text)
        let shift = max(0, chars.count - room)
        buf.put(String(chars.dropFirst(shift)) + "▏", x: used, y: y, maxWidth: room + 1, role: .overlay)
        if let error = bar.error {
            let caretColumn = used + max(0, error.column - 1 - shift)
            if caretColumn < size.width {
                buf.set(x: caretColumn, y: y + 1, Cell(text: "^", width: 1, role: .error))
            }
            var message = error.message
            if let s = error.suggestion { message += " (try \(s))" }
            let x = min(caretColumn + 2, max(0, size.width - 20))
            buf.put(message, x: x, y: y + 1, maxWidth: size.width - x, role: .error)
        } else {
            buf.put("Enter apply · Esc cancel · ↑↓ history · empty clears · model:NAME k>=64 verdict:misaligned \"text\" — see docs/query.md",
                    x: 0, y: y + 1, maxWidth: size.width, role: .dim)
        }
    }
}

/// The facets overlay (`F`): counts per condition and verdict for the current filter; Enter adds
/// the selected value to the query.
enum FacetsOverlay {
    static func reduce(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .facets(var facets) = state.overlay else { return [] }
        let count = facets.values?.count ?? 0
        switch key {
        case .escape, .char("q"), .char("F"):
            state.overlay = nil
            return []
        case .char("j"), .down: facets.selected = min(count - 1, facets.selected + 1)
        case .char("k"), .up: facets.selected = max(0, facets.selected - 1)
        case .pageDown: facets.selected = min(count - 1, facets.selected + 10)
        case .pageUp: facets.selected = max(0, facets.selected - 10)
        case .enter:
            guard let values = facets.values, facets.selected < values.count else { return [] }
            let v = values[facets.selected]
            guard let predicate = predicate(v) else { return [] }
            state.overlay = nil
            switch QueryLanguage.adding(predicate, to: state.filter.text) {
            case .success(let text): return Filtering.applyOrShow(&state, text)
            case .failure(let error):
                state.status = StatusMessage(error.message, kind: .error)
                return []
            }
        default:
            return []
        }
        facets.selected = max(0, facets.selected)
        state.overlay = .facets(facets)
        return []
    }

    /// The query term that selects one facet value.
    static func predicate(_ v: FacetValue) -> QueryPredicate? {
        switch v.field {
        case "model": return .name(.model, .exact(v.value))
        case "dataset": return .name(.dataset, .exact(v.value))
        case "instruction": return .name(.instruction, .exact(v.value))
        case "k": return Int64(v.value).map { .examples(.equal, $0) }
        case "reasoning": return .reasoning(v.value == "yes")
        case "verdict": return Verdict(rawValue: v.value).map { .verdict(judge: nil, $0) }
        default: return nil
        }
    }

    static func render(_ facets: FacetsState, state: AppState, into buf: inout CellBuffer) {
        let size = state.size
        let width = min(size.width - 4, 64)
        let height = size.height - 4
        let rect = Rect(x: (size.width - width) / 2, y: 2, width: width, height: height)
        buf.fill(rect, role: .overlay)
        let title = "Facets — \(state.filter.text.isEmpty ? "all samples" : state.filter.text)"
        buf.putPadded(" " + title, x: rect.x, y: rect.y, width: rect.width, role: .title)
        guard let values = facets.values else {
            buf.put("counting…", x: rect.x + 2, y: rect.y + 2, maxWidth: rect.width - 4, role: .dim)
            return
        }
        // Lines: a heading per field, then its values; the selection indexes values only.
        var lines: [(text: String, count: String, role: StyleRole, index: Int?)] = []
        var field = ""
        for (i, v) in values.enumerated() {
            if v.field != field {
                field = v.field
                lines.append((field, "", .bold, nil))
            }
            lines.append(("  " + (v.value.isEmpty ? "(empty)" : v.value), HeaderBar.formatCount(v.count), .overlay, i))
        }
        let body = rect.height - 2
        let selectedLine = lines.firstIndex { $0.index == facets.selected } ?? 0
        let top = max(0, min(selectedLine - body / 2, lines.count - body))
        for (row, line) in lines.dropFirst(top).prefix(body).enumerated() {
            let y = rect.y + 1 + row
            let selected = line.index == facets.selected
            let role: StyleRole = selected ? .selectedFocused : line.role
            buf.putPadded(line.text, x: rect.x + 1, y: y, width: rect.width - 12, role: role)
            buf.putRight(line.count, x: rect.maxX - 11, y: y, width: 10, role: role)
        }
        buf.putPadded(" Enter adds the value to the filter · Esc closes", x: rect.x, y: rect.maxY - 1, width: rect.width, role: .dim)
    }
}

/// The saved-filter picker (`:filters`).
enum SavedFilterPicker {
    static func reduce(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .savedFilters(var selected) = state.overlay else { return [] }
        let count = state.savedFilters.count
        switch key {
        case .escape, .char("q"): state.overlay = nil; return []
        case .char("j"), .down: selected = min(max(0, count - 1), selected + 1)
        case .char("k"), .up: selected = max(0, selected - 1)
        case .enter:
            state.overlay = nil
            guard selected < count else { return [] }
            return Filtering.applyOrShow(&state, state.savedFilters[selected].query)
        default: return []
        }
        state.overlay = .savedFilters(selected: selected)
        return []
    }

    static func render(selected: Int, state: AppState, into buf: inout CellBuffer) {
        let size = state.size
        let width = min(size.width - 4, 90)
        let height = min(size.height - 4, max(4, state.savedFilters.count + 3))
        let rect = Rect(x: (size.width - width) / 2, y: 3, width: width, height: height)
        buf.fill(rect, role: .overlay)
        buf.putPadded(" Saved filters — Enter applies, Esc closes", x: rect.x, y: rect.y, width: rect.width, role: .title)
        if state.savedFilters.isEmpty {
            buf.put("none yet — set a filter with f, then :save NAME", x: rect.x + 2, y: rect.y + 2, maxWidth: rect.width - 4, role: .dim)
        }
        for (i, f) in state.savedFilters.prefix(rect.height - 2).enumerated() {
            let role: StyleRole = i == selected ? .selectedFocused : .overlay
            buf.putPadded(" \(f.name)  \(f.query)", x: rect.x, y: rect.y + 1 + i, width: rect.width, role: role)
        }
    }
}
