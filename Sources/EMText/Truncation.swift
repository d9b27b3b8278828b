// Fitting one line of untrusted text into exactly N columns.
//
// Used for list columns. The text is sanitized as one line (line breaks
// become `␤`, tabs a single space, everything hostile a placeholder). If it
// fits it is padded with spaces; otherwise it is cut at a glyph boundary
// and the ellipsis is appended, then padded — a wide character that would
// straddle the cut is dropped and replaced by a space, so the result is
// always exactly N columns. Long placeholders may be cut inside (they are
// plain narrow characters).

/// Truncate-and-pad helpers for fixed-width columns.
public enum Truncation {

    /// Which side the padding goes on.
    public enum Alignment: Sendable, Hashable {
        /// Text at the left, padding at the right.
        case leading
        /// Padding at the left, text at the right (numbers).
        case trailing
    }

    /// `text` sanitized as one line and fitted to exactly `width` columns
    /// (empty if `width` ≤ 0), with `ellipsis` marking a cut.
    public static func fit(_ text: String, width: Int, ellipsis: String = "\u{2026}",
                           alignment: Alignment = .leading) -> String {
        var s = ""
        for c in fitCells(text, width: width, ellipsis: ellipsis, alignment: alignment) {
            s += c.glyph.text
        }
        return s
    }

    /// Like `fit` but returns placed glyphs, keeping roles for styling.
    public static func fitCells(_ text: String, width: Int, ellipsis: String = "\u{2026}",
                                alignment: Alignment = .leading) -> [PlacedGlyph] {
        return fitCells(Sanitizer.sanitize(text, options: .oneLine), width: width,
                        ellipsis: ellipsis, alignment: alignment)
    }

    /// Fits already-sanitized glyphs to exactly `width` columns. Line
    /// breaks become `␤`, tabs one column.
    public static func fitCells(_ glyphs: [Glyph], width: Int, ellipsis: String = "\u{2026}",
                                alignment: Alignment = .leading) -> [PlacedGlyph] {
        guard width > 0 else { return [] }
        let items: [Glyph] = glyphs.map { g in
            switch g.role {
            case .lineBreak: return Glyph(text: "\u{2424}", width: 1, role: .controlGlyph, source: g.source)
            case .tab: return Glyph(text: " ", width: 1, role: .tab, source: g.source)
            default: return g
            }
        }
        var cells: [PlacedGlyph] = []
        var col = 0
        var end = items.first?.source.lowerBound ?? 0
        let total = items.reduce(0) { $0 + $1.width }
        if total <= width {
            for g in items {
                cells.append(PlacedGlyph(glyph: g, column: col))
                col += g.width
                end = g.source.upperBound
            }
        } else {
            var ell = Sanitizer.sanitize(ellipsis, options: .oneLine)
            var ellWidth = ell.reduce(0) { $0 + $1.width }
            if ellWidth > width || ellWidth == 0 {
                ell = [Glyph(text: "\u{2026}", width: 1, role: .text, source: 0..<0)]
                ellWidth = 1
            }
            let avail = width - ellWidth
            outer: for g in items {
                if col + g.width <= avail {
                    cells.append(PlacedGlyph(glyph: g, column: col))
                    col += g.width
                    end = g.source.upperBound
                    continue
                }
                if g.role == .controlGlyph || g.role == .escapeSequence,
                   g.text.unicodeScalars.count == g.width {
                    // A placeholder: all narrow characters, may be cut.
                    for ch in g.text {
                        guard col + 1 <= avail else { break outer }
                        cells.append(PlacedGlyph(glyph: Glyph(text: String(ch), width: 1, role: g.role,
                                                              source: g.source), column: col))
                        col += 1
                    }
                }
                break
            }
            for e in ell {
                cells.append(PlacedGlyph(glyph: Glyph(text: e.text, width: e.width, role: .text,
                                                      source: end..<end), column: col))
                col += e.width
            }
        }
        let padding = width - col
        guard padding > 0 else { return cells }
        let pad = Glyph(text: " ", width: 1, role: .text, source: end..<end)
        switch alignment {
        case .leading:
            for _ in 0..<padding {
                cells.append(PlacedGlyph(glyph: pad, column: col))
                col += 1
            }
            return cells
        case .trailing:
            var out: [PlacedGlyph] = []
            out.reserveCapacity(cells.count + padding)
            for k in 0..<padding { out.append(PlacedGlyph(glyph: pad, column: k)) }
            for c in cells { out.append(PlacedGlyph(glyph: c.glyph, column: c.column + padding)) }
            return out
        }
    }

    /// Columns that `text` takes once sanitized as one line (for sizing
    /// columns to their content).
    public static func displayWidth(_ text: String) -> Int {
        var w = 0
        Sanitizer.forEachGlyph(in: text, options: .oneLine) { w += $0.width }
        return w
    }
}
