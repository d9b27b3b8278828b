import EMCore

/// What a chart cell shows, so a colour terminal can style it (the glyphs alone must read without colour).
public enum ChartRole: Hashable, Sendable {
    case blank
    case axis
    case label
    case title
    /// A series' point glyph (series index).
    case point(Int)
    /// A series' interval whisker (series index).
    case whisker(Int)
    case legend
}

/// One cell of a text chart. A wide character takes its cell and a continuation cell (`text` empty,
/// `width` 0) to its right, as in the explorer's `CellBuffer`.
public struct ChartCell: Hashable, Sendable {
    public var text: String
    public var width: Int
    public var role: ChartRole

    public static let blank = ChartCell(text: " ", width: 1, role: .blank)

    public init(text: String, width: Int, role: ChartRole) {
        self.text = text
        self.width = width
        self.role = role
    }
}

/// A text chart: a grid of cells, exactly `width` × `height`.
public struct ChartGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [ChartCell]

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> ChartCell { cells[y * width + x] }

    mutating func set(_ x: Int, _ y: Int, _ text: String, _ role: ChartRole) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        cells[y * width + x] = ChartCell(text: text, width: 1, role: role)
    }

    /// Writes safe text from column x, clipped at the right edge (a wide character that would straddle
    /// it is not written). Returns the columns used.
    @discardableResult
    mutating func write(_ text: String, x: Int, y: Int, role: ChartRole, display: DisplayText) -> Int {
        guard y >= 0, y < height else { return 0 }
        var col = x
        for ch in text {
            let s = String(ch)
            let w = max(0, display.width(s))
            if w == 0 { continue }
            if col + w > width { break }
            if col >= 0 {
                cells[y * width + col] = ChartCell(text: s, width: w, role: role)
                if w == 2 { cells[y * width + col + 1] = ChartCell(text: "", width: 0, role: role) }
            }
            col += w
        }
        return col - x
    }

    /// The chart as text lines, trailing spaces removed.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where cells[y * width + x].width > 0 { line += cells[y * width + x].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}

/// A dose-response chart drawn with text: EM rate (y) against k (x, log₂ scale), one glyph per series,
/// Wilson 95 % intervals as `│` whiskers, axes with ticks and labels, and a legend.
///
/// Layout, top to bottom: the y-axis title; the plot rows with y tick labels; the x axis (`└──┬──`, with
/// `┄` where the axis breaks between k = 0 and the log scale); the k labels; the x-axis title; the
/// legend. **k = 0** has no place on a log scale (log 0 is undefined), so it sits at the left edge, a
/// few columns before the broken axis starts. Series at one k are spread over adjacent columns when
/// there is room ("dodged"), so their whiskers do not overlap; a point hides a whisker under it, and a
/// later series' point hides an earlier one's on the same cell. Points whose rate is undefined
/// (no kept sample) are not drawn.
public enum DoseChartText {
    /// The series glyphs in order (geometric shapes, then ASCII); more series than glyphs reuse them.
    public static let glyphs = ["●", "▲", "■", "◆", "○", "△", "□", "◇", "x", "+", "*", "#", "@", "%", "&", "="]

    public static let yTitle = "EM rate, % of kept (│ Wilson 95 % CI)"
    public static let xTitle = "k (log scale; 0 at the left edge)"

    /// Renders the chart at `width` × `height` (at least 30 × 10; smaller sizes are raised to that).
    public static func render(_ series: [DoseSeries], width: Int, height: Int, yMax: ChartYMax = .auto,
                              display: DisplayText) -> ChartGrid {
        let width = max(30, width), height = max(10, height)
        let scale = DoseScale(series: series, yMax: yMax)
        var grid = ChartGrid(width: width, height: height)

        // Legend entries, packed into lines.
        let entries = series.enumerated().map { i, s in
            (glyph: glyph(i), name: display.name(s.name), series: i)
        }
        var legendLines: [[(glyph: String, name: String, series: Int)]] = [[]]
        var used = 0
        for e in entries {
            let w = display.width(e.glyph) + 1 + display.width(e.name)
            if used > 0 && used + 2 + w > width {
                legendLines.append([])
                used = 0
            }
            used += (used > 0 ? 2 : 0) + w
            legendLines[legendLines.count - 1].append(e)
        }
        if legendLines.last?.isEmpty == true { legendLines.removeLast() }
        let plotHeight = max(2, height - 4 - legendLines.count)

        // Y axis.
        let tickLabels = scale.yTicks.map(DoseScale.percentLabel)
        let labelWidth = tickLabels.map { display.width($0) }.max() ?? 0
        let axisX = labelWidth + 1
        let plotX = axisX + 1
        let plotWidth = width - plotX
        let top = 1
        func row(_ value: Double) -> Int {
            top + Int(((1 - scale.yFraction(value)) * Double(plotHeight - 1)).rounded())
        }
        grid.write(yTitle, x: 0, y: 0, role: .title, display: display)
        var labelledRows = Set<Int>()
        for y in top..<(top + plotHeight) { grid.set(axisX, y, "│", .axis) }
        for (tick, label) in zip(scale.yTicks, tickLabels) {
            let y = row(tick)
            grid.set(axisX, y, "┤", .axis)
            guard labelledRows.insert(y).inserted else { continue }
            grid.write(label, x: labelWidth - display.width(label), y: y, role: .label, display: display)
        }

        // X positions: k = 0 at the left edge, the positive k on a log scale after a break.
        let n = series.count
        let dodgeLeft = n > 1 ? (n - 1) / 2 : 0
        let dodgeRight = n > 1 ? n - 1 - dodgeLeft : 0
        let zeroColumn = max(1, dodgeLeft)
        let logStart = scale.hasZero ? zeroColumn + dodgeRight + dodgeLeft + 5 : max(2, dodgeLeft)
        let logEnd = plotWidth - 1 - max(2, dodgeRight)
        func column(_ k: Int) -> Int {
            if k == 0 { return zeroColumn }
            return logStart + Int((scale.logFraction(k) * Double(max(0, logEnd - logStart))).rounded())
        }
        let columns = scale.ks.map(column)
        var spacing = Int.max
        for i in columns.indices.dropFirst() { spacing = min(spacing, columns[i] - columns[i - 1]) }
        let dodge = n > 1 && spacing > n   // room for n columns side by side and a gap

        // X axis, ticks and labels.
        let axisY = top + plotHeight
        grid.set(axisX, axisY, "└", .axis)
        for x in 0..<plotWidth {
            let broken = scale.hasZero && x > zeroColumn + dodgeRight + 1 && x < logStart - dodgeLeft - 1
            grid.set(plotX + x, axisY, broken ? "┄" : "─", .axis)
        }
        var labelEnd = 0
        for (k, c) in zip(scale.ks, columns) {
            grid.set(plotX + c, axisY, "┬", .axis)
            let label = String(k)
            let w = display.width(label)
            let start = plotX + c - (w - 1) / 2
            guard start >= labelEnd, start + w <= width else { continue }
            grid.write(label, x: start, y: axisY + 1, role: .label, display: display)
            labelEnd = start + w + 1
        }
        grid.write(xTitle, x: plotX, y: axisY + 2, role: .title, display: display)

        // Whiskers first, then points on top.
        func pointColumn(_ s: Int, _ k: Int) -> Int {
            plotX + column(k) + (dodge ? s - dodgeLeft : 0)
        }
        for (s, line) in series.enumerated() {
            for p in line.points {
                guard p.rate != nil, let interval = p.interval else { continue }
                let x = pointColumn(s, p.k)
                for y in row(interval.high)...row(interval.low) where grid[x, y].role == .blank {
                    grid.set(x, y, "│", .whisker(s))
                }
            }
        }
        for (s, line) in series.enumerated() {
            for p in line.points {
                guard let rate = p.rate else { continue }
                grid.set(pointColumn(s, p.k), row(rate), glyph(s), .point(s))
            }
        }

        // Legend.
        for (i, entries) in legendLines.enumerated() {
            let y = axisY + 3 + i
            var x = 0
            for e in entries {
                if x > 0 { x += 2 }
                x += grid.write(e.glyph, x: x, y: y, role: .point(e.series), display: display)
                x += 1
                x += grid.write(e.name, x: x, y: y, role: .legend, display: display)
            }
        }
        return grid
    }

    /// The glyph of series `index`.
    public static func glyph(_ index: Int) -> String { glyphs[index % glyphs.count] }
}
