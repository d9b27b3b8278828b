import ArgumentParser
import EMCore
import EMStore
import EMSynth
import Foundation

/// `emscope synth --out FILE [--samples N] [--seed S]`
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a deterministic synthetic study (SQLite store, or JSONL when FILE ends in .jsonl).",
        discussion: """
        The same seed always gives the same study. Without --samples: the demo study committed in \
        sample-runs/ (4 fictional models × 3 datasets × k ∈ {0,16,64,256} × reasoning on/off, plus \
        instruction variants; two judges; three simulated annotators). With --samples N: a scaled \
        study of exactly N samples with ~2 KB reasoning traces, the performance workload.

        Examples:
          emscope synth --out demo.sqlite
          emscope synth --out sample-runs/study.jsonl
          emscope synth --out big.sqlite --samples 1000000 --seed 7
        """)

    @Option(help: "The file to write: a new SQLite store, or JSONL when it ends in .jsonl.")
    var out: String

    @Option(help: "Exactly this many samples (default: the demo study).")
    var samples: Int?

    @Option(help: "The random seed.")
    var seed: UInt64 = SynthConfig.defaultSeed

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    func validate() throws {
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
    }

    func run() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: out) && !force {
            throw CLIError("\(out): already exists — choose another name or pass --force to replace it")
        }
        let config = SynthConfig(seed: seed, samples: samples)
        let total = SynthStudy.summary(config).samples
        let progress = Progress(label: out)
        let start = Date()
        var written = 0
        let temp = out + ".partial-\(getpid())"
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: temp + suffix) } }
        if out.hasSuffix(".jsonl") {
            let sink = try OutputSink(path: out)
            let codec = JSONLCodec()
            try SynthStudy.generate(config) { record in
                try sink.writeLine(try codec.encode(record))
                if case .sample = record { written += 1; if written % 5000 == 0 { progress.update(lines: written) } }
            }
            try sink.close()
        } else {
            let store = try Store.createForBulkLoad(temp)
            let summary = try store.importing(file: out) { writer in
                try SynthStudy.generate(config) { record in
                    try writer.add(record)
                    if case .sample = record { written += 1; if written % 5000 == 0 { progress.update(lines: written) } }
                }
            }
            try store.close()
            if force { for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: out + suffix) } }
            do {
                try fm.moveItem(atPath: temp, toPath: out)
            } catch {
                throw CLIError("\(out): could not be written (\(error.localizedDescription)) — check the folder is writable")
            }
            written = summary.samples.added
        }
        progress.finish()
        let seconds = Date().timeIntervalSince(start)
        print("\(out): \(written) of \(total) samples, seed \(seed), in \(String(format: "%.1f", seconds)) s")
    }
}
