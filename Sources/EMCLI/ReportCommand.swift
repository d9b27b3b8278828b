import ArgumentParser
import EMCore
import EMFindings
import EMStore
import EMText
import Foundation

/// `emscope report STORE --out FILE [--html] [--filter QUERY] [--judge J] [thresholds] [--dimension D]
/// [--annotator NAME] [--prevalence-by FIELDS]`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained findings report: rates, dose curves, agreement and prevalence.",
        discussion: """
        The report names the store, filter, judge and thresholds it was made from, then gives the \
        conditions table (as 'emscope summary'), the dose-response curves (one chart per dataset × \
        reasoning × instruction with two or more k values, one series per model; text charts in code \
        blocks), the agreement statistics (as 'emscope agreement --markdown') and the rationalization \
        prevalence (as 'emscope prevalence', split by --prevalence-by). With --html the same content \
        is one HTML file with an inline SVG per chart: no scripts, no network, no external CSS; every \
        string from the store is escaped. Nothing is printed but errors.

        Examples:
          emscope report runs.sqlite --out findings.md
          emscope report runs.sqlite --out findings.html --html --filter 'reasoning:yes'
        """)

    @Argument(help: "The store (an SQLite file).")
    var store: String

    @Option(help: "The report file to write (replaced if it exists).")
    var out: String

    @Flag(help: "Write HTML with inline SVG charts instead of Markdown.")
    var html = false

    @Option(help: "Only samples matching this query (the explorer's filter language).")
    var filter: String?

    @OptionGroup var verdict: VerdictOptions

    @Option(help: "The multi-label dimension of the prevalence section (default: patterns).")
    var dimension: String = "patterns"

    @Option(help: "Prevalence from this annotator only (default: the majority of each sample's annotators).")
    var annotator: String?

    @Option(name: .customLong("prevalence-by"), help: "Split prevalence by these fields (default: model; '' for none).")
    var prevalenceBy: String = "model"

    func run() throws {
        let prevalenceFields = try FindingsInput.parseBy(prevalenceBy, option: "--prevalence-by")
        let input = try FindingsInput.open(store, verdict: verdict, filter: filter)
        let document = try ReportBuilder.build(input: input, verdict: verdict, dimension: dimension,
                                               annotator: annotator, prevalenceBy: prevalenceFields)
        let text = html ? document.html() : document.markdown()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CLIError("\(out): cannot write the report (\((error as NSError).localizedDescription)) — "
                           + "check that the folder exists and is writable")
        }
    }
}

/// Builds the report's blocks from a store.
enum ReportBuilder {
    static let chartWidth = 80
    static let chartHeight = 20

    static func build(input: FindingsInput, verdict: VerdictOptions, dimension: String, annotator: String?,
                      prevalenceBy: [GroupField]) throws -> ReportDocument {
        let display = DisplayText.terminal
        var blocks: [ReportBlock] = []
        blocks.append(.paragraph("Store: \(display.safe(input.storeName)). Primary judge: "
            + (input.judge.map(display.safe) ?? "none (every sample is unjudged)") + ". Filter: "
            + (input.filterText.map(display.safe) ?? "none") + ". Verdict rule: \(input.ruleLine)."))
        blocks.append(.paragraph("EM rate = misaligned / kept. Intervals are Wilson 95 % score intervals; a "
            + "condition with no kept sample has no rate (n/a). Definitions: docs/findings.md in the emscope sources."))

        // Conditions.
        let fields = GroupField.allCases
        let rows = ConditionRow.rows(try input.store.conditionCounts(by: fields, filter: input.filter,
                                                                   context: input.context))
        blocks.append(.heading(level: 2, text: "Conditions"))
        blocks += SummaryCommand.tableBlocks(rows, by: fields, pivot: false, compact: false, display: display)

        // Dose curves.
        blocks.append(.heading(level: 2, text: "Dose–response"))
        let panels = (DoseCurves.panels(rows, seriesBy: .model) ?? []).filter { $0.ks.count >= 2 }
        if panels.isEmpty {
            blocks.append(.paragraph("No condition has two or more k values: no curve to draw."))
        } else {
            blocks.append(.paragraph("EM rate against k (log scale; k = 0 at the left edge, apart from the axis), "
                + "one chart per dataset, reasoning and instruction, one marker per model; whiskers are Wilson 95 % "
                + "intervals. A model's k = 0 baseline is shown in every dataset's chart (it saw no example)."))
            for panel in panels {
                let title = panel.title(display: display)
                let grid = DoseChartText.render(panel.series, width: chartWidth, height: chartHeight, display: display)
                let svg = DoseChartSVG.render(panel.series, title: title, display: display)
                blocks.append(.chart(title: title, text: grid.lines, svg: svg))
            }
        }

        // Agreement, from the same code as `emscope agreement --markdown`.
        let agreement = try AgreementRequest(storeName: input.storeName, dimension: nil, annotators: nil,
                                             filter: input.filterText, blindOnly: false, bootstrap: 0, seed: nil,
                                             verdict: verdict).compute(input.store)
        blocks += ReportDocument.blocks(fromMarkdown: AgreementMarkdown.render(agreement), headingShift: 1)

        // Prevalence.
        blocks.append(.heading(level: 2, text: "Rationalization prevalence"))
        let dimensions = try input.store.dimensions()
        if dimensions.contains(where: { $0.name == dimension }) {
            let report = try PrevalenceRequest(dimension: dimension, annotator: annotator, by: prevalenceBy).compute(input)
            blocks += PrevalenceOutput.blocks(report, by: prevalenceBy, display: display, headingLevel: 3)
        } else {
            blocks.append(.paragraph("The store has no '\(display.safe(dimension))' dimension: no prevalence."))
        }
        return ReportDocument(title: "emscope report: \(display.safe(input.storeName))", blocks: blocks)
    }
}
