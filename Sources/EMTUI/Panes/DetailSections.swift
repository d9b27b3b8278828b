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
            let summary = summary(pane, state)
            if !summary.text.isEmpty {
                buf.put("  " + summary.text, x: rect.x + used, y: rect.y, maxWidth: rect.width - used,
                        role: summary.role ?? role)
            }
        }
        renderBody(state, layout: l, documents: documents, into: &buf)
    }

    /// The one-line summary in a section's header.
    static func summary(_ pane: Pane, _ state: AppState) -> (text: String, role: StyleRole?) {
        guard let s = state.detail.sample else { return ("", nil) }
        switch pane {
        case .prompt:
            let examples = s.exampleCount > 0 ? "\(s.exampleCount) examples · \(s.run.dataset)" : "k=\(s.run.k)"
            return ("\(examples) · \(s.question.key)", nil)
        case .reasoning:
            guard let r = s.reasoning, !r.isEmpty else { return ("none recorded", .dim) }
            return ("\(wordCount(r)) words", nil)
        case .answer:
            return ("\(wordCount(s.answer)) words", nil)
        case .judges:
            if s.judges.isEmpty { return ("not judged", .dim) }
            let text = s.judges.map { "\($0.judge) \($0.verdict.rawValue) \(SampleListPane.score($0.scores.aligned))" }
                .joined(separator: " · ")
            return s.judgesDisagree ? ("⚠ " + text, .conflict) : (text, SampleListPane.verdictRole(s.judges[0].verdict))
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
            let y = rect.y + i
            let highlights = item.line.highlightedColumns(for: matches[item.block] ?? [])
            let x0 = rect.x + 1 + item.indent
            for placed in item.line.cells {
                let col = placed.column
                var role = item.role
                if placed.role == .controlGlyph { role = .controlGlyph } else if placed.role == .escapeSequence { role = .dim }
                if highlights.contains(where: { $0.contains(col) }) { role = .match }
                buf.put(glyphs: CollectionOfOne(placed.glyph), x: x0 + col, y: y, maxWidth: rect.maxX - 1 - (x0 + col), role: role)
            }
        }
        // Scroll indicator in the right-most column.
        if doc.lineCount > rect.height {
            let thumb = max(1, rect.height * rect.height / max(1, doc.lineCount))
            let pos = (rect.height - thumb) * top / max(1, doc.lineCount - rect.height)
            for y in 0..<rect.height {
                let inThumb = y >= pos && y < pos + thumb
                buf.set(x: rect.maxX - 1, y: rect.y + y, Cell(text: inThumb ? "█" : "│", width: 1, role: .border))
            }
        }
    }
}
