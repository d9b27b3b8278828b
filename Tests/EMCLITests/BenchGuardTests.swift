import EMCore
@testable import EMCLI
import EMQuery
@testable import EMStore
import EMSynth
import EMTUI
import EMTestSupport
import Foundation
import Testing

/// The CI-sized run of `emscope bench`: 20,000 synthetic samples, the real explorer path headless.
/// It guards only against gross regressions — every budgeted median within 10× its 1M budget — and
/// checks the shapes that make the budgets hold at any size, which timing at 20k cannot show: the
/// list holds a window of rows, not the store, and the first pages of the condition filter and the
/// text search are read in id order without a sort or a list of all matches. Tight figures are
/// `emscope bench`'s job (docs/performance.md).
@Suite("Bench: gross-regression guard at 20,000 samples", .serialized)
struct BenchGuardTests {
    static let samples = 20_000

    /// A store of the synthetic study, written the way `emscope synth` writes one.
    static func store(_ dir: TempDir) throws -> String {
        let path = dir.path("s20k.sqlite")
        let store = try Store.createForBulkLoad(path)
        _ = try store.importing(file: path) { writer in
            try SynthStudy.generate(SynthConfig(seed: 2026, samples: samples)) { try writer.add($0) }
        }
        try store.close()
        return path
    }

    @Test func benchWithinTenTimesItsBudgetsAndPagesAreWindows() throws {
        let dir = TempDir()
        let clock = ContinuousClock()
        var path = ""
        let built = try clock.measure { path = try Self.store(dir) }
        print("[bench guard] built \(Self.samples) samples in \(built)")

        let bench = Benchmark(path: path, iterations: 5, filter: "k>=64 reasoning:yes verdict:misaligned",
                              text: "\"the examples\"")
        let results = try bench.run()
        print(results.table)
        #expect(results.storeSamples == Self.samples)
        let names = Set(results.measures.map(\.name))
        for expected in ["start → first full frame", "step down (j)", "page down", "jump to the end (G)",
                         "detail of the longest trace (step onto it)", "filter → first page", "input blocked: longest single action"] {
            #expect(names.contains(expected), "missing measurement \(expected)")
        }
        for m in results.measures {
            #expect(m.medianMs <= m.p95Ms && m.p95Ms <= m.p99Ms && m.p99Ms <= m.maxMs, "\(m.name)")
            if let budget = m.budgetMs {
                #expect(m.medianMs <= 10 * budget, "\(m.name): median \(m.medianMs) ms, 10× budget \(10 * budget) ms")
            }
        }
        #expect(results.peakResidentMB < 800)

        // The list holds a window around the screen, never the whole store.
        let store = try Store.open(path, readOnly: true)
        let session = Benchmark.Session(store: store, size: bench.size)
        session.runtime.send(.started)
        session.settle()
        let list = session.runtime.state.list
        #expect(list.total == Self.samples)
        #expect(list.window.count > 0 && list.window.count <= 4 * bench.size.height, "window of \(list.window.count) rows")

        // First pages in id order read as they go: no sort of all matches, no list of all matches.
        let context = QueryContext(primaryJudge: session.runtime.state.context.primaryJudge ?? "", annotator: "bench")
        let browse = BrowseContext(primaryJudge: session.runtime.state.context.primaryJudge, annotator: "bench")
        for query in [bench.filter, bench.text] {
            let filter = try QueryLanguage.compile(query, context: context).get()
            let page = Store.pageQuery(filter, offset: 0, limit: list.window.count, context: browse)
            let plan = try store.queryPlan(page.sql, page.arguments)
            // A sort of every match, or the index's matches collected into a list before the page.
            #expect(!plan.contains { $0.contains("TEMP B-TREE FOR ORDER BY") }, "\(query): \(plan)")
            #expect(!plan.dropFirst().contains { $0.contains("sample_fts") }, "\(query): \(plan)")
            if query == bench.text {
                #expect(plan.first?.hasPrefix("SCAN sample_fts") == true, "\(query) should walk the index: \(plan)")
            } else {
                #expect(plan.first == "SCAN s", "\(query) should scan samples in id order: \(plan)")
            }
        }
    }
}
