import EMCore
import EMText

/// The compare view (`C`): one question and sample index across conditions — k = 0 / 16 / 64 / 256
/// of one model, or the models at one k — in columns, verdicts on top, the reasoning (or, with Tab,
/// the answers) below, scrolled together so the columns stay aligned.
public struct CompareState: Equatable, Sendable {
    /// The sample the comparison is anchored on (its question, index and condition).
    public var anchor: Int64
    public var axis: CompareAxis
    /// The samples, one per condition; nil while loading.
    public var details: [SampleDetail]?
    /// `.reasoning` or `.answer`.
    public var section: Pane = .reasoning
    public var scroll = 0
    /// The first column shown (when they do not all fit).
    public var firstColumn = 0

    public init(anchor: Int64, axis: CompareAxis = .k) {
        self.anchor = anchor
        self.axis = axis
    }
}

enum CompareView {
    /// The narrowest column that still reads as text.
    static let minColumnWidth = 26

    static func open(_ state: inout AppState) -> [Effect] {
        guard let id = state.detail.sample?.id ?? state.list.selectedRow?.id else {
            state.status = StatusMessage("no sample to compare")
            return []
        }
        state.overlay = .compare(CompareState(anchor: id))
        return [.loadCompare(anchor: id, axis: .k)]
    }

    static func reduce(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .compare(var view) = state.overlay else { return [] }
        let page = max(1, state.size.height - 8)
        switch key {
        case .escape, .char("q"), .char("C"): state.overlay = nil; return []
        case _ where ScrollKeys.position(key, from: view.scroll, page: page) != nil:
            view.scroll = ScrollKeys.position(key, from: view.scroll, page: page) ?? 0
        case .tab, .backTab:
            view.section = view.section == .reasoning ? .answer : .reasoning
            view.scroll = 0
        case .char("l"), .right: view.firstColumn += 1
        case .char("h"), .left: view.firstColumn -= 1
        case .char("m"):
            view.axis = view.axis.other
            view.details = nil
            view.firstColumn = 0
            state.overlay = .compare(view)
            return [.loadCompare(anchor: view.anchor, axis: view.axis)]
        case .char("]"), .char("["):
            state.overlay = .compare(view)
            return [.stepCompare(from: view.anchor, forward: key == .char("]"))]
        default: return []
        }
        let count = view.details?.count ?? 0
        view.firstColumn = max(0, min(view.firstColumn, count - visibleColumns(count, width: state.size.width)))
        view.scroll = max(0, min(view.scroll, max(0, longest(view, width: state.size.width) - page)))
        state.overlay = .compare(view)
        return []
    }

    static func visibleColumns(_ count: Int, width: Int) -> Int {
        max(1, min(count, width / minColumnWidth))
    }

    static func columnWidth(_ count: Int, width: Int) -> Int {
        max(minColumnWidth, width / visibleColumns(count, width: width))
    }

    static func text(_ d: SampleDetail, _ section: Pane) -> String {
        if section == .answer { return d.answer.isEmpty ? "(empty answer)" : d.answer }
        guard let r = d.reasoning, !r.isEmpty else { return "(no reasoning recorded)" }
        return r
    }

    /// Lines of the longest column (for the scroll limit), counted up to a bound.
    static func longest(_ view: CompareState, width: Int) -> Int {
        guard let details = view.details else { return 0 }
        let w = columnWidth(details.count, width: width) - 2
        return details.map { WrappedText(text($0, view.section), width: max(1, w)).lines(0..<5_000).count }.max() ?? 0
    }

    static func title(_ d: SampleDetail, axis: CompareAxis) -> String {
        switch axis {
        case .k: return "k=\(d.run.k) · \(d.run.dataset)"
        case .model: return d.run.model
        }
    }

    static func render(_ view: CompareState, state: AppState, into buf: inout CellBuffer) {
        let size = state.size
        let rect = Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
        buf.fill(rect, role: .overlay)
        guard let details = view.details else {
            buf.put("loading…", x: 2, y: rect.y + 1, maxWidth: rect.width - 4, role: .dim)
            return
        }
        guard let first = details.first else {
            buf.put("nothing to compare", x: 2, y: rect.y + 1, maxWidth: rect.width - 4, role: .dim)
            return
        }
        let across = view.axis == .k ? "across k (\(first.run.model))" : "across models (k=\(first.run.k), \(first.run.dataset))"
        let head = " Compare \(first.question.key) #\(first.sampleIndex) \(across) · \(view.section.title)"
        buf.putPadded(head, x: 0, y: rect.y, width: rect.width, role: .title)
        let hint = " Tab reasoning/answer · [ ] question · m k/models · h l columns · Esc"
        buf.putPadded(hint, x: 0, y: rect.maxY - 1, width: rect.width, role: .dim)
        let visible = visibleColumns(details.count, width: size.width)
        let width = columnWidth(details.count, width: size.width)
        let blind = state.labelling?.blind == true
        let bodyTop = rect.y + 4, bodyHeight = rect.height - 5
        for (c, d) in details.dropFirst(view.firstColumn).prefix(visible).enumerated() {
            let x = c * width
            let isAnchor = d.id == view.anchor
            buf.putPadded(" " + title(d, axis: view.axis) + (isAnchor ? " ◂" : ""), x: x, y: rect.y + 1, width: width - 1,
                          role: isAnchor ? .bold : .overlay)
            if blind {
                buf.putPadded(" verdict hidden (blind)", x: x, y: rect.y + 2, width: width - 1, role: .dim)
            } else if let j = d.judges.first {
                buf.putPadded(" \(j.verdict.rawValue) \(SampleListPane.score(j.scores.aligned))/\(SampleListPane.score(j.scores.coherent))",
                              x: x, y: rect.y + 2, width: width - 1, role: SampleListPane.verdictRole(j.verdict))
            } else {
                buf.putPadded(" not judged", x: x, y: rect.y + 2, width: width - 1, role: .dim)
            }
            for dx in 0..<(width - 1) { buf.set(x: x + dx, y: rect.y + 3, Cell(text: "─", width: 1, role: .border)) }
            let lines = WrappedText(text(d, view.section), width: max(1, width - 2)).lines(view.scroll..<(view.scroll + bodyHeight))
            for (i, line) in lines.enumerated() {
                DetailSections.drawLine(line, role: .normal, x0: x + 1, y: bodyTop + i, maxX: x + width - 1, highlights: [], into: &buf)
            }
            if c < visible - 1 {
                for y in (rect.y + 1)..<(rect.maxY - 1) { buf.set(x: x + width - 1, y: y, Cell(text: "│", width: 1, role: .border)) }
            }
        }
        if details.count > visible {
            let more = " columns \(view.firstColumn + 1)–\(view.firstColumn + visible) of \(details.count) "
            buf.putRight(more, x: rect.maxX - 30, y: rect.y, width: 29, role: .title)
        }
    }
}
