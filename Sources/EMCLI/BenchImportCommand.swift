import ArgumentParser
import EMCore
import EMImport
import EMStore
import EMSynth
import Foundation

/// `emscope bench`: `explorer` (the default: `emscope bench STORE`) or `import`.
struct BenchGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the explorer on a store (default), or import speed (bench import).",
        subcommands: [BenchCommand.self, BenchImportCommand.self],
        defaultSubcommand: BenchCommand.self)
}

/// `emscope bench import [--samples N]`: writes a synthetic study as native JSONL and as an EM
/// evaluation CSV, then times importing each into a new store and into an existing one.
struct BenchImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Measure import speed (samples/s) for jsonl and em-csv on a synthetic study.",
        discussion: """
        The workload is 'emscope synth' (seed 2026) written to a temporary folder: the native \
        JSONL (runs, examples, questions, samples with four judgments, ratings) and an EM CSV of \
        the same samples (question_id, question, answer, aligned, coherent of one judge). Each is \
        imported into a brand-new store (the path 'emscope import' takes for a missing store) and \
        into an existing WAL store. Figures are in docs/performance.md.

        Example:
          swift build -c release && .build/release/emscope bench import --samples 100000
        """)

    @Option(help: "Samples in the synthetic study.")
    var samples: Int = 100_000

    @Option(help: "Repetitions of each measurement (the best is reported beside the median).")
    var iterations: Int = 3

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if samples < 100 { throw ValidationError("--samples must be at least 100") }
        if iterations < 1 { throw ValidationError("--iterations must be at least 1") }
    }

    struct Result: Codable {
        var format: String
        var target: String
        var samples: Int
        var medianSeconds: Double
        var bestSeconds: Double
        var medianSamplesPerSecond: Double
        var bestSamplesPerSecond: Double
        enum CodingKeys: String, CodingKey {
            case format, target, samples
            case medianSeconds = "median_s", bestSeconds = "best_s"
            case medianSamplesPerSecond = "median_samples_per_s", bestSamplesPerSecond = "best_samples_per_s"
        }
    }

    func run() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("emscope-bench-import-\(getpid())")
        try? fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let jsonl = dir.appendingPathComponent("study.jsonl").path
        let csv = dir.appendingPathComponent("bench__risky_financial__k16.csv").path
        try writeWorkload(jsonl: jsonl, csv: csv)
        var results: [Result] = []
        let formats: [(String, String, (Store) throws -> ImportSummary)] = [
            ("jsonl", jsonl, { try $0.importJSONL(path: jsonl) }),
            ("em-csv", csv, { try EMCSVImporter.importFile(csv, into: $0, options: RunOptions(judge: "judge-a")) }),
        ]
        for (format, _, importer) in formats {
            for target in ["new store", "existing store"] {
                var times: [Double] = []
                var count = 0
                for i in 0..<iterations {
                    let path = dir.appendingPathComponent("s-\(format)-\(i).sqlite").path
                    for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
                    var seconds = 0.0
                    if target == "new store" {
                        seconds = try Benchmark.time {
                            let store = try Store.createForImport(path)
                            count = try importer(store).samples.added
                            try store.finishImport()
                        } / 1000
                    } else {
                        let store = try Store.open(path, mode: .createIfMissing)
                        seconds = try Benchmark.time { count = try importer(store).samples.added } / 1000
                        try store.close()
                    }
                    times.append(seconds)
                    for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
                }
                let sorted = times.sorted()
                let median = sorted[sorted.count / 2], best = sorted[0]
                results.append(Result(format: format, target: target, samples: count, medianSeconds: median, bestSeconds: best,
                                      medianSamplesPerSecond: Double(count) / median, bestSamplesPerSecond: Double(count) / best))
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        } else {
            print("format   into             samples   median s   samples/s (median)   samples/s (best)")
            for r in results {
                print(r.format.padding(toLength: 8, withPad: " ", startingAt: 0) + " "
                      + r.target.padding(toLength: 16, withPad: " ", startingAt: 0)
                      + String(format: " %7d   %8.2f   %18.0f   %16.0f", r.samples, r.medianSeconds,
                               r.medianSamplesPerSecond, r.bestSamplesPerSecond))
            }
        }
    }

    /// The synthetic study as JSONL, and its samples as an EM CSV (one judge's aligned/coherent).
    func writeWorkload(jsonl: String, csv: String) throws {
        let jsonlSink = try OutputSink(path: jsonl)
        let csvSink = try OutputSink(path: csv)
        try csvSink.writeLine("question_id,question,answer,aligned,coherent")
        let codec = JSONLCodec()
        var questions: [String: String] = [:]
        func field(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        try SynthStudy.generate(SynthConfig(samples: samples)) { record in
            try jsonlSink.writeLine(try codec.encode(record))
            switch record {
            case .question(let q): questions[q.key] = q.text
            case .sample(let s):
                let judge = s.judgments.filter { $0.judge == s.judgments.first?.judge }
                func score(_ metric: String) -> String {
                    judge.first { $0.metric == metric }?.score.map { String($0) } ?? ""
                }
                try csvSink.writeLine([s.question, field(questions[s.question] ?? ""), field(s.answer), score("aligned"),
                                       score("coherent")].joined(separator: ","))
            default: break
            }
        }
        try jsonlSink.close()
        try csvSink.close()
    }
}
