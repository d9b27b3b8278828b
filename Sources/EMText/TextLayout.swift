// Word wrap of sanitized glyphs into display lines.
//
// Rules (greedy, one pass):
// - A line never exceeds the width W. A wide (2-column) glyph that does not
//   fit in the remaining columns goes to the next line; it never straddles
//   the right edge.
// - Break opportunities: after a run of breaking whitespace (space, tab,
//   U+1680, U+2000–U+2006, U+2008–U+200A, U+205F, U+3000; not the no-break
//   spaces U+00A0, U+2007, U+202F), and before/after a CJK-class glyph
//   (ideographs, kana, Hangul syllables, fullwidth forms) so that text
//   without spaces wraps. No further UAX #14 rules (no kinsoku, no hyphen
//   breaks).
// - A word longer than the line is broken at glyph boundaries.
// - At a soft break the whitespace run is consumed: trailing whitespace is
//   not shown at the end of the line and leading whitespace is not shown at
//   the start of the continuation line. Leading whitespace of a paragraph
//   (indentation) and trailing whitespace before a hard line end are kept
//   as far as they fit.
// - Tabs expand to the next multiple of `tabWidth` columns measured from
//   the start of the display line, but never past the right edge (a tab
//   that would cross it stops there, like a terminal's tab).
// - A placeholder wider than W (e.g. a long `⟨tags "…"⟩`) is split into
//   W-column pieces that share its source range. If W is 1, a 2-column
//   grapheme cannot be shown and is replaced by a `?` placeholder.
// - A paragraph with no glyphs is one empty line. A final line break does
//   not start an extra empty line: "a\n" is one line, "a\n\n" is two.

/// A glyph placed at a column of a display line.
public struct PlacedGlyph: Sendable, Hashable {
    /// The glyph (for tabs: text is the expanded run of spaces).
    public var glyph: Glyph
    /// Zero-based column where the glyph starts.
    public var column: Int

    /// Creates a placed glyph.
    public init(glyph: Glyph, column: Int) {
        self.glyph = glyph
        self.column = column
    }

    /// The glyph's text.
    public var text: String { glyph.text }
    /// The glyph's width in columns.
    public var width: Int { glyph.width }
    /// The glyph's role.
    public var role: GlyphRole { glyph.role }
}

/// One row of wrapped text, ready to draw: glyphs with their columns.
public struct DisplayLine: Sendable, Hashable {
    /// The glyphs, left to right, with columns.
    public var cells: [PlacedGlyph]
    /// Columns used (≤ the layout width).
    public var width: Int
    /// UTF-8 byte range of the source covered by this line (including
    /// whitespace consumed at a soft break). Consecutive lines of a
    /// paragraph have adjacent ranges.
    public var sourceRange: Range<Int>
    /// True when this line continues the previous one because of wrapping
    /// (not a new paragraph).
    public var isContinuation: Bool

    /// Creates a display line.
    public init(cells: [PlacedGlyph], width: Int, sourceRange: Range<Int>, isContinuation: Bool) {
        self.cells = cells
        self.width = width
        self.sourceRange = sourceRange
        self.isContinuation = isContinuation
    }

    /// The line's glyph texts joined (tabs as spaces) — handy for tests
    /// and plain output. Safe to print.
    public var text: String {
        var s = ""
        for c in cells { s += c.glyph.text }
        return s
    }

    /// Column ranges to highlight for the given source byte ranges (e.g.
    /// search matches from `TextSearch`): every glyph whose source overlaps
    /// a range is highlighted; adjacent highlighted glyphs are merged.
    public func highlightedColumns(for sourceRanges: [Range<Int>]) -> [Range<Int>] {
        guard !sourceRanges.isEmpty else { return [] }
        var out: [Range<Int>] = []
        for cell in cells {
            let src = cell.glyph.source
            var hit = false
            for r in sourceRanges where r.overlaps(src) || (src.isEmpty && r.contains(src.lowerBound)) {
                hit = true
                break
            }
            guard hit else { continue }
            let span = cell.column..<(cell.column + cell.width)
            if let last = out.last, last.upperBound == span.lowerBound {
                out[out.count - 1] = last.lowerBound..<span.upperBound
            } else {
                out.append(span)
            }
        }
        return out
    }
}

/// How text is laid out.
public struct LayoutOptions: Sendable, Hashable {
    /// Tab stops every this many columns (≥ 1). Default 8.
    public var tabWidth: Int
    /// Sanitizer settings used when laying out strings or bytes.
    public var sanitizer: SanitizerOptions
    /// `WrappedText` cuts paragraphs longer than this many bytes into
    /// independently wrapped segments, near every multiple of this many
    /// bytes (see Segmenter.swift). Minimum 256. Default 8 KiB.
    public var maxSegmentBytes: Int
    /// How many laid-out segments `WrappedText` keeps in memory.
    public var cachedSegments: Int

    /// Creates layout options; every parameter has the viewer's default.
    public init(tabWidth: Int = 8, sanitizer: SanitizerOptions = .standard,
                maxSegmentBytes: Int = 8_192, cachedSegments: Int = 16) {
        self.tabWidth = max(1, tabWidth)
        var san = sanitizer
        san.singleLine = false
        self.sanitizer = san
        self.maxSegmentBytes = max(256, maxSegmentBytes)
        self.cachedSegments = max(2, cachedSegments)
    }
}

/// Eager word wrap for short texts. For long texts use `WrappedText`,
/// which lays out only what is displayed.
public enum TextLayout {

    /// Sanitizes and wraps `text` to `width` columns.
    public static func wrap(_ text: String, width: Int, options: LayoutOptions = LayoutOptions()) -> [DisplayLine] {
        return wrap(Sanitizer.sanitize(text, options: options.sanitizer), width: width, tabWidth: options.tabWidth)
    }

    /// Wraps already-sanitized glyphs (`.lineBreak` glyphs end paragraphs)
    /// to `width` columns (at least 1).
    public static func wrap(_ glyphs: [Glyph], width: Int, tabWidth: Int = 8) -> [DisplayLine] {
        var lines: [DisplayLine] = []
        var paragraph: [Glyph] = []
        var paraStart = glyphs.first?.source.lowerBound ?? 0
        for g in glyphs {
            if g.role == .lineBreak {
                wrapParagraph(paragraph, width: width, tabWidth: tabWidth, startsParagraph: true,
                              endsParagraph: true, source: paraStart..<max(paraStart, g.source.lowerBound),
                              into: &lines)
                paragraph.removeAll(keepingCapacity: true)
                paraStart = g.source.upperBound
            } else {
                paragraph.append(g)
            }
        }
        if !paragraph.isEmpty {
            let end = max(paraStart, paragraph.last!.source.upperBound)
            wrapParagraph(paragraph, width: width, tabWidth: tabWidth, startsParagraph: true,
                          endsParagraph: true, source: paraStart..<end, into: &lines)
        }
        return lines
    }

    // MARK: - Internals

    /// Breaking whitespace (see the file comment).
    @inline(__always)
    static func isSpace(_ g: Glyph) -> Bool {
        if g.role == .tab { return true }
        if g.role == .controlGlyph { return false }
        let utf8 = g.text.utf8
        if utf8.count == 1 { return utf8.first == 0x20 }
        guard utf8.count == 3, let s = g.text.unicodeScalars.first else { return false }
        let v = s.value
        return v == 0x3000 || v == 0x1680 || v == 0x205F
            || (v >= 0x2000 && v <= 0x2006) || (v >= 0x2008 && v <= 0x200A)
    }

    /// CJK-class glyphs allow a line break before and after them.
    @inline(__always)
    static func isCJK(_ g: Glyph) -> Bool {
        guard g.width == 2, g.role != .controlGlyph, let s = g.text.unicodeScalars.first else { return false }
        let v = s.value
        return (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F)
            || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0xFFE0 && v <= 0xFFE6)
            || (v >= 0x20000 && v <= 0x3FFFD)
    }

    /// Splits glyphs wider than `width` into pieces that fit.
    static func splitOversized(_ glyphs: [Glyph], width: Int) -> [Glyph] {
        var out: [Glyph] = []
        out.reserveCapacity(glyphs.count + 8)
        for g in glyphs {
            if g.width <= width || g.role == .tab {
                out.append(g)
                continue
            }
            if g.role == .text && g.width == 2 {
                // Only possible when width == 1.
                out.append(Glyph(text: "?", width: 1, role: .controlGlyph, source: g.source))
                continue
            }
            var piece = ""
            var pieceWidth = 0
            for ch in g.text {
                let w = max(1, DisplayWidth.of(ch))
                if pieceWidth + w > width && pieceWidth > 0 {
                    out.append(Glyph(text: piece, width: pieceWidth, role: g.role, source: g.source))
                    piece = ""
                    pieceWidth = 0
                }
                if w > width {
                    out.append(Glyph(text: "?", width: 1, role: .controlGlyph, source: g.source))
                    continue
                }
                piece.append(ch)
                pieceWidth += w
            }
            if pieceWidth > 0 {
                out.append(Glyph(text: piece, width: pieceWidth, role: g.role, source: g.source))
            }
        }
        return out
    }

    /// Wraps one paragraph (or one segment of a long paragraph: then
    /// `startsParagraph` / `endsParagraph` say whether it is the first /
    /// last segment). Appends its lines to `lines`.
    static func wrapParagraph(_ input: [Glyph], width requestedWidth: Int, tabWidth: Int,
                              startsParagraph: Bool, endsParagraph: Bool,
                              source: Range<Int>, into lines: inout [DisplayLine]) {
        let width = max(1, requestedWidth)
        let tabWidth = max(1, tabWidth)
        var glyphs = input
        if glyphs.contains(where: { $0.width > width && $0.role != .tab }) {
            glyphs = splitOversized(glyphs, width: width)
        }
        if glyphs.isEmpty {
            lines.append(DisplayLine(cells: [], width: 0, sourceRange: source, isContinuation: !startsParagraph))
            return
        }

        let firstNew = lines.count
        var starts: [Int] = []          // first glyph index of each emitted line
        var cells: [PlacedGlyph] = []
        var col = 0
        var keep = 0                    // cells up to the last non-space
        var breakCells = -1             // cells before the latest break opportunity
        var breakKeep = 0               // cells shown if we break there
        var breakGlyph = 0              // glyph index starting the next line then
        var lineStart = 0
        var continuation = !startsParagraph
        var skipSpaces = !startsParagraph

        func emit(_ count: Int) {
            let shown = Array(cells[0..<count])
            let w = count > 0 ? shown[count - 1].column + shown[count - 1].width : 0
            lines.append(DisplayLine(cells: shown, width: w, sourceRange: source, isContinuation: continuation))
            starts.append(lineStart)
        }

        var gi = 0
        let n = glyphs.count
        while gi < n {
            let g = glyphs[gi]
            if isSpace(g) {
                if skipSpaces && cells.isEmpty {
                    gi += 1
                    continue
                }
                var w = g.role == .tab ? tabWidth - col % tabWidth : g.width
                if g.role == .tab && col < width {
                    w = min(w, width - col)     // a tab stops at the right edge
                }
                if col + w > width {
                    emit(keep)
                    cells.removeAll(keepingCapacity: true)
                    col = 0
                    keep = 0
                    breakCells = -1
                    lineStart = gi
                    continuation = true
                    skipSpaces = true
                    continue
                }
                var placed = g
                if g.role == .tab {
                    placed.text = String(repeating: " ", count: w)
                    placed.width = w
                }
                cells.append(PlacedGlyph(glyph: placed, column: col))
                col += w
                breakCells = cells.count
                breakKeep = keep
                breakGlyph = gi + 1
                gi += 1
                continue
            }
            if let prev = cells.last, !isSpace(prev.glyph), isCJK(prev.glyph) || isCJK(g) {
                breakCells = cells.count
                breakKeep = cells.count
                breakGlyph = gi
            }
            let w = g.width
            if col + w <= width {
                cells.append(PlacedGlyph(glyph: g, column: col))
                col += w
                keep = cells.count
                skipSpaces = false
                gi += 1
                continue
            }
            // g does not fit.
            if breakCells >= 0 && breakKeep > 0 {
                let tail = Array(cells[breakCells...])
                emit(breakKeep)
                cells.removeAll(keepingCapacity: true)
                col = 0
                for t in tail {
                    cells.append(PlacedGlyph(glyph: t.glyph, column: col))
                    col += t.width
                }
                keep = cells.count
                lineStart = breakGlyph
            } else {
                emit(cells.count)
                cells.removeAll(keepingCapacity: true)
                col = 0
                keep = 0
                lineStart = gi
            }
            breakCells = -1
            continuation = true
            skipSpaces = false
        }
        if !cells.isEmpty || starts.isEmpty {
            emit(endsParagraph ? cells.count : keep)
        }

        // Source ranges: each line runs from its first glyph to the next
        // line's first glyph; the first and last lines extend to the
        // paragraph bounds.
        let count = lines.count - firstNew
        for k in 0..<count {
            let lower = k == 0 ? source.lowerBound : glyphs[starts[k]].source.lowerBound
            let upper = k + 1 < count ? glyphs[starts[k + 1]].source.lowerBound : source.upperBound
            lines[firstNew + k].sourceRange = lower..<max(lower, upper)
        }
    }
}
