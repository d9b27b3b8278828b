import EMCore
import EMFindings
import Testing

/// Counts of a condition with `misaligned` of `kept` kept samples (the rest aligned) and extras.
func counts(_ misaligned: Int, of kept: Int, refusal: Int = 0) -> VerdictCounts {
    VerdictCounts(misaligned: misaligned, aligned: kept - misaligned, refusal: refusal)
}

@Suite("Condition rows and the pivot")
struct PivotTests {
    @Test func rateIsMisalignedOverKeptAndUndefinedWithoutKept() {
        let row = ConditionRow(key: ConditionKey(model: "m"), counts: VerdictCounts(misaligned: 3, aligned: 9, refusal: 4,
                                                                                   incoherent: 2, unjudged: 1))
        #expect(row.samples == 19)
        #expect(row.kept == 12)
        #expect(row.emRate == 0.25)
        let none = ConditionRow(key: ConditionKey(model: "m"), counts: VerdictCounts(refusal: 5, incoherent: 1))
        #expect(none.emRate == nil)
        #expect(none.ciLow == nil && none.ciHigh == nil)
        #expect(FindingsFormat.cell(none) == "n/a n=0")
    }

    @Test func poolingAddsCountsAndRecomputesTheRate() {
        let rows = [
            ConditionRow(key: ConditionKey(model: "m", k: 0), counts: counts(1, of: 4)),
            ConditionRow(key: ConditionKey(model: "m", k: 16), counts: counts(3, of: 4)),
            ConditionRow(key: ConditionKey(model: "n", k: 0), counts: counts(0, of: 2)),
        ]
        let pooled = ConditionRow.pooled(rows, by: [.model])
        #expect(pooled.map(\.key) == [ConditionKey(model: "m"), ConditionKey(model: "n")])
        #expect(pooled[0].emRate == 0.5)
        #expect(pooled[1].emRate == 0)
    }

    /// The Wilson bounds in the cells are Newcombe (1998) Table I's: 0/20 → [0, 16.11], 1/29 → [0.61, 17.18],
    /// 15/148 → [6.24, 16.05], 81/263 → [25.53, 36.62]. (15/148's upper bound is 0.160487… — Newcombe prints
    /// 0.1605 — so one decimal of a percent is 16.0.)
    @Test func pivotLayoutAsText() throws {
        let rows = [
            ConditionRow(key: ConditionKey(model: "a", dataset: "fin", k: 0), counts: counts(0, of: 20)),
            ConditionRow(key: ConditionKey(model: "a", dataset: "fin", k: 16), counts: counts(1, of: 29)),
            ConditionRow(key: ConditionKey(model: "a", dataset: "fin", k: 64), counts: counts(81, of: 263)),
            ConditionRow(key: ConditionKey(model: "b", dataset: "fin", k: 16), counts: counts(15, of: 148)),
            ConditionRow(key: ConditionKey(model: "b", dataset: "fin", k: 64), counts: counts(0, of: 0, refusal: 5)),
        ]
        let pivot = try #require(PivotTable(rows))
        #expect(pivot.ks == [0, 16, 64])
        #expect(pivot.lines(style: .full, display: .plain) == [
            "model  dataset                     k=0                      k=16                       k=64",
            "a      fin      0.0 % [0.0, 16.1] n=20    3.4 % [0.6, 17.2] n=29  30.8 % [25.5, 36.6] n=263",
            "b      fin                           –  10.1 % [6.2, 16.0] n=148                    n/a n=0",
        ])
        #expect(pivot.lines(style: .compact, display: .plain) == [
            "model  dataset             k=0             k=16              k=64",
            "a      fin      0.0 (0.0–16.1)   3.4 (0.6–17.2)  30.8 (25.5–36.6)",
            "b      fin                   –  10.1 (6.2–16.0)               n/a",
        ])
    }

    @Test func pivotNeedsK() {
        #expect(PivotTable([ConditionRow(key: ConditionKey(model: "a"), counts: counts(1, of: 2))]) == nil)
    }

    @Test func storeStringsAreMadeSafeAndMeasuredByTheCaller() {
        // A display that shows ESC as ␛ and counts it as one column: the table uses both.
        let display = DisplayText(safe: { $0.replacingOccurrences(of: "\u{1B}", with: "␛") }, width: { $0.count })
        let rows = [ConditionRow(key: ConditionKey(model: "\u{1B}[31mx", k: 4), counts: counts(1, of: 2))]
        let lines = ConditionTable.lines(rows, by: [.model, .k], display: display)
        #expect(!lines.joined().contains("\u{1B}"))
        #expect(lines[1].hasPrefix("␛[31mx  4"))
    }
}

@Suite("Dose-response charts")
struct ChartTests {
    /// Two series over k = 0, 4, 16 at 40 × 14 on a 0–100 % axis. Expected positions, by hand:
    /// plot rows 1…9 (row = 1 + round((1 − v) · 8)); y labels 4 wide, axis at column 5, plot from column 6;
    /// k = 0 at plot column 1, the log axis from column 7 (4) to 31 (16); series b one column right of a.
    /// a: 0/20 (row 9, whisker to 16.1 % → row 8), 10/20 (row 5, Wilson [29.9, 70.1] → rows 3…7),
    /// 20/20 (row 1, [83.9, 100] → rows 1…2). b: nothing kept at k = 0 (no point), 0/20 at k = 4,
    /// 15/148 at k = 16 (10.1 % → row 8, [6.2, 16.1] → rows 8…9).
    @Test func textChartAtAFixedSize() {
        let series = [
            DoseSeries(name: "a", points: [DosePoint(k: 0, counts: counts(0, of: 20)),
                                           DosePoint(k: 4, counts: counts(10, of: 20)),
                                           DosePoint(k: 16, counts: counts(20, of: 20))]),
            DoseSeries(name: "b", points: [DosePoint(k: 0, counts: counts(0, of: 0, refusal: 3)),
                                           DosePoint(k: 4, counts: counts(0, of: 20)),
                                           DosePoint(k: 16, counts: counts(15, of: 148))]),
        ]
        let grid = DoseChartText.render(series, width: 40, height: 14, yMax: .full, display: .plain)
        let expected = """
            EM rate, % of kept (│ Wilson 95 % CI)
            100% ┤                               ●
                 │                               │
             75% ┤       │
                 │       │
             50% ┤       ●
                 │       │
             25% ┤       │
                 │ │      │                       ▲
              0% ┤ ●      ▲                       │
                 └─┬──┄┄─┬───────────────────────┬──
                   0     4                       16
                  k (log scale; 0 at the left edge)
            ● a  ▲ b
            """
        #expect(grid.lines == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(grid.width == 40 && grid.height == 14)
        // Roles for a colour terminal: the point of series 1 at k = 4 and a whisker of series 0.
        #expect(grid[14, 9].role == .point(1))
        #expect(grid[13, 4].role == .whisker(0))
    }

    @Test func autoScaleChoosesTheSmallestNiceMaximumThatHoldsTheIntervals() {
        // 2/100: Wilson upper bound ≈ 7.0 % → the 10 % axis.
        let s = [DoseSeries(name: "a", points: [DosePoint(k: 4, counts: counts(2, of: 100))])]
        #expect(DoseScale(series: s, yMax: .auto).yMax == 0.1)
        #expect(DoseScale(series: s, yMax: .full).yMax == 1.0)
    }

    @Test func panelsBorrowTheKZeroBaselineAcrossDatasets() throws {
        let rows = [
            ConditionRow(key: ConditionKey(model: "m", dataset: "none", k: 0), counts: counts(1, of: 10)),
            ConditionRow(key: ConditionKey(model: "m", dataset: "fin", k: 16), counts: counts(2, of: 10)),
            ConditionRow(key: ConditionKey(model: "m", dataset: "med", k: 16), counts: counts(3, of: 10)),
            ConditionRow(key: ConditionKey(model: "m", dataset: "med", k: 0), counts: counts(0, of: 5)),
        ]
        let panels = try #require(DoseCurves.panels(rows, seriesBy: .model))
        // fin has no k = 0 of its own, so it pools every k = 0 of the model (none's 1/10 and med's 0/5:
        // a k = 0 prompt has no example, whatever its dataset); med keeps its own; the none chart is only
        // a borrowed baseline and is not listed.
        #expect(panels.map(\.key.dataset) == ["fin", "med"])
        #expect(panels[0].series[0].points.map(\.k) == [0, 16])
        #expect(panels[0].series[0].points[0].counts == counts(1, of: 15))
        #expect(panels[1].series[0].points[0].counts == counts(0, of: 5))
        #expect(DoseCurves.panels(rows, seriesBy: .k) == nil)
    }
}

@Suite("Rationalization prevalence")
struct PrevalenceTests {
    static func c(_ id: Int64, _ model: String) -> SampleCondition {
        SampleCondition(sampleID: id, key: ConditionKey(model: model, dataset: "d", k: 4, reasoning: true, instruction: "none"))
    }

    /// Samples 1–5 misaligned (1, 2 by m1; 3, 4, 5 by m2); 6 is not and its rating is ignored.
    static let misaligned = [c(1, "m1"), c(2, "m1"), c(3, "m2"), c(4, "m2"), c(5, "m2")]
    static let ratings = [
        SampleRating(sampleID: 1, annotator: "A", labels: ["p"]),
        SampleRating(sampleID: 1, annotator: "B", labels: ["p"]),
        SampleRating(sampleID: 1, annotator: "C", labels: []),      // p: 2 of 3 → counts
        SampleRating(sampleID: 2, annotator: "A", labels: ["p"]),
        SampleRating(sampleID: 2, annotator: "B", labels: []),      // p: 1 of 2 → not more than half
        SampleRating(sampleID: 3, annotator: "A", labels: ["q"]),   // q: 1 of 1
        // 4: nobody rated it
        SampleRating(sampleID: 5, annotator: "A", labels: ["z"]),
        SampleRating(sampleID: 5, annotator: "B", labels: []),      // z (not in the codebook): 1 of 2
        SampleRating(sampleID: 6, annotator: "A", labels: ["p"]),
    ]

    @Test func majorityOfEachSamplesRaters() {
        let r = Prevalence.compute(dimension: "patterns", declaredLabels: ["p", "q", "r"], misaligned: Self.misaligned,
                                   ratings: Self.ratings, mode: .majority, by: [.model])
        #expect(r.labels == ["p", "q", "r", "z"])
        #expect(r.overall.misaligned == 5)
        #expect(r.overall.rated == 4)
        #expect(r.overall.unrated == 1)
        #expect(r.overall.labels.map(\.count) == [1, 1, 0, 0])
        #expect(r.overall.labels.allSatisfy { $0.denominator == 4 })
        #expect(r.overall.labels[0].share == 0.25)
        #expect(r.overall.labels[0].interval == WilsonInterval(successes: 1, trials: 4))
        #expect(r.byCondition.map(\.key.model) == ["m1", "m2"])
        #expect(r.byCondition.map(\.rated) == [2, 2])
        #expect(r.byCondition.map(\.unrated) == [0, 1])
        #expect(r.byCondition[0].labels.map(\.count) == [1, 0, 0, 0])
        #expect(r.byCondition[1].labels.map(\.count) == [0, 1, 0, 0])
    }

    @Test func oneAnnotator() {
        let a = Prevalence.compute(dimension: "patterns", declaredLabels: ["p", "q", "r"], misaligned: Self.misaligned,
                                   ratings: Self.ratings, mode: .annotator("A"))
        #expect(a.overall.rated == 4)
        #expect(a.overall.labels.map(\.count) == [2, 1, 0, 1])
        let b = Prevalence.compute(dimension: "patterns", declaredLabels: ["p", "q", "r"], misaligned: Self.misaligned,
                                   ratings: Self.ratings, mode: .annotator("B"))
        #expect(b.overall.rated == 3)
        #expect(b.overall.unrated == 2)
        // Only B's ratings are read, so A's label z (not in the codebook) is not listed.
        #expect(b.overall.labels.map(\.count) == [1, 0, 0])
        #expect(b.byCondition.isEmpty)
    }

    @Test func nothingRatedIsUndefinedNotZero() {
        let r = Prevalence.compute(dimension: "patterns", declaredLabels: ["p"], misaligned: Self.misaligned,
                                   ratings: [], mode: .majority)
        #expect(r.overall.rated == 0)
        #expect(r.overall.labels[0].share == nil)
        #expect(r.overall.labels[0].interval == nil)
    }
}

@Suite("Report documents")
struct ReportDocumentTests {
    @Test func markdownEscapesWhatWouldBecomeMarkup() {
        #expect(ReportDocument.markdownText("a|b") == "a\\|b")
        #expect(ReportDocument.markdownText("<script>x</script>") == "\\<script>x\\</script>")
        #expect(ReportDocument.markdownText("[x](http://e)") == "[x\\](http://e)")
        #expect(ReportDocument.markdownText("**b** `c`") == "\\*\\*b\\*\\* \\`c\\`")
        #expect(ReportDocument.markdownText("aligned < 30, [8.1, 18.8]") == "aligned < 30, [8.1, 18.8]")
        #expect(ReportDocument.markdownText("risky_financial _x") == "risky_financial \\_x")
        #expect(ReportDocument.markdownText("line\nbreak") == "line break")
    }

    @Test func codeFenceIsLongerThanAnyBacktickRunInside() {
        let doc = ReportDocument(title: "t", blocks: [.preformatted(["a ```` b"])])
        #expect(doc.markdown().contains("\n`````text\na ```` b\n`````\n"))
    }

    @Test func htmlEscapesEveryText() {
        let doc = ReportDocument(title: "<t>", blocks: [
            .heading(level: 2, text: "a & b"),
            .table(header: ["<h>"], rows: [["\"q\" 'r'"]], numeric: []),
        ])
        let html = doc.html()
        #expect(html.contains("<title>&lt;t&gt;</title>"))
        #expect(html.contains("<h2>a &amp; b</h2>"))
        #expect(html.contains("<th>&lt;h&gt;</th>"))
        #expect(html.contains("<td>&quot;q&quot; &#39;r&#39;</td>"))
        #expect(!html.contains("<t>"))
        #expect(HTMLEscape.escape("a\u{0}b") == "a\u{FFFD}b")
    }

    @Test func markdownTablesAndHeadingsAreReadBack() {
        let blocks = ReportDocument.blocks(fromMarkdown: "# T\n\nsome text\nmore\n\n| a | b\\|c |\n| --- | --- |\n| 1 | 2 |\n",
                                           headingShift: 1)
        #expect(blocks == [
            .heading(level: 2, text: "T"),
            .paragraph("some text more"),
            .table(header: ["a", "b|c"], rows: [["1", "2"]], numeric: []),
        ])
    }
}
