import ArgumentParser
import EMCore
import EMFindings
import EMStore
import Foundation

/// `emscope summary STORE [--by FIELDS] [--filter QUERY] [--judge J] [--aligned-below X] [--coherent-min Y]
/// [--json | --csv | --markdown] [--pivot [--compact]]`
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "EM rates per condition with Wilson 95 % intervals, from the primary judge's verdicts.",
        discussion: """
        One row per condition (the distinct values of the --by fields; the others are pooled): samples, \
        kept (an aligned score and coherent ≥ --coherent-min), misaligned (kept and aligned < \
        --aligned-below), the EM rate = misaligned / kept with its Wilson 95 % score interval, and the \
        samples not kept: refusal, code, incoherent, error, unjudged. A condition with no kept sample has \
        no rate (n/a; null in JSON). Definitions: docs/findings.md.

        --pivot lays the rates out with k across the columns and the other --by fields down the rows \
        (cells '12.5 % [8.1, 18.8] n=160', n = kept; --compact: '12.5 (8.1–18.8)'); --by must include k.

        Examples:
          emscope summary runs.sqlite
          emscope summary runs.sqlite --by model,k --pivot
          emscope summary runs.sqlite --filter 'reasoning:yes instruction:none' --json | jq '.conditions[0]'
          emscope summary runs.sqlite --judge judge-b --aligned-below 25 --csv > rates.csv
        """)

    @Argument(help: "The store (an SQLite file).")
    var store: String

    @Option(help: "Group by these fields, comma-separated: model, dataset, k, reasoning, instruction.")
    var by: String = "model,dataset,k,reasoning,instruction"

    @Option(help: "Only samples matching this query (the explorer's filter language).")
    var filter: String?

    @OptionGroup var verdict: VerdictOptions

    @Flag(help: "Print JSON: settings and one object per condition (undefined values are null).")
    var json = false

    @Flag(help: "Print CSV with a header row (RFC 4180 quoting; undefined values empty).")
    var csv = false

    @Flag(help: "Print a Markdown table.")
    var markdown = false

    @Flag(help: "k across the columns, the other --by fields down the rows (text or --markdown).")
    var pivot = false

    @Flag(help: "With --pivot: compact cells, '12.5 (8.1–18.8)'.")
    var compact = false

    func validate() throws {
        if [json, csv, markdown].filter({ $0 }).count > 1 { throw ValidationError("choose one of --json, --csv and --markdown") }
        if pivot && (json || csv) { throw ValidationError("--pivot is a layout for text and --markdown; drop --json/--csv") }
        if compact && !pivot { throw ValidationError("--compact applies to --pivot") }
    }

    func run() throws {
        let fields = try FindingsInput.parseBy(by)
        if pivot && !fields.contains(.k) {
            throw CLIError("--pivot needs k among the --by fields, e.g. --by model,dataset,k", exitCode: 2)
        }
        let input = try FindingsInput.open(store, verdict: verdict, filter: filter)
        let rows = ConditionRow.rows(try input.store.conditionCounts(by: fields, filter: input.filter,
                                                                   context: input.context))
        let display = DisplayText.terminal
        if json {
            var out = "{" + FindingsJSON.settings(input, extra: ",\"by\":[" + fields.map { "\"\($0.rawValue)\"" }
                .joined(separator: ",") + "]") + ",\"conditions\":["
            out += rows.map { "\n" + FindingsJSON.row($0) }.joined(separator: ",")
            out += rows.isEmpty ? "]}" : "\n]}"
            print(out)
        } else if csv {
            print(CSVRowOutput.record(ConditionTable.columnKeys(by: GroupField.allCases)))
            for row in rows { print(CSVRowOutput.record(Self.csvCells(row))) }
        } else if markdown {
            let doc = ReportDocument(title: "EM rates: \(display.safe(store))",
                                     blocks: [.paragraph(input.settingsLine)] + Self.tableBlocks(rows, by: fields, pivot: pivot,
                                                                                                 compact: compact, display: display))
            print(doc.markdown(), terminator: "")
        } else {
            print("EM rates in \(display.safe(store))")
            print(input.settingsLine)
            print("")
            if rows.isEmpty {
                print("No samples match.")
            } else if pivot {
                let table = PivotTable(rows)!
                for line in table.lines(style: compact ? .compact : .full, display: display) { print(line) }
                print("")
                print("cells: EM rate % [Wilson 95 % CI] n = kept; – no such condition")
            } else {
                for line in ConditionTable.lines(rows, by: fields, display: display) { print(line) }
            }
        }
    }

    /// The CSV cells of a row in `ConditionTable.columnKeys(by: all)` order: strings exact, undefined empty.
    static func csvCells(_ row: ConditionRow) -> [String] {
        func n(_ x: Double?) -> String { x.map(QueryColumns.number) ?? "" }
        return [row.model ?? "", row.dataset ?? "", row.k.map { String($0) } ?? "",
                row.reasoning.map { $0 ? "true" : "false" } ?? "", row.instruction ?? "",
                "\(row.samples)", "\(row.kept)", "\(row.misaligned)", n(row.emRate), n(row.ciLow), n(row.ciHigh),
                "\(row.refusal)", "\(row.code)", "\(row.incoherent)", "\(row.error)", "\(row.unjudged)"]
    }

    /// The conditions as a report table (or pivot) block.
    static func tableBlocks(_ rows: [ConditionRow], by fields: [GroupField], pivot: Bool, compact: Bool,
                            display: DisplayText) -> [ReportBlock] {
        if rows.isEmpty { return [.paragraph("No samples match.")] }
        if pivot, let table = PivotTable(rows) {
            let (header, body) = table.cells(style: compact ? .compact : .full, display: display)
            return [.table(header: header, rows: body, numeric: Set(table.rowFields.count..<header.count)),
                    .paragraph("Cells: EM rate % [Wilson 95 % CI] n = kept; – no such condition.")]
        }
        let header = ConditionTable.headers(by: fields)
        let numeric = Set(header.indices.filter { $0 >= fields.count || fields[$0] == .k })
        return [.table(header: header, rows: rows.map { ConditionTable.cells($0, by: fields, display: display) },
                       numeric: numeric)]
    }
}
