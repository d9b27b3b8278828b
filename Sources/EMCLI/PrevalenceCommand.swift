import ArgumentParser
import EMCore
import EMFindings
import EMStore
import EMText
import Foundation

/// `emscope prevalence STORE [--dimension patterns] [--annotator NAME] [--by FIELDS] [--filter QUERY]
/// [--judge J] [thresholds] [--json | --csv | --markdown]`
struct PrevalenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prevalence",
        abstract: "How often annotators labelled each rationalization pattern in the misaligned samples' reasoning.",
        discussion: """
        Among the samples the primary judge calls misaligned (--judge, --aligned-below, --coherent-min, \
        --filter), the share whose ratings on a multi-label dimension (default: patterns) carry each \
        label, with its count, denominator and Wilson 95 % interval. By default a label counts for a \
        sample when more than half of the annotators who rated that sample applied it (the majority); \
        --annotator NAME uses one annotator's ratings instead. Misaligned samples without a rating are \
        left out of the denominator and counted as unrated. --by splits the figures by condition. \
        Definitions: docs/findings.md.

        Examples:
          emscope prevalence runs.sqlite
          emscope prevalence runs.sqlite --annotator ann-a --by model
          emscope prevalence runs.sqlite --filter 'k>=64' --json | jq .overall
        """)

    @Argument(help: "The store (an SQLite file).")
    var store: String

    @Option(help: "The multi-label dimension (default: patterns).")
    var dimension: String = "patterns"

    @Option(help: "Only this annotator's ratings (default: the majority of each sample's annotators).")
    var annotator: String?

    @Option(help: "Also split by these fields, comma-separated: model, dataset, k, reasoning, instruction.")
    var by: String = ""

    @Option(help: "Only samples matching this query (the explorer's filter language).")
    var filter: String?

    @OptionGroup var verdict: VerdictOptions

    @Flag(help: "Print JSON (undefined values are null).")
    var json = false

    @Flag(help: "Print CSV, one row per group and label.")
    var csv = false

    @Flag(help: "Print Markdown tables.")
    var markdown = false

    func validate() throws {
        if [json, csv, markdown].filter({ $0 }).count > 1 { throw ValidationError("choose one of --json, --csv and --markdown") }
    }

    func run() throws {
        let fields = try FindingsInput.parseBy(by)
        let input = try FindingsInput.open(store, verdict: verdict, filter: filter)
        let report = try PrevalenceRequest(dimension: dimension, annotator: annotator, by: fields).compute(input)
        let display = DisplayText.terminal
        if json {
            print(PrevalenceOutput.json(report, input: input, by: fields))
        } else if csv {
            print(CSVRowOutput.record(PrevalenceOutput.csvHeader))
            for record in PrevalenceOutput.csvRecords(report) { print(CSVRowOutput.record(record)) }
        } else if markdown {
            let doc = ReportDocument(title: "Rationalization prevalence: \(display.safe(store))",
                                     blocks: [.paragraph(input.settingsLine)]
                                        + PrevalenceOutput.blocks(report, by: fields, display: display))
            print(doc.markdown(), terminator: "")
        } else {
            print("Rationalization prevalence in \(display.safe(store))")
            print(input.settingsLine)
            for line in PrevalenceOutput.textLines(report, by: fields, display: display) { print(line) }
        }
    }
}

/// The prevalence computation shared by `emscope prevalence` and `emscope report`.
struct PrevalenceRequest {
    var dimension: String
    var annotator: String?
    var by: [GroupField]

    /// Checks the dimension and annotator, reads the misaligned samples and the ratings, and computes.
    func compute(_ input: FindingsInput) throws -> PrevalenceReport {
        let s = input.store
        let dimensions = try s.dimensions()
        guard let dim = dimensions.first(where: { $0.name == dimension }) else {
            let known = dimensions.isEmpty ? "the store has no ratings or codebooks"
                : "dimensions: \(dimensions.map { Sanitizer.singleLineString($0.name) }.joined(separator: ", "))"
            throw CLIError("\(input.storeName): no dimension named '\(Sanitizer.singleLineString(dimension))' — \(known)")
        }
        if let kind = dim.kind, kind != .multi {
            throw CLIError("\(input.storeName): dimension '\(Sanitizer.singleLineString(dimension))' is \(kind.rawValue), "
                           + "not multi-label — pass a multi dimension with --dimension")
        }
        if let annotator {
            let known = try s.ratingAnnotators()
            guard known.contains(annotator) else {
                let list = known.isEmpty ? "the store has no ratings"
                    : "annotators: \(known.map(Sanitizer.singleLineString).joined(separator: ", "))"
                throw CLIError("\(input.storeName): no annotator named '\(Sanitizer.singleLineString(annotator))' — \(list)")
            }
        }
        let misaligned = try s.samplesWithVerdict(.misaligned, filter: input.filter, context: input.context)
        let rows = try s.ratingRows(dimension: dimension, annotators: annotator.map { [$0] }, filter: input.filter)
        let ratings = rows.map { SampleRating(sampleID: $0.sampleID, annotator: $0.annotator, labels: $0.labels) }
        return Prevalence.compute(dimension: dimension, declaredLabels: dim.labels, misaligned: misaligned,
                                  ratings: ratings, mode: annotator.map { .annotator($0) } ?? .majority, by: by)
    }
}

/// How prevalence is printed.
enum PrevalenceOutput {
    static func modeLine(_ report: PrevalenceReport, display: DisplayText) -> String {
        switch report.mode {
        case .majority:
            return "dimension \(display.safe(report.dimension)) · majority of each sample's annotators "
                + "(a label counts when more than half of the sample's raters applied it)"
        case .annotator(let name):
            return "dimension \(display.safe(report.dimension)) · annotator \(display.safe(name)) only"
        }
    }

    static func countsLine(_ g: PrevalenceGroup) -> String {
        "\(g.misaligned) misaligned samples, \(g.rated) rated (the denominator), \(g.unrated) unrated and excluded"
    }

    static func labelCells(_ l: LabelPrevalence, display: DisplayText) -> [String] {
        [display.name(l.label), FindingsFormat.percent(l.share), FindingsFormat.interval(l.interval),
         "\(l.count)/\(l.denominator)"]
    }

    static let labelHeader = ["label", "share %", "95 % CI", "count/rated"]

    static func groupTitle(_ key: ConditionKey, by: [GroupField], display: DisplayText) -> String {
        by.map { "\($0.rawValue) \(ConditionTable.fieldCell(key, $0, display: display))" }.joined(separator: " · ")
    }

    static func textLines(_ report: PrevalenceReport, by: [GroupField], display: DisplayText) -> [String] {
        var lines = [modeLine(report, display: display), ""]
        func group(_ g: PrevalenceGroup, title: String) {
            lines.append(title)
            lines.append("  " + countsLine(g))
            if g.labels.isEmpty { lines.append("  no labels"); return }
            let table = [labelHeader] + g.labels.map { labelCells($0, display: display) }
            lines += TextAlign.lines(table, rightAligned: { $0 > 0 }, display: display).map { "  " + $0 }
        }
        group(report.overall, title: "All misaligned samples")
        for g in report.byCondition {
            lines.append("")
            group(g, title: groupTitle(g.key, by: by, display: display))
        }
        return lines
    }

    static func blocks(_ report: PrevalenceReport, by: [GroupField], display: DisplayText,
                       headingLevel: Int = 2) -> [ReportBlock] {
        var blocks: [ReportBlock] = [.paragraph(modeLine(report, display: display))]
        func group(_ g: PrevalenceGroup, title: String) {
            blocks.append(.heading(level: headingLevel, text: title))
            blocks.append(.paragraph(countsLine(g) + "."))
            if !g.labels.isEmpty {
                blocks.append(.table(header: labelHeader, rows: g.labels.map { labelCells($0, display: display) },
                                     numeric: [1, 2, 3]))
            }
        }
        group(report.overall, title: "All misaligned samples")
        for g in report.byCondition { group(g, title: groupTitle(g.key, by: by, display: display)) }
        return blocks
    }

    static func json(_ report: PrevalenceReport, input: FindingsInput, by: [GroupField]) -> String {
        typealias J = FindingsJSON
        var mode = "\"mode\":\"majority\",\"annotator\":null"
        if case .annotator(let name) = report.mode { mode = "\"mode\":\"annotator\",\"annotator\":\(J.string(name))" }
        let extra = ",\"dimension\":\(J.string(report.dimension)),\(mode),\"by\":["
            + by.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]"
        func labels(_ g: PrevalenceGroup) -> String {
            "[" + g.labels.map { l in
                "{\"label\":\(J.string(l.label)),\"count\":\(l.count),\"denominator\":\(l.denominator)"
                    + ",\"share\":\(J.number(l.share)),\"ci_low\":\(J.number(l.interval?.low))"
                    + ",\"ci_high\":\(J.number(l.interval?.high))}"
            }.joined(separator: ",") + "]"
        }
        func counts(_ g: PrevalenceGroup) -> String {
            "\"misaligned\":\(g.misaligned),\"rated\":\(g.rated),\"unrated\":\(g.unrated),\"labels\":\(labels(g))"
        }
        var o = "{" + J.settings(input, extra: extra)
        o += ",\"labels\":[" + report.labels.map(J.string).joined(separator: ",") + "]"
        o += ",\n\"overall\":{" + counts(report.overall) + "}"
        o += ",\n\"by_condition\":[" + report.byCondition.map { g in
            "\n{\"model\":\(J.string(g.key.model)),\"dataset\":\(J.string(g.key.dataset))"
                + ",\"k\":\(g.key.k.map { String($0) } ?? "null")"
                + ",\"reasoning\":\(g.key.reasoning.map { $0 ? "true" : "false" } ?? "null")"
                + ",\"instruction\":\(J.string(g.key.instruction)),\(counts(g))}"
        }.joined(separator: ",") + (report.byCondition.isEmpty ? "]}" : "\n]}")
        return o
    }

    static let csvHeader = ["group", "model", "dataset", "k", "reasoning", "instruction", "misaligned", "rated", "unrated",
                            "label", "count", "denominator", "share", "ci_low", "ci_high"]

    static func csvRecords(_ report: PrevalenceReport) -> [[String]] {
        func n(_ x: Double?) -> String { x.map(QueryColumns.number) ?? "" }
        func records(_ g: PrevalenceGroup, group: String) -> [[String]] {
            g.labels.map { l in
                [group, g.key.model ?? "", g.key.dataset ?? "", g.key.k.map { String($0) } ?? "",
                 g.key.reasoning.map { $0 ? "true" : "false" } ?? "", g.key.instruction ?? "",
                 "\(g.misaligned)", "\(g.rated)", "\(g.unrated)", l.label, "\(l.count)", "\(l.denominator)",
                 n(l.share), n(l.interval?.low), n(l.interval?.high)]
            }
        }
        return records(report.overall, group: "overall") + report.byCondition.flatMap { records($0, group: "condition") }
    }
}
