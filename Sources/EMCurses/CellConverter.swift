import CNcursesw
import EMTUI

/// One thing curses is asked to draw: a single cell's scalars at an absolute position.
public struct CursesGlyph: Hashable, Sendable {
    /// 0-based screen row.
    public var row: Int
    /// 0-based screen column.
    public var column: Int
    /// One spacing scalar followed by at most four combining marks. Never a control character.
    public var scalars: [Unicode.Scalar]
    /// Attributes and colour pair.
    public var style: CursesStyle

    /// A glyph at a position.
    public init(row: Int, column: Int, scalars: [Unicode.Scalar], style: CursesStyle) {
        self.row = row
        self.column = column
        self.scalars = scalars
        self.style = style
    }

    /// The scalars as a string (for tests and diagnostics).
    public var text: String { String(String.UnicodeScalarView(scalars)) }
}

/// Turns a `CellBuffer` into the exact list of glyphs the backend hands to curses.
///
/// A pure function of the buffer, the screen size, the palette and a width function, so tests
/// can assert on what reaches ncurses. It is also the backend's last line of defence: a cell is
/// already sanitized upstream, but anything that could act as a terminal control is replaced
/// here by a placeholder in the `controlGlyph` role, and every glyph's column budget matches
/// what curses will compute with `wcwidth`, so a disagreement about widths can never shift
/// the columns that follow.
public struct CellConverter: Sendable {
    /// Most scalars curses stores in one cell (`CCHARW_MAX`).
    public static let maximumScalarsPerCell = Int(CCHARW_MAX)

    /// What replaces a cell that cannot be drawn safely (one column wide).
    public var placeholder: Unicode.Scalar
    /// The column width of a scalar as curses sees it (`wcwidth`): -1 for unprintable.
    public var scalarWidth: @Sendable (Unicode.Scalar) -> Int

    /// A converter with an explicit placeholder and width function (tests pass a fixed table).
    public init(placeholder: Unicode.Scalar, scalarWidth: @escaping @Sendable (Unicode.Scalar) -> Int) {
        self.placeholder = placeholder
        self.scalarWidth = scalarWidth
    }

    /// The converter for the current C locale: `wcwidth` widths, and U+FFFD as placeholder
    /// when the locale can display it, `?` otherwise.
    public static func forCurrentLocale() -> CellConverter {
        let width: @Sendable (Unicode.Scalar) -> Int = { Int(wcwidth(wchar_t(bitPattern: $0.value))) }
        let replacement: Unicode.Scalar = width("\u{FFFD}") == 1 ? "\u{FFFD}" : "?"
        return CellConverter(placeholder: replacement, scalarWidth: width)
    }

    /// The glyphs for every visible cell of `buffer`, row by row, left to right. Cells outside
    /// `screen` are clipped; continuation cells produce nothing (curses covers them).
    public func glyphs(for buffer: CellBuffer, screen: Size, palette: CursesPalette) -> [CursesGlyph] {
        let rows = min(buffer.height, screen.height)
        let columns = min(buffer.width, screen.width)
        guard rows > 0, columns > 0 else { return [] }
        let controlStyle = palette.style(for: .controlGlyph)
        var glyphs: [CursesGlyph] = []
        glyphs.reserveCapacity(rows * columns)
        for y in 0..<rows {
            // The column right of the last wide glyph drawn: curses covers it.
            var coveredColumn = -1
            for x in 0..<columns {
                let cell = buffer[x, y]
                let style = palette.style(for: cell.role)
                func put(_ scalars: [Unicode.Scalar], at column: Int, _ style: CursesStyle) {
                    glyphs.append(CursesGlyph(row: y, column: column, scalars: scalars, style: style))
                }
                if cell.isContinuation {
                    // An orphaned continuation would leave the previous frame's cell showing.
                    if x != coveredColumn { put([" "], at: x, style) }
                    continue
                }
                let span = cell.width >= 2 ? 2 : 1
                if span == 2 { coveredColumn = x + 1 }
                if x + span > columns {
                    // A wide grapheme in the last column would wrap: draw a blank instead.
                    put([" "], at: x, style)
                    continue
                }
                switch shape(of: cell.text) {
                case .unsafe:
                    put([placeholder], at: x, controlStyle)
                    if span == 2 { put([" "], at: x + 1, controlStyle) }
                case .undrawable:
                    put([placeholder], at: x, style)
                    if span == 2 { put([" "], at: x + 1, style) }
                case let .drawable(scalars, width):
                    if width == span {
                        put(scalars, at: x, style)
                    } else if width < span {
                        // Curses thinks it is narrower than the buffer does: pad explicitly.
                        put(scalars, at: x, style)
                        put([" "], at: x + 1, style)
                    } else {
                        // Curses would draw it wider than its cell and overwrite a neighbour.
                        put([placeholder], at: x, style)
                    }
                }
            }
        }
        return glyphs
    }

    /// What a cell's text turns into.
    enum Shape: Equatable {
        case drawable([Unicode.Scalar], width: Int)
        case unsafe
        case undrawable
    }

    /// Reduces a grapheme to what curses can hold in one cell: its first scalar (which must be
    /// printable and spacing) and the combining marks right after it. Joiners and everything
    /// after them are dropped, so no invisible format character reaches the terminal.
    func shape(of text: String) -> Shape {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first else { return .drawable([" "], width: 1) }
        if scalars.contains(where: Self.isUnsafe) { return .unsafe }
        let base = first
        var width = scalarWidth(base)
        if width < 0, let ascii = Self.asciiFallback(for: base) {
            return .drawable([ascii], width: 1)
        }
        guard width > 0 else { return .undrawable }
        if width > 2 { width = 2 }
        var kept = [base]
        for scalar in scalars.dropFirst() {
            if kept.count == Self.maximumScalarsPerCell { break }
            // An emoji presentation selector on a narrow base makes terminals disagree on width.
            if scalar == "\u{FE0F}", width == 1 { continue }
            guard Self.isCombining(scalar), scalarWidth(scalar) == 0 else { break }
            kept.append(scalar)
        }
        return .drawable(kept, width: width)
    }

    /// True for scalars that must never reach a terminal: C0 controls, DEL, C1 controls,
    /// bidirectional embeddings, overrides, isolates and marks, and line/paragraph separators.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F, 0x80...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        case 0x200E, 0x200F, 0x061C: return true
        case 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Combining marks and variation selectors: the only scalars kept after a cell's base.
    static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF: return true
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// ASCII stand-ins for box drawing and block elements when the locale cannot show them.
    static func asciiFallback(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550, 0x2574, 0x2576, 0x2578, 0x257A:
            return "-"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551, 0x2575, 0x2577, 0x2579, 0x257B:
            return "|"
        case 0x2500...0x257F: return "+"
        case 0x2580...0x259F: return "#"
        case 0x2026: return "."
        default: return nil
        }
    }
}
