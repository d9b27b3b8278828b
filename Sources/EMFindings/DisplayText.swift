/// How text from the store becomes display text, injected by the caller so this module stays pure
/// (EMFindings imports only EMCore and EMAgreement).
///
/// Store strings (model and dataset names, labels) are hostile: every renderer here passes them through
/// `safe` before laying them out, and measures columns with `width`. The CLI and the explorer pass
/// `EMText.Sanitizer.singleLineString` and `EMText.DisplayWidth.of`; `plain` (identity, one column per
/// character) is for tests with ASCII names.
public struct DisplayText: Sendable {
    /// A store string as one safe line (control characters shown as placeholders).
    public var safe: @Sendable (String) -> String
    /// The number of terminal columns a safe string takes.
    public var width: @Sendable (String) -> Int

    public init(safe: @escaping @Sendable (String) -> String, width: @escaping @Sendable (String) -> Int) {
        self.safe = safe
        self.width = width
    }

    /// Identity and one column per `Character`: for ASCII text only.
    public static let plain = DisplayText(safe: { $0 }, width: { $0.count })

    /// `text` padded with spaces to `columns` (left-aligned, or right-aligned when `right`).
    func pad(_ text: String, _ columns: Int, right: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(0, columns - width(text)))
        return right ? gap + text : text + gap
    }

    /// A store string for display: made safe, `(none)` when empty.
    public func name(_ text: String) -> String { text.isEmpty ? "(none)" : safe(text) }

    /// `text` padded with spaces to `columns` (left-aligned, or right-aligned when `right`).
    public func padded(_ text: String, to columns: Int, right: Bool = false) -> String { pad(text, columns, right: right) }
}

/// Rows of display cells aligned into lines.
public enum TextAlign {
    /// Columns padded to their widest cell (right-aligned where `rightAligned(column)`), `separator`
    /// between them, no trailing spaces.
    public static func lines(_ table: [[String]], rightAligned: (Int) -> Bool, display: DisplayText,
                             separator: String = "  ") -> [String] {
        let columns = table.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in table { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], display.width(cell)) } }
        return table.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                if i > 0 { line += separator }
                line += display.pad(cell, widths[i], right: rightAligned(i))
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
