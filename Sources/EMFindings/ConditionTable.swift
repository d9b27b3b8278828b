import EMCore

/// The summary table: one row per condition, the grouped fields first, then the counts, the EM rate and
/// its Wilson interval. Pure: rows in, cells or aligned lines out.
public enum ConditionTable {
    /// The column keys (also the CSV header and the JSON keys), for rows grouped by `by`.
    public static func columnKeys(by: [GroupField]) -> [String] {
        by.map(\.rawValue) + ["samples", "kept", "misaligned", "em_rate", "ci_low", "ci_high",
                              "refusal", "code", "incoherent", "error", "unjudged"]
    }

    /// Short headers of the text table.
    public static func headers(by: [GroupField]) -> [String] {
        by.map(\.rawValue) + ["samples", "kept", "misaligned", "EM %", "95 % CI", "refusal", "code", "incoherent",
                              "error", "unjudged"]
    }

    /// The display cells of one row (store strings made safe), matching `headers(by:)`.
    public static func cells(_ row: ConditionRow, by: [GroupField], display: DisplayText) -> [String] {
        by.map { fieldCell(row.key, $0, display: display) } + [
            "\(row.samples)", "\(row.kept)", "\(row.misaligned)", FindingsFormat.percent(row.emRate),
            FindingsFormat.interval(row.interval), "\(row.refusal)", "\(row.code)", "\(row.incoherent)",
            "\(row.error)", "\(row.unjudged)",
        ]
    }

    /// A grouped field's value for display (`all` when the key pools it).
    public static func fieldCell(_ key: ConditionKey, _ field: GroupField, display: DisplayText) -> String {
        guard let text = key.text(field) else { return "all" }
        switch field {
        case .model, .dataset, .instruction: return display.name(text)
        case .k, .reasoning: return text
        }
    }

    /// The aligned text table: text columns left-aligned, numbers right-aligned, two spaces between
    /// columns, no trailing spaces.
    public static func lines(_ rows: [ConditionRow], by: [GroupField], display: DisplayText) -> [String] {
        let header = headers(by: by)
        let body = rows.map { cells($0, by: by, display: display) }
        let rightAligned: (Int) -> Bool = { i in i >= by.count || by[i] == .k }
        return align([header] + body, rightAligned: rightAligned, display: display)
    }

    static func align(_ table: [[String]], rightAligned: (Int) -> Bool, display: DisplayText) -> [String] {
        TextAlign.lines(table, rightAligned: rightAligned, display: display)
    }
}
