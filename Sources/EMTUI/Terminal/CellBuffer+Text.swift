import EMText

extension CellBuffer {
    /// Writes untrusted text on one row, sanitized to a single line and clipped to `maxWidth`
    /// columns (a wide grapheme that would straddle the edge is not drawn). Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int, role: StyleRole = .normal) -> Int {
        put(glyphs: Sanitizer.sanitize(text, options: .oneLine), x: x, y: y, maxWidth: maxWidth, role: role)
    }

    /// Writes already-sanitized glyphs on one row; placeholders take the `controlGlyph` role.
    @discardableResult
    public mutating func put(glyphs: some Sequence<Glyph>, x: Int, y: Int, maxWidth: Int, role: StyleRole = .normal,
                             highlight: ((Glyph) -> StyleRole?)? = nil) -> Int {
        guard y >= 0, y < height, maxWidth > 0 else { return 0 }
        var col = 0
        for glyph in glyphs {
            if glyph.role == .lineBreak { break }
            let w = glyph.width
            if w <= 0 { continue }
            if col + w > maxWidth { break }
            var cellRole: StyleRole
            switch glyph.role {
            case .controlGlyph: cellRole = .controlGlyph
            case .escapeSequence: cellRole = .dim
            default: cellRole = role
            }
            if let h = highlight?(glyph) { cellRole = h }
            if glyph.role == .tab || (glyph.text.count > 1 && glyph.role != .text) || w > 2 {
                // Tabs and multi-column placeholders: one cell per column.
                var i = 0
                for ch in glyph.text where i < w {
                    set(x: x + col + i, y: y, Cell(text: String(ch), width: 1, role: cellRole))
                    i += 1
                }
                while i < w {
                    set(x: x + col + i, y: y, Cell(text: " ", width: 1, role: cellRole))
                    i += 1
                }
            } else {
                set(x: x + col, y: y, Cell(text: glyph.text, width: UInt8(w), role: cellRole))
                if w == 2 { set(x: x + col + 1, y: y, Cell(text: "", width: 0, role: cellRole)) }
            }
            col += w
        }
        return col
    }

    /// Writes text padded with blanks (or clipped with `…`) to exactly `width` columns.
    public mutating func putPadded(_ text: String, x: Int, y: Int, width: Int, role: StyleRole = .normal) {
        guard width > 0 else { return }
        fill(Rect(x: x, y: y, width: width, height: 1), role: role)
        let glyphs = Sanitizer.sanitize(text, options: .oneLine)
        let total = glyphs.reduce(0) { $0 + max(0, $1.width) }
        if total <= width {
            put(glyphs: glyphs, x: x, y: y, maxWidth: width, role: role)
        } else {
            let used = put(glyphs: glyphs, x: x, y: y, maxWidth: width - 1, role: role)
            set(x: x + used, y: y, Cell(text: "…", width: 1, role: role))
        }
    }

    /// Writes text right-aligned in a field of `width` columns.
    public mutating func putRight(_ text: String, x: Int, y: Int, width: Int, role: StyleRole = .normal) {
        let glyphs = Sanitizer.sanitize(text, options: .oneLine)
        let total = glyphs.reduce(0) { $0 + max(0, $1.width) }
        fill(Rect(x: x, y: y, width: width, height: 1), role: role)
        put(glyphs: glyphs, x: x + max(0, width - total), y: y, maxWidth: min(width, total), role: role)
    }
}
