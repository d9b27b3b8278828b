import ArgumentParser
import EMCore
import EMQuery
import EMText
import EMStore
import EMTUI
import Foundation

/// `emscope bench STORE`: drives the real explorer code path headless — the same state, reducer,
/// render and store code, with the in-memory terminal — and reports median, p95 and max times.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explorer",
        abstract: "Measure the explorer on a store: first frame, steps, pages, jumps, long-trace detail, filters, counts.",
        discussion: """
        Runs headless with an in-memory 120×40 terminal; nothing is drawn. Times include the store \
        queries, the reducer and rendering a whole frame. Budgets are in docs/performance.md.

        Examples:
          emscope bench sample-runs/demo.sqlite
          emscope synth --out big.sqlite --samples 1000000 && emscope bench big.sqlite --json
        """)

    @Argument(help: "The store to measure.")
    var store: String

    @Option(help: "Repetitions of each measurement.")
    var iterations: Int = 50

    @Option(help: "The condition filter to time (query language).")
    var filter: String = "k>=64 reasoning:yes verdict:misaligned"

    @Option(help: "The text search to time (needs the search index: run 'emscope index STORE' first).")
    var text: String = "\"the examples\""

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: """
        Print the first-page SQL of the filter and of the text search as sqlite3 shell input \
        (.param set lines, then the statement) instead of measuring, to time the same SQL in the shell.
        """)
    var sql = false

    func validate() throws {
        if iterations < 1 { throw ValidationError("--iterations must be at least 1") }
    }

    func run() throws {
        if sql {
            print(try Benchmark(path: store, iterations: iterations, filter: filter, text: text).firstPageSQL())
            return
        }
        let results = try Benchmark(path: store, iterations: iterations, filter: filter, text: text).run()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        } else {
            print(results.table)
        }
    }
}

/// The measurements of one bench run.
struct BenchResults: Codable {
    struct Measure: Codable {
        var name: String
        var medianMs: Double
        var p95Ms: Double
        var p99Ms: Double
        var maxMs: Double
        var samples: Int
        var budgetMs: Double?

        enum CodingKeys: String, CodingKey {
            case name, samples
            case medianMs = "median_ms", p95Ms = "p95_ms", p99Ms = "p99_ms", maxMs = "max_ms", budgetMs = "budget_ms"
        }
    }

    var store: String
    var storeSamples: Int
    var measures: [Measure]
    /// Peak resident memory of the explorer measurements (the budget's figure).
    var peakResidentMB: Double
    /// Peak resident memory after the agreement report too (nil when the store has no ratings).
    var peakResidentWithAgreementMB: Double?

    enum CodingKeys: String, CodingKey {
        case store, measures
        case storeSamples = "store_samples", peakResidentMB = "peak_resident_mb"
        case peakResidentWithAgreementMB = "peak_resident_with_agreement_mb"
    }

    var table: String {
        func f(_ x: Double) -> String { String(format: "%8.2f", x) }
        var lines = ["store \(store) · \(storeSamples) samples",
                     "what                                           median      p95      p99      max   budget   n"]
        for m in measures {
            let name = m.name.padding(toLength: 44, withPad: " ", startingAt: 0)
            let budget = m.budgetMs.map { String(format: "%6.0f", $0) } ?? "     –"
            lines.append("\(name) \(f(m.medianMs)) \(f(m.p95Ms)) \(f(m.p99Ms)) \(f(m.maxMs))   \(budget)  \(m.samples)")
        }
        lines.append(String(format: "peak resident memory %.1f MB (budget 80 MB)", peakResidentMB))
        if let withAgreement = peakResidentWithAgreementMB {
            lines.append(String(format: "peak resident memory with the agreement report %.1f MB", withAgreement))
        }
        return lines.joined(separator: "\n")
    }
}

/// Runs the measurements.
struct Benchmark {
    let path: String
    let iterations: Int
    let filter: String
    let text: String
    let size = Size(width: 120, height: 40)

    final class Session {
        let runtime: Runtime
        let mailbox: Mailbox
        let store: Store
        init(store: Store, size: Size) {
            self.store = store
            let mailbox = Mailbox()
            let judges = (try? store.judges()) ?? []
            let state = AppState(size: size, storeName: "bench", annotator: "bench",
                                 context: ExplorerContext(judges: judges))
            runtime = Runtime(terminal: MemoryTerminal(size: size), performer: StorePerformer(store: store, mailbox: mailbox),
                              state: state, mailbox: mailbox)
            self.mailbox = mailbox
        }

        /// Waits for background work (the count) and delivers it.
        func settle() {
            while mailbox.isBusy {
                runtime.deliverPosted()
                usleep(200)
            }
            runtime.deliverPosted()
        }
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    /// Wall-clock and CPU time (of this thread, in ms) of `body`. On a loaded machine the CPU time
    /// is what compares with the sqlite3 shell's `user + sys`: it does not count waiting for a core.
    static func timeWithCPU(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        func cpuNow() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
        }
        let cpu = cpuNow()
        let wall = try time(body)
        return (wall, cpuNow() - cpu)
    }

    static func measure(_ name: String, budget: Double?, _ values: [Double]) -> BenchResults.Measure {
        let sorted = values.sorted()
        // Nearest-rank percentiles: with fewer than 100 samples, p99 is the maximum.
        func percentile(_ p: Double) -> Double {
            sorted[max(0, min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
        }
        return .init(name: name, medianMs: sorted[sorted.count / 2], p95Ms: percentile(0.95), p99Ms: percentile(0.99),
                     maxMs: sorted.last ?? 0, samples: sorted.count, budgetMs: budget)
    }

    /// Applies `query` and clears it in turn (`iterations` times, at most 20), timing the first page
    /// (wall and input-thread CPU), then the count that follows off the input loop, and the page
    /// query alone.
    func firstPages(_ session: Session, query: String, name: String, countName: String, budget: Double,
                    iterations: Int) throws -> [BenchResults.Measure] {
        let rt = session.runtime
        var pages: [Double] = [], cpu: [Double] = [], counts: [Double] = []
        for i in 0..<min(iterations, 20) {
            let t = Self.timeWithCPU {
                rt.send(.applyFilter(i % 2 == 0 ? query : ""))
                rt.draw()
            }
            counts.append(Self.time { session.settle() })
            if i % 2 == 0 {
                pages.append(t.wall)
                cpu.append(t.cpu)
            }
        }
        let alone = try pageQueryTimes(session, query)
        return [Self.measure("\(name) → first page", budget: budget, pages),
                Self.measure("\(name) → first page, CPU (input thread)", budget: nil, cpu),
                Self.measure(countName, budget: nil, counts),
                Self.measure("\(name): page query alone", budget: nil, alone.map(\.wall)),
                Self.measure("\(name): page query alone, CPU", budget: nil, alone.map(\.cpu))]
    }

    /// The first page's query of `query` on its own (`Store.samplePage`, as many rows as the
    /// explorer's first window), without the reducer, the count, the detail or rendering: the
    /// number to compare with the sqlite3 shell running the SQL that `--sql` prints (wall clock
    /// with real, CPU with user + sys).
    func pageQueryTimes(_ session: Session, _ query: String) throws -> [(wall: Double, cpu: Double)] {
        let rt = session.runtime
        let limit = rt.state.list.window.count // the explorer's first window, unfiltered
        rt.send(.applyFilter(query))
        session.settle()
        let state = rt.state
        let context = BrowseContext(primaryJudge: state.context.primaryJudge, rule: state.context.rule, annotator: state.annotator)
        var times: [(wall: Double, cpu: Double)] = []
        for _ in 0..<min(iterations, 20) {
            times.append(try Self.timeWithCPU {
                _ = try session.store.samplePage(state.filter.sql, offset: 0, limit: limit, context: context)
            })
        }
        rt.send(.applyFilter(""))
        session.settle()
        return times
    }

    /// The first-page statements of the filter and the text search, as sqlite3 shell input.
    func firstPageSQL() throws -> String {
        let store = try Store.open(path, readOnly: true)
        let session = Session(store: store, size: size)
        session.runtime.send(.started)
        session.settle()
        let limit = session.runtime.state.list.window.count // the explorer's first window, unfiltered
        var out = "-- emscope bench --sql: the explorer's first-page queries; run with: sqlite3 STORE < this-file\n.timer on\n"
        for query in [filter, text] {
            let rt = session.runtime
            rt.send(.applyFilter(query))
            session.settle()
            let state = rt.state
            let context = BrowseContext(primaryJudge: state.context.primaryJudge, rule: state.context.rule,
                                        annotator: state.annotator)
            let page = Store.pageQuery(state.filter.sql, offset: 0, limit: limit, context: context)
            out += "\n-- \(Sanitizer.singleLineString(query)): first page of up to \(limit) rows\n.param clear\n"
            for (i, argument) in page.arguments.enumerated() {
                out += ".param set ?\(i + 1) \(Self.shellLiteral(argument))\n"
            }
            out += ".output /dev/null\n\(page.sql);\n.output stdout\n"
        }
        return out
    }

    /// An argument as the shell's `.param set` value: an SQL literal (strings single-quoted, quotes
    /// doubled), strings inside a double-quoted argument.
    static func shellLiteral(_ argument: SQLArgument) -> String {
        switch argument {
        case .text(let s):
            // The shell reads a double-quoted argument with backslash escapes, then the SQL literal inside.
            let literal = "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
            return "\"" + literal.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .null: return "NULL"
        }
    }

    func run() throws -> BenchResults {
        var measures: [BenchResults.Measure] = []
        let store = try Store.open(path, readOnly: true)
        let total = try store.sampleCount()

        // Start → first full frame (open the store, first page, detail, render).
        var starts: [Double] = []
        for _ in 0..<min(iterations, 20) {
            starts.append(try Self.time {
                let s = try Store.open(path, readOnly: true)
                let session = Session(store: s, size: size)
                session.runtime.send(.started)
                session.runtime.draw()
            })
        }
        measures.append(Self.measure("start → first full frame", budget: 150, starts))

        let session = Session(store: store, size: size)
        session.runtime.send(.started)
        session.settle()
        let rt = session.runtime
        func key(_ k: Key) -> Double {
            Self.time {
                rt.send(.input(.key(k)))
                rt.draw()
            }
        }
        measures.append(Self.measure("step down (j)", budget: 5, (0..<max(iterations, 200)).map { _ in key(.char("j")) }))
        measures.append(Self.measure("page down", budget: 5, (0..<iterations).map { _ in key(.pageDown) }))
        var jumps: [Double] = []
        for _ in 0..<min(iterations, 20) {
            jumps.append(key(.char("G")))
            _ = key(.char("g"))
        }
        measures.append(Self.measure("jump to the end (G)", budget: nil, jumps))

        // Detail of the sample with the longest trace: from the row above it, one step down loads
        // its detail, lays out its reasoning and renders the frame.
        if let (_, position) = try store.longestTraceSample(), position > 0 {
            var details: [Double] = []
            for _ in 0..<min(iterations, 20) {
                rt.send(.input(.key(.char(":"))))
                for c in "\(position)" { rt.send(.input(.key(.char(c)))) }
                rt.send(.input(.key(.enter)))
                rt.draw()
                details.append(key(.char("j")))
            }
            measures.append(Self.measure("detail of the longest trace (step onto it)", budget: 20, details))
        }

        // Condition filter → first page (the count arrives later, off the input loop).
        measures += try firstPages(session, query: filter, name: "filter", countName: "full match count (after first page)",
                                   budget: 100, iterations: iterations)
        // Text search → first page, only when the search index covers the store.
        if store.searchIndexStatus().pending == 0 {
            measures += try firstPages(session, query: text, name: "text search", countName: "text search full count",
                                       budget: 250, iterations: iterations)
        }

        // The longest the input loop was busy with one action in all the above (everything except
        // the counts, which run off it, and the page queries alone, which are not input actions).
        let offLoop: Set<String> = ["start → first full frame", "full match count (after first page)", "text search full count",
                                    "filter: page query alone", "filter: page query alone, CPU",
                                    "text search: page query alone", "text search: page query alone, CPU",
                                    "filter → first page, CPU (input thread)", "text search → first page, CPU (input thread)"]
        let blocked = measures.filter { !offLoop.contains($0.name) }.map(\.maxMs).max() ?? 0
        measures.append(Self.measure("input blocked: longest single action", budget: 50, [blocked]))

        // Peak memory of the explorer's work, before the agreement report reads every rating.
        func peakMB() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_maxrss) / 1024
        }
        let explorerPeak = peakMB()

        // The agreement report (`emscope agreement`, no bootstrap) on the store's ratings.
        let ratings = try store.info().ratings
        if ratings > 0 {
            let request = AgreementRequest(storeName: path, dimension: nil, annotators: nil, filter: nil, blindOnly: false,
                                           bootstrap: 0, seed: nil, verdict: try VerdictOptions.parse([]))
            let times = try (0..<min(iterations, 5)).map { _ in try Self.time { _ = try request.compute(store) } }
            measures.append(Self.measure("agreement report (\(ratings) ratings)", budget: 1000, times))
        }

        return BenchResults(store: path, storeSamples: total, measures: measures, peakResidentMB: explorerPeak,
                            peakResidentWithAgreementMB: ratings > 0 ? peakMB() : nil)
    }
}
