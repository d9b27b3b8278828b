/// A full frame as a grid of cells. Panes render into it; the backend draws it.
///
/// Rendering is a pure function of state into a buffer. Every text written goes through
/// `EMText`'s sanitizer (see `CellBuffer+Text.swift`), so nothing in a buffer can act as a
/// terminal control.
public struct CellBuffer: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    /// A blank buffer of the given size.
    public init(size: Size, fill: Cell = .blank()) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        cells = Array(repeating: fill, count: self.size.width * self.size.height)
    }

    public var width: Int { size.width }
    public var height: Int { size.height }

    /// The cell at a position (must be inside the buffer).
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Sets one cell when the position is inside the buffer, repairing wide characters it splits.
    public mutating func set(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        let i = y * size.width + x
        // Overwriting half of a wide grapheme blanks the other half.
        if cells[i].isContinuation, x > 0 { cells[i - 1] = .blank(cells[i - 1].role) }
        if cells[i].width == 2, x + 1 < size.width { cells[i + 1] = .blank(cells[i + 1].role) }
        cells[i] = cell
    }

    /// Fills a rectangle with blanks in one role.
    public mutating func fill(_ rect: Rect, role: StyleRole = .normal) {
        let x0 = max(0, rect.x), x1 = min(size.width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(size.height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * size.width + x] = .blank(role) }
        }
    }

    /// Changes the role of every cell in a rectangle, keeping its text (used for highlights).
    public mutating func restyle(_ rect: Rect, role: StyleRole) {
        let x0 = max(0, rect.x), x1 = min(size.width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(size.height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * size.width + x].role = role }
        }
    }

    /// The buffer as plain text lines (wide graphemes once, continuation cells skipped),
    /// with trailing spaces kept so columns can be compared in tests.
    public func lines() -> [String] {
        (0..<size.height).map { line($0) }
    }

    /// One row as plain text.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<size.width {
            let c = cells[y * size.width + x]
            if !c.isContinuation { s += c.text }
        }
        return s
    }
}
