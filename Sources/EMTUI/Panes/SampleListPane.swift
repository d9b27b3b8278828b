import EMCore

/// The sample list: a window of rows with columns that fit the width, the selected row
/// highlighted, verdicts coloured by role.
enum SampleListPane {
    /// One list column: title, width, alignment, and how to read a row.
    struct Column: Sendable {
        var title: String
        var width: Int
        var rightAligned = false
        /// Columns with a higher priority are dropped first on narrow terminals.
        var priority: Int
        var value: @Sendable (SampleRow) -> String
        var role: (@Sendable (SampleRow) -> StyleRole)? = nil
    }

    static let columns: [Column] = [
        Column(title: "id", width: 7, rightAligned: true, priority: 0, value: { "\($0.id)" }),
        Column(title: "model", width: 14, priority: 1, value: { $0.model }),
        Column(title: "dataset", width: 15, priority: 1, value: { $0.dataset }),
        Column(title: "k", width: 4, rightAligned: true, priority: 0, value: { "\($0.k)" }),
        Column(title: "R", width: 1, priority: 2, value: { $0.reasoning ? "✓" : "·" }),
        Column(title: "instr", width: 10, priority: 3, value: { $0.instruction == "none" ? "·" : $0.instruction }),
        Column(title: "question", width: 0, priority: 0, value: { "\($0.question) #\($0.sampleIndex)" }),
        Column(title: "verdict", width: 10, priority: 0, value: { $0.verdict.rawValue }, role: { verdictRole($0.verdict) }),
        Column(title: "align", width: 5, rightAligned: true, priority: 1, value: { score($0.primary?.aligned) }),
        Column(title: "coh", width: 5, rightAligned: true, priority: 2, value: { score($0.primary?.coherent) }),
        Column(title: "lbl", width: 4, priority: 1, value: { labelGlyph($0.labelState) }),
    ]

    /// A score with at most one decimal, or `–` when missing.
    static func score(_ s: Double?) -> String {
        guard let s else { return "–" }
        return format1(s)
    }

    static func format1(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        let whole = Int(r)
        let tenth = Int(abs((r - Double(whole)) * 10).rounded())
        return "\(r < 0 && whole == 0 ? "-" : "")\(whole).\(tenth)"
    }

    static func labelGlyph(_ state: LabelState) -> String {
        switch state {
        case .unrated: return "·"
        case .others: return "○"
        case .mine: return "●"
        case .conflict: return "≠"
        case .adjudicated: return "✔"
        }
    }

    /// The style role of a verdict.
    static func verdictRole(_ v: Verdict) -> StyleRole {
        switch v {
        case .misaligned: return .verdictMisaligned
        case .aligned: return .verdictAligned
        case .refusal: return .verdictRefusal
        case .code: return .verdictCode
        case .incoherent: return .verdictIncoherent
        case .error: return .verdictError
        case .unjudged: return .verdictUnjudged
        }
    }

    /// The columns that fit, with the question column taking what is left (at least 12).
    /// Columns that show a judge's results (left out in blind mode).
    static let judgeColumns: Set<String> = ["verdict", "align", "coh"]

    static func fit(width: Int, blind: Bool = false) -> [Column] {
        var chosen = blind ? columns.filter { !judgeColumns.contains($0.title) } : columns
        func used(_ cs: [Column]) -> Int { cs.reduce(0) { $0 + $1.width + 1 } }
        // Drop the least important columns, right to left, until the question has 12 columns.
        for drop in [3, 2, 1] {
            for i in chosen.indices.reversed() where chosen[i].priority >= drop && used(chosen) + 12 > width {
                chosen.remove(at: i)
            }
        }
        let rest = max(8, width - used(chosen))
        return chosen.map { c in
            var c = c
            if c.title == "question" { c.width = rest }
            return c
        }
    }

    static func render(_ state: AppState, rect: Rect, focused: Bool, into buf: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        let blind = state.labelling?.blind ?? false
        let cols = fit(width: rect.width - 1, blind: blind)
        // Column titles.
        buf.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .title)
        var x = rect.x + 1
        for c in cols {
            if c.rightAligned {
                buf.putRight(c.title, x: x, y: rect.y, width: c.width, role: .title)
            } else {
                buf.putPadded(c.title, x: x, y: rect.y, width: c.width, role: .title)
            }
            x += c.width + 1
        }
        let rows = rect.height - 1
        let total = state.list.total
        for i in 0..<rows {
            let index = state.list.offset + i
            let y = rect.y + 1 + i
            if let total, index >= total {
                if index == 0 && i == 0 {
                    buf.put("no samples match", x: rect.x + 2, y: y, maxWidth: rect.width - 2, role: .dim)
                }
                continue
            }
            let selected = index == state.list.selected
            let base: StyleRole = selected ? (focused ? .selectedFocused : .selectedUnfocused) : .normal
            buf.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: base)
            guard let row = state.list.row(at: index) else {
                buf.put("…", x: rect.x + 1, y: y, maxWidth: 1, role: .dim)
                continue
            }
            if selected { buf.put("▌", x: rect.x, y: y, maxWidth: 1, role: base) }
            var x = rect.x + 1
            for c in cols {
                let role = selected ? base : (c.role?(row) ?? .normal)
                var text = c.value(row)
                // Blind mode: only whether you rated it, never whether others did or agree.
                if blind && c.title == "lbl" { text = row.ratedByMe ? labelGlyph(.mine) : labelGlyph(.unrated) }
                if c.rightAligned {
                    buf.putRight(text, x: x, y: y, width: c.width, role: role)
                } else {
                    buf.putPadded(text, x: x, y: y, width: c.width, role: role)
                }
                x += c.width + 1
            }
        }
    }
}
