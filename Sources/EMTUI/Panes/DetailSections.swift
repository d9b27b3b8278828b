import EMCore
import EMText

/// The detail area: a header line per section (title and a one-line summary), and the body of
/// the open section, scrolled, with search matches highlighted and a scroll indicator.
enum DetailSections {
    static func render(_ state: AppState, layout l: Layout, documents: DocumentCache, into buf: inout CellBuffer) {
        for pane in Pane.sections {
            guard let rect = l.sectionHeaders[pane] else { continue }
            let focused = state.focus == pane
            let open = l.openSection == pane
            let role: StyleRole = focused ? .borderFocused : .border
            buf.fill(rect, role: role)
            let marker = open ? "▾" : "▸"
            let used = buf.put("\(marker) \(pane.title)", x: rect.x, y: rect.y, maxWidth: rect.width, role: role)
            let summary = summary(pane, state, documents: documents)
            if !summary.text.isEmpty {
                buf.put("  " + summary.text, x: rect.x + used, y: rect.y, maxWidth: rect.width - used,
                        role: summary.role ?? role)
            }
        }
        renderBody(state, layout: l, documents: documents, into: &buf)
    }

    /// The one-line summary in a section's header.
    static func summary(_ pane: Pane, _ state: AppState, documents: DocumentCache) -> (text: String, role: StyleRole?) {
        guard let s = state.detail.sample else { return ("", nil) }
        switch pane {
        case .prompt:
            let examples = s.exampleCount > 0 ? "\(s.exampleCount) examples · \(s.run.dataset)" : "k=\(s.run.k)"
            return ("\(examples) · \(s.question.key)", nil)
        case .reasoning:
            guard let r = s.reasoning, !r.isEmpty else { return ("none recorded", .dim) }
            return ("\(documents.wordCount(of: r, sample: s.id, pane: .reasoning)) words", nil)
        case .answer:
            return ("\(documents.wordCount(of: s.answer, sample: s.id, pane: .answer)) words", nil)
        case .judges:
            if state.labelling?.hidesJudges == true { return ("hidden (blind) — rate, then ! reveals", .dim) }
            if s.judges.isEmpty { return ("not judged", .dim) }
            let text = s.judges.map { "\($0.judge) \($0.verdict.rawValue) \(SampleListPane.score($0.scores.aligned))" }
                .joined(separator: " · ")
            return s.judgesDisagree ? ("⚠ " + text, .conflict) : (text, SampleListPane.verdictRole(s.judges[0].verdict))
        case .labels:
            return LabelsSection.summary(state)
        case .list:
            return ("", nil)
        }
    }

    /// Words, counted cheaply (a 10 MB trace must not stall the header).
    static func wordCount(_ text: String) -> String {
        var count = 0
        var inWord = false
        var scanned = 0
        for byte in text.utf8 {
            scanned += 1
            if scanned > 2_000_000 { return "≥\(HeaderBar.formatCount(count))" }
            let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return HeaderBar.formatCount(count)
    }

    static func renderBody(_ state: AppState, layout l: Layout, documents: DocumentCache, into buf: inout CellBuffer) {
        let rect = l.sectionBody
        guard !rect.isEmpty else { return }
        let pane = l.openSection
        let doc = documents.document(state, pane)
        if let huge = doc.hugeText {
            renderHuge(huge, doc: doc, state: state, pane: pane, rect: rect, into: &buf)
            return
        }
        let top = min(state.detail.scroll[pane] ?? 0, max(0, doc.lineCount - 1))
        let needle = state.search?.needle
        let visible = doc.lines(top..<(top + rect.height))
        // One search per block over the bytes on screen, not over the whole text.
        var matches: [Int: [Range<Int>]] = [:]
        if let needle {
            var spans: [Int: Range<Int>] = [:]
            for item in visible {
                let r = item.line.sourceRange
                if let s = spans[item.block] {
                    spans[item.block] = min(s.lowerBound, r.lowerBound)..<max(s.upperBound, r.upperBound)
                } else {
                    spans[item.block] = r
                }
            }
            for (block, span) in spans { matches[block] = doc.matchRanges(needle, block: block, bytes: span) }
        }
        for (i, item) in visible.enumerated() {
            drawLine(item.line, role: item.role, x0: rect.x + 1 + item.indent, y: rect.y + i, maxX: rect.maxX - 1,
                     highlights: item.line.highlightedColumns(for: matches[item.block] ?? []), into: &buf)
        }
        if doc.lineCount > rect.height {
            let fraction = Double(top) / Double(max(1, doc.lineCount - rect.height))
            drawScrollbar(rect: rect, fraction: fraction, visibleShare: Double(rect.height) / Double(doc.lineCount), into: &buf)
        }
    }

    /// A section that is one huge text: resolve the byte anchor to a position and draw only the
    /// lines on screen.
    static func renderHuge(_ huge: WrappedText, doc: SectionDocument, state: AppState, pane: Pane, rect: Rect,
                           into buf: inout CellBuffer) {
        let top = huge.position(containingByteOffset: state.detail.byteAnchor[pane] ?? 0)
        let lines = huge.lines(from: top, count: rect.height)
        var matches: [Range<Int>] = []
        if let needle = state.search?.needle, doc.hugeTextSearchable, let first = lines.first, let last = lines.last {
            let search = TextSearch(needle)
            if !search.isEmpty {
                let span = max(0, first.sourceRange.lowerBound - 256)..<last.sourceRange.upperBound
                matches = huge.matches(of: search, in: span)
            }
        }
        for (i, line) in lines.enumerated() {
            drawLine(line, role: doc.hugeTextRole, x0: rect.x + 1, y: rect.y + i, maxX: rect.maxX - 1,
                     highlights: line.highlightedColumns(for: matches), into: &buf)
        }
        let share = Double(rect.height) / Double(max(rect.height, huge.estimatedLineCount))
        drawScrollbar(rect: rect, fraction: huge.fraction(of: top), visibleShare: share, into: &buf)
    }

    static func drawLine(_ line: DisplayLine, role: StyleRole, x0: Int, y: Int, maxX: Int, highlights: [Range<Int>],
                         into buf: inout CellBuffer) {
        for placed in line.cells {
            let col = placed.column
            var cellRole = role
            if placed.role == .controlGlyph { cellRole = .controlGlyph } else if placed.role == .escapeSequence { cellRole = .dim }
            if highlights.contains(where: { $0.contains(col) }) { cellRole = .match }
            buf.put(glyphs: CollectionOfOne(placed.glyph), x: x0 + col, y: y, maxWidth: maxX - (x0 + col), role: cellRole)
        }
    }

    /// A scroll indicator in the right-most column: `fraction` 0…1 through the text.
    static func drawScrollbar(rect: Rect, fraction: Double, visibleShare: Double, into buf: inout CellBuffer) {
        guard visibleShare < 1 else { return }
        let thumb = max(1, Int(Double(rect.height) * visibleShare))
        let pos = Int(Double(rect.height - thumb) * min(1, max(0, fraction)))
        for y in 0..<rect.height {
            let inThumb = y >= pos && y < pos + thumb
            buf.set(x: rect.maxX - 1, y: rect.y + y, Cell(text: inThumb ? "█" : "│", width: 1, role: .border))
        }
    }
}
