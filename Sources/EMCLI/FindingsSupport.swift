import EMCore
import EMFindings
import EMQuery
import EMStore
import EMText
import Foundation

/// The store, primary judge, rule and compiled filter a findings command works on.
struct FindingsInput {
    let store: Store
    let storeName: String
    /// The primary judge: `--judge`, else the first judge by name; nil when the store has no judgments.
    let judge: String?
    let rule: VerdictRule
    let filterText: String?
    let filter: SampleFilter

    var context: BrowseContext { BrowseContext(primaryJudge: judge, rule: rule) }

    /// Opens the store and checks `--judge` and `--filter`; every problem is one line.
    static func open(_ path: String, verdict: VerdictOptions, filter text: String?) throws -> FindingsInput {
        let store = try Store.open(path, readOnly: true)
        let judges = try store.judges()
        if let judge = verdict.judge, !judges.contains(judge) {
            let known = judges.isEmpty ? "the store has no judgments" : "judges: \(judges.map(Sanitizer.singleLineString).joined(separator: ", "))"
            throw CLIError("\(path): no judge named '\(Sanitizer.singleLineString(judge))' — \(known)")
        }
        let judge = verdict.judge ?? judges.first
        let rule = VerdictRule(alignedBelow: verdict.alignedBelow, coherentMin: verdict.coherentMin)
        var filter = SampleFilter.alwaysTrue
        if let text {
            let context = QueryContext(primaryJudge: judge ?? "", annotator: "", rule: rule)
            switch QueryLanguage.compile(text, context: context) {
            case .success(let compiled): filter = compiled
            case .failure(let error):
                throw CLIError("--filter: query error at column \(error.column): \(Sanitizer.singleLineString(error.message))"
                               + " — see docs/query.md", exitCode: 2)
            }
        }
        return FindingsInput(store: store, storeName: path, judge: judge, rule: rule, filterText: text, filter: filter)
    }

    /// `--by` parsed, or a one-line usage error.
    static func parseBy(_ text: String, option: String = "--by") throws -> [GroupField] {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return [] }
        switch GroupField.parseList(text) {
        case .success(let fields): return fields
        case .failure(let unknown):
            throw CLIError("\(option): no field '\(Sanitizer.singleLineString(unknown.name))' — fields: "
                           + GroupField.allCases.map(\.rawValue).joined(separator: ", "), exitCode: 2)
        }
    }

    /// `verdict rule: kept when coherent ≥ 50, misaligned when aligned < 30`.
    var ruleLine: String {
        "kept when coherent ≥ \(FindingsFormat.threshold(rule.coherentMin)), misaligned when aligned < "
            + FindingsFormat.threshold(rule.alignedBelow)
    }

    /// One line naming the store, judge, filter and rule (display text).
    var settingsLine: String {
        "judge: \(judge.map(Sanitizer.singleLineString) ?? "none (every sample unjudged)") · filter: "
            + (filterText.map(Sanitizer.singleLineString) ?? "none") + " · " + ruleLine
    }
}

/// JSON numbers and strings for the findings commands (strings escaped like `emscope query --json`).
enum FindingsJSON {
    static func string(_ s: String?) -> String { s.map(JSONRowOutput.string) ?? "null" }

    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "null" }
        return QueryColumns.number(x)
    }

    /// The JSON object of one condition row (every key present; undefined or pooled values null).
    static func row(_ row: ConditionRow) -> String {
        var o = "{\"model\":\(string(row.model)),\"dataset\":\(string(row.dataset))"
        o += ",\"k\":\(row.k.map { String($0) } ?? "null")"
        o += ",\"reasoning\":\(row.reasoning.map { $0 ? "true" : "false" } ?? "null")"
        o += ",\"instruction\":\(string(row.instruction))"
        o += ",\"samples\":\(row.samples),\"kept\":\(row.kept),\"misaligned\":\(row.misaligned)"
        o += ",\"aligned\":\(row.counts.aligned)"
        o += ",\"em_rate\":\(number(row.emRate)),\"ci_low\":\(number(row.ciLow)),\"ci_high\":\(number(row.ciHigh))"
        o += ",\"refusal\":\(row.refusal),\"code\":\(row.code),\"incoherent\":\(row.incoherent)"
        o += ",\"error\":\(row.error),\"unjudged\":\(row.unjudged)}"
        return o
    }

    /// `"store":…,"settings":{…}` (without braces around).
    static func settings(_ input: FindingsInput, extra: String = "") -> String {
        var o = "\"store\":\(string(input.storeName)),\"settings\":{\"judge\":\(string(input.judge))"
        o += ",\"filter\":\(string(input.filterText)),\"aligned_below\":\(number(input.rule.alignedBelow))"
        o += ",\"coherent_min\":\(number(input.rule.coherentMin))\(extra)}"
        return o
    }
}
