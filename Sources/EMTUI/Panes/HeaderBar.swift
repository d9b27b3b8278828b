import EMText

/// The top line: program, store, filter, sample count, primary judge, annotator.
enum HeaderBar {
    static func render(_ state: AppState, rect: Rect, into buf: inout CellBuffer) {
        buf.fill(rect, role: .header)
        var parts: [String] = ["emscope", state.storeName]
        // The mode comes early so that it is never cut off on a narrow terminal.
        if let lab = state.labelling {
            var mode: [String] = []
            if lab.active { mode.append(lab.adjudicate ? "ADJUDICATING" : "LABELLING") }
            if lab.blind { mode.append("BLIND") }
            if !mode.isEmpty { parts.append(mode.joined(separator: " ")) }
        }
        parts.append(state.filter.text.isEmpty ? "all samples" : "filter: \(state.filter.text)")
        if let total = state.list.total {
            parts.append("\(formatCount(total)) sample\(total == 1 ? "" : "s")")
        } else {
            parts.append("counting…")
        }
        if let judge = state.context.primaryJudge { parts.append("judge: \(judge)") }
        if state.sort != .id || state.descending { parts.append("sort: \(state.sort.rawValue) \(state.descending ? "↓" : "↑")") }
        if let annotator = state.annotator { parts.append("annotator: \(annotator)") }
        buf.putPadded(" " + parts.joined(separator: " · "), x: rect.x, y: rect.y, width: rect.width, role: .header)
    }

    /// 1234567 → "1,234,567".
    static func formatCount(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}

/// The bottom line: position, a message, and key hints for the focused pane.
enum StatusBar {
    static func render(_ state: AppState, keymap: Keymap, rect: Rect, into buf: inout CellBuffer) {
        buf.fill(rect, role: .statusBar)
        if case .prompt(let kind, let text) = state.overlay {
            buf.put(kind.rawValue + text + "▏", x: rect.x, y: rect.y, maxWidth: rect.width, role: .statusBar)
            return
        }
        let position: String
        if let total = state.list.total, total > 0 {
            position = " \(HeaderBar.formatCount(state.list.selected + 1)) / \(HeaderBar.formatCount(total)) "
        } else {
            position = " 0 / 0 "
        }
        var x = rect.x + buf.put(position, x: rect.x, y: rect.y, maxWidth: rect.width, role: .statusBar)
        if let p = state.labelling?.progress {
            let verb = state.labelling?.adjudicate == true ? "adjudicated" : "rated"
            var text = "\(verb) \(HeaderBar.formatCount(p.rated))/\(HeaderBar.formatCount(p.total))"
            if let pace = p.perHour { text += " · \(Int(pace.rounded()))/h" }
            x += buf.put(text + " ", x: x, y: rect.y, maxWidth: rect.maxX - x, role: .statusBar)
        }
        // An error takes the whole line; otherwise key hints share it with the message, which
        // comes first: hints are dropped from the end until the message fits.
        var hintList = state.status?.kind == .error ? [] : keymap.hints(for: scopes(state)).map { "\($0.key) \($0.hint)" }
        let messageWidth = state.status.map { Truncation.displayWidth($0.text) + 2 } ?? 0
        var hints = hintList.joined(separator: "  ")
        while !hintList.isEmpty, Truncation.displayWidth(hints) > min(rect.width / 2, rect.maxX - x - messageWidth - 1) {
            hintList.removeLast()
            hints = hintList.joined(separator: "  ")
        }
        let hintWidth = Truncation.displayWidth(hints)
        if let message = state.status {
            let role: StyleRole = message.kind == .error ? .error : .statusBar
            x += 1
            x += buf.put(message.text, x: x, y: rect.y, maxWidth: rect.maxX - x - hintWidth - 1, role: role)
        }
        if rect.maxX - hintWidth > x + 1 {
            buf.putRight(hints, x: rect.maxX - hintWidth - 1, y: rect.y, width: hintWidth, role: .keyHint)
        }
    }
}
