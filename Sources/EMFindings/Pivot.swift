import EMCore

/// How pivot cells are written.
public enum PivotStyle: String, Sendable, CaseIterable {
    /// `12.5 % [8.1, 18.8] n=160` (n = kept samples).
    case full
    /// `12.5 (8.1–18.8)`.
    case compact
}

/// EM rates with k across the columns and the other grouped fields (model × dataset × …) down the rows.
public struct PivotTable: Hashable, Sendable {
    /// One row: the condition without k, and its cell per k column (nil: no such condition).
    public struct Row: Hashable, Sendable {
        public var key: ConditionKey
        public var cells: [ConditionRow?]
    }

    /// The grouped fields other than k, in column order.
    public let rowFields: [GroupField]
    /// The k values of the columns, ascending.
    public let ks: [Int]
    public let rows: [Row]

    /// The pivot of summary rows grouped by k (and anything else); nil when the rows are not grouped by k.
    public init?(_ conditions: [ConditionRow]) {
        guard let first = conditions.first else {
            rowFields = []
            ks = []
            rows = []
            return
        }
        guard conditions.allSatisfy({ $0.key.k != nil }) else { return nil }
        rowFields = GroupField.allCases.filter { $0 != .k && first.key.has($0) }
        let ks = Array(Set(conditions.compactMap(\.key.k))).sorted()
        self.ks = ks
        var byRow: [ConditionKey: [Int: ConditionRow]] = [:]
        for c in conditions { byRow[c.key.removing(.k), default: [:]][c.key.k!] = c }
        rows = byRow.keys.sorted().map { key in Row(key: key, cells: ks.map { byRow[key]?[$0] }) }
    }

    /// Header and body cells (store strings made safe); a missing condition is `–`.
    public func cells(style: PivotStyle, display: DisplayText) -> (header: [String], rows: [[String]]) {
        let header = rowFields.map(\.rawValue) + ks.map { "k=\($0)" }
        let body = rows.map { row in
            rowFields.map { ConditionTable.fieldCell(row.key, $0, display: display) } + row.cells.map { cell in
                guard let cell else { return "–" }
                return style == .full ? FindingsFormat.cell(cell) : FindingsFormat.compactCell(cell)
            }
        }
        return (header, body)
    }

    /// The pivot as aligned text: row fields left-aligned, cells right-aligned, two spaces apart.
    public func lines(style: PivotStyle = .full, display: DisplayText) -> [String] {
        let (header, body) = cells(style: style, display: display)
        let n = rowFields.count
        return ConditionTable.align([header] + body, rightAligned: { $0 >= n }, display: display)
    }
}
