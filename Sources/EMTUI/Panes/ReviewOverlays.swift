import EMCore

/// The Agreement view (`A`, `:agreement`): the agreement report for the current filter, as the
/// `emscope agreement` command prints it, scrollable.
public struct AgreementViewState: Equatable, Sendable {
    /// The report's lines; nil while it is computed.
    public var lines: [String]?
    public var scroll = 0
    public init(lines: [String]? = nil) { self.lines = lines }
}

/// The Disagreement review (`D`, `:disagreements`): samples ranked by how they are disagreed on.
public struct DisagreementViewState: Equatable, Sendable {
    public var items: [DisagreementItem]?
    public var selected = 0
    /// The list generation (filter) the items were ranked for.
    public var generation = 0
    public init(items: [DisagreementItem]? = nil, generation: Int = 0) {
        self.items = items
        self.generation = generation
    }
}

enum AgreementView {
    static func reduce(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .agreement(var view) = state.overlay else { return [] }
        let page = max(1, state.size.height - 6)
        switch key {
        case .escape, .char("q"), .char("A"): state.overlay = nil; return []
        case _ where ScrollKeys.position(key, from: view.scroll, page: page) != nil:
            view.scroll = ScrollKeys.position(key, from: view.scroll, page: page) ?? 0
        case .char("R"):
            state.overlay = .agreement(AgreementViewState())
            return [.loadAgreement]
        default: return []
        }
        view.scroll = max(0, min(view.scroll, max(0, (view.lines?.count ?? 0) - page)))
        state.overlay = .agreement(view)
        return []
    }

    static func render(_ view: AgreementViewState, state: AppState, into buf: inout CellBuffer) {
        let rect = ReviewBox.rect(state.size)
        ReviewBox.frame(rect, title: " Agreement — \(state.filter.text.isEmpty ? "all samples" : state.filter.text)",
                        footer: " j/k scroll · R recompute · Esc closes · same figures as 'emscope agreement'", into: &buf)
        guard let lines = view.lines else {
            buf.put("computing…", x: rect.x + 2, y: rect.y + 2, maxWidth: rect.width - 4, role: .dim)
            return
        }
        for (i, line) in lines.dropFirst(view.scroll).prefix(rect.height - 2).enumerated() {
            let role: StyleRole = line.hasPrefix("Dimension") || line.hasPrefix("Judges") || line.hasPrefix("Agreement") ? .bold : .overlay
            buf.put(line, x: rect.x + 1, y: rect.y + 1 + i, maxWidth: rect.width - 2, role: role)
        }
    }
}

enum DisagreementView {
    static func reduce(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .disagreements(var view) = state.overlay else { return [] }
        let count = view.items?.count ?? 0
        let page = max(1, state.size.height - 6)
        switch key {
        case .escape, .char("q"), .char("D"): state.overlay = nil; return []
        case _ where ScrollKeys.position(key, from: view.selected, page: page) != nil:
            view.selected = ScrollKeys.position(key, from: view.selected, page: page) ?? 0
        case .char("R"):
            state.overlay = .disagreements(DisagreementViewState(generation: state.generation))
            return [.loadDisagreements]
        case .enter:
            guard let items = view.items, view.selected < items.count else { return [] }
            let id = items[view.selected].row.id
            state.lastReview = view
            state.overlay = nil
            // Every rating and verdict side by side: the Labels section, zoomed.
            state.detail.loadingID = id
            state.detail.openSection = .labels
            state.focus = .labels
            state.zoomed = .labels
            state.status = StatusMessage("sample \(id) from the disagreement review — D returns to it, Esc to the list")
            return [.loadDetail(id: id)]
        default: return []
        }
        view.selected = max(0, min(view.selected, count - 1))
        state.overlay = .disagreements(view)
        return []
    }

    static func render(_ view: DisagreementViewState, state: AppState, into buf: inout CellBuffer) {
        let rect = ReviewBox.rect(state.size)
        let count = view.items.map { " (\(HeaderBar.formatCount($0.count)))" } ?? ""
        ReviewBox.frame(rect, title: " Disagreements\(count) — most disagreed first",
                        footer: " Enter opens the sample with every rating and verdict · R re-ranks · Esc closes", into: &buf)
        guard let items = view.items else {
            buf.put("ranking…", x: rect.x + 2, y: rect.y + 2, maxWidth: rect.width - 4, role: .dim)
            return
        }
        if items.isEmpty {
            buf.put("no disagreements among the rated samples of this filter", x: rect.x + 2, y: rect.y + 2,
                    maxWidth: rect.width - 4, role: .dim)
            return
        }
        let body = rect.height - 2
        let top = max(0, min(view.selected - body / 2, items.count - body))
        for (row, item) in items.dropFirst(top).prefix(body).enumerated() {
            let index = top + row
            let role: StyleRole = index == view.selected ? .selectedFocused : .overlay
            let r = item.row
            let head = "\(String(r.id).leftPadded(7))  \(r.model) k=\(r.k) \(r.question) #\(r.sampleIndex)"
            let text = head + "  ·  " + item.kinds.map(\.summary).joined(separator: " · ")
            buf.putPadded(text, x: rect.x + 1, y: rect.y + 1 + row, width: rect.width - 2, role: role)
        }
    }
}

/// The keys that move a scrolled overlay or a selection in it: lines, pages, top and end.
enum ScrollKeys {
    /// The new position for `key`, or nil when the key does not scroll (the end is `Int.max / 2`,
    /// for the caller to clamp).
    static func position(_ key: Key, from current: Int, page: Int) -> Int? {
        switch key {
        case .char("j"), .down: return current + 1
        case .char("k"), .up: return current - 1
        case .pageDown, .char(" "): return current + page
        case .pageUp, .char("b"): return current - page
        case .char("g"), .home: return 0
        case .char("G"), .end: return Int.max / 2
        default: return nil
        }
    }
}

/// The frame shared by the review overlays: nearly the whole screen, a title line and a footer.
enum ReviewBox {
    static func rect(_ size: Size) -> Rect {
        Rect(x: 0, y: 1, width: max(10, size.width), height: max(4, size.height - 2))
    }

    static func frame(_ rect: Rect, title: String, footer: String, into buf: inout CellBuffer) {
        buf.fill(rect, role: .overlay)
        buf.putPadded(title, x: rect.x, y: rect.y, width: rect.width, role: .title)
        buf.putPadded(footer, x: rect.x, y: rect.maxY - 1, width: rect.width, role: .dim)
    }
}

extension String {
    /// The string right-aligned in `width` columns (ASCII digits).
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
