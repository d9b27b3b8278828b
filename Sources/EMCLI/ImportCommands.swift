import ArgumentParser
import EMCore
import EMImport
import EMStore
import EMText
import Foundation

/// `emscope import FORMAT FILE... --into STORE [run options]`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import files into a store (created when missing). Each file imports completely or not at all.",
        discussion: """
        Formats (docs/formats.md): jsonl (emscope's own), inspect (Inspect AI .eval and .json logs), \
        em-csv (the emergent-misalignment evaluation CSV), records (any per-sample JSON or JSONL \
        through a field mapping). Re-importing a file adds nothing.
        """,
        subcommands: [ImportJSONLCommand.self, ImportInspectCommand.self, ImportEMCSVCommand.self, ImportRecordsCommand.self])
}

/// `--into STORE`, shared by every import format.
struct ImportDestination: ParsableArguments {
    @Option(help: "The store to import into (created when missing).")
    var into: String
}

/// Imports files one after another into one store, one transaction per file, printing a summary
/// line per file and a total. A store that did not exist is built under a temporary name with
/// fsyncs off and renamed when the import ends; if no file imported, nothing is left behind.
struct ImportSession {
    let store: String
    /// The format named on the command line, to catch a file of another kind before it is parsed.
    let format: String

    func run(files: [String], _ importOne: (Store, String, @escaping (ImportProgress) -> Void) throws -> ImportSummary) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: store, isDirectory: &isDirectory)
        let size = exists ? ((try? fm.attributesOfItem(atPath: store)[.size] as? NSNumber)?.intValue ?? 0) : 0
        if exists && !isDirectory.boolValue && size > 0 {
            let s = try Store.open(store, mode: .createIfMissing)
            var total = ImportSummary()
            for file in files {
                total.add(try importFile(file, into: s, importOne))
            }
            if files.count > 1 { print("total: \(total.line)") }
            return
        }
        if exists && isDirectory.boolValue {
            throw CLIError("\(store): is a directory, not a store file — pass the .sqlite file to create or add to")
        }
        // A brand-new store.
        let url = URL(fileURLWithPath: store)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).importing-\(getpid())").path
        func removeTemp() { for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: temp + suffix) } }
        removeTemp()
        let s: Store
        do {
            s = try Store.createForImport(temp)
        } catch {
            removeTemp()
            throw CLIError("\(store): cannot be created (\(error.problem)) — check the folder exists and is writable")
        }
        var total = ImportSummary()
        var imported = 0
        var failure: (any Error)?
        for file in files {
            do {
                total.add(try importFile(file, into: s, importOne))
                imported += 1
            } catch {
                failure = error
                break
            }
        }
        if imported == 0 {
            try? s.close()
            removeTemp()
        } else {
            do {
                try s.finishImport()
                if exists { try fm.removeItem(atPath: store) }
                try fm.moveItem(atPath: temp, toPath: store)
            } catch {
                removeTemp()
                throw CLIError("\(store): could not be written (\(error.localizedDescription)) — check the folder is writable")
            }
        }
        if let failure { throw failure }
        if files.count > 1 { print("total: \(total.line)") }
    }

    private func importFile(_ file: String, into s: Store,
                            _ importOne: (Store, String, @escaping (ImportProgress) -> Void) throws -> ImportSummary) throws -> ImportSummary {
        if let problem = InputSniff.mismatch(path: file, format: format) {
            throw CLIError("\(file): \(problem)")
        }
        let progress = Progress(label: file)
        defer { progress.finish() }
        let summary = try importOne(s, file) { progress.update($0) }
        progress.finish()
        print("\(Sanitizer.singleLineString(file)): \(summary.line)")
        return summary
    }
}

/// `emscope import jsonl FILE... --into STORE`
struct ImportJSONLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonl",
        abstract: "Import emscope's native JSONL (docs/formats.md).",
        discussion: """
        Re-importing a file adds nothing: runs are known by name, questions by key, samples by \
        (run, question, sample index).

        Example:
          emscope import jsonl sample-runs/study.jsonl --into runs.sqlite
        """)

    @Argument(help: "JSONL files to import.")
    var files: [String]

    @OptionGroup var destination: ImportDestination

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one JSONL file to import") }
    }

    func run() throws {
        try ImportSession(store: destination.into, format: "jsonl").run(files: files) { store, file, progress in
            try store.importJSONL(path: file, progress: progress)
        }
    }
}

/// `--model`, `--dataset`, `-k`, `--reasoning`, `--instruction`, `--judge`, `--run`.
struct RunOptionArguments: ParsableArguments {
    @Option(help: "The model of the run(s).")
    var model: String?

    @Option(help: "The in-context dataset (\"none\" for a baseline).")
    var dataset: String?

    @Option(name: .customShort("k"), help: "k, the number of in-context examples.")
    var k: Int?

    @Flag(inversion: .prefixedNo, help: "Whether chain of thought was elicited.")
    var reasoning: Bool?

    @Option(help: "The system-instruction variant (none, prioritize_safety, prioritize_context, …).")
    var instruction: String?

    @Option(help: "The judge's name for the scores.")
    var judge: String?

    @Option(help: "The run's name (default: model/dataset/kK/cot|direct[/instruction]).")
    var run: String?

    func validate() throws {
        if let k, k < 0 { throw ValidationError("-k must be 0 or more") }
        for (flag, value) in [("--model", model), ("--dataset", dataset), ("--instruction", instruction), ("--judge", judge), ("--run", run)] {
            if let value, value.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("\(flag) must not be empty") }
        }
    }

    var options: RunOptions {
        RunOptions(model: model, dataset: dataset, k: k, reasoning: reasoning, instruction: instruction, judge: judge, run: run)
    }
}

/// `emscope import em-csv FILE... --into STORE [--model M --dataset D -k K ...]`
struct ImportEMCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "em-csv",
        abstract: "Import the CSV of the emergent-misalignment evaluation scripts (question, answer, question_id, aligned, coherent, …).",
        discussion: """
        One file is one run. Its condition comes from the options, or from a file named \
        MODEL__DATASET__kK[__cot|__direct][__INSTRUCTION].csv (options win). An empty aligned or \
        coherent cell means the judge gave no number; further numeric columns are more metrics of \
        the same judge. Sample indices count each question's rows in file order.

        Examples:
          emscope import em-csv gpt-4o__risky_financial__k64.csv --into runs.sqlite
          emscope import em-csv eval.csv --model gpt-4o --dataset insecure -k 16 --judge gpt-4o-judge --into runs.sqlite
        """)

    @Argument(help: "CSV files to import.")
    var files: [String]

    @OptionGroup var destination: ImportDestination
    @OptionGroup var runOptions: RunOptionArguments

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one CSV file to import") }
        if files.count > 1 && runOptions.run != nil { throw ValidationError("--run names one run: import one file with it at a time") }
    }

    func run() throws {
        let options = runOptions.options
        try ImportSession(store: destination.into, format: "em-csv").run(files: files) { store, file, progress in
            try EMCSVImporter.importFile(file, into: store, options: options, progress: progress)
        }
    }
}

/// `emscope import inspect LOG... --into STORE`
struct ImportInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Import Inspect AI evaluation logs (.eval archives and .json logs).",
        discussion: """
        Each sample and epoch becomes a sample (epoch n → sample index n−1); the chain of thought \
        comes from the assistant's reasoning parts, the answer from its final text, and each scorer \
        is a judge (a dict value such as {"aligned": 12.5, "coherent": 88} gives one metric per key). \
        User/assistant pairs between the system prompt and the question are the run's in-context \
        examples, and their number is k unless the metadata says. One log is one run unless sample \
        metadata names conditions (dataset, k, reasoning, instruction). Options fill in or override the condition; --judge files every scorer under \
        one judge. .eval entries with absolute paths or '..' are refused, and an archive may \
        decompress to at most 4 GiB (1 GiB per entry).

        Example:
          emscope import inspect logs/2026-05-01T10-00-00_em_abc123.eval --dataset risky_financial -k 64 --into runs.sqlite
        """)

    @Argument(help: "Inspect logs (.eval or .json) to import.")
    var files: [String]

    @OptionGroup var destination: ImportDestination
    @OptionGroup var runOptions: RunOptionArguments

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one Inspect log to import") }
    }

    func run() throws {
        let options = runOptions.options
        try ImportSession(store: destination.into, format: "inspect").run(files: files) { store, file, progress in
            try InspectImporter.importFile(file, into: store, options: options, progress: progress)
        }
    }
}

/// `emscope import records FILE... --into STORE [--mapping FILE] [--map FIELD=PATH ...]`
struct ImportRecordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "Import per-sample JSON or JSONL records of your own harness through a field mapping.",
        discussion: """
        A mapping names the path of each field: run, model, dataset, k, cot, instruction, question \
        (the key), question_text, category, sample_index, prompt, reasoning, answer, records (the \
        array in a .json file) and scores as score:METRIC or score:JUDGE:METRIC. Unmapped fields \
        are looked up by their usual names (model, dataset or demo_set, k, question_id, question, \
        sample_index, answer or response, reasoning, aligned, coherent). See docs/formats.md.

        Examples:
          emscope import records harness.jsonl --map dataset=cfg.demo_set --map score:gpt-4o:aligned=judge.aligned --into runs.sqlite
          emscope import records results.json --mapping my-harness.map --model qwen3-32b --into runs.sqlite
        """)

    @Argument(help: "JSONL or JSON files to import.")
    var files: [String]

    @Option(help: "A mapping file: FIELD = PATH lines (# comments).")
    var mapping: String?

    @Option(name: .customLong("map"), help: "FIELD=PATH (repeatable; wins over the mapping file).")
    var maps: [String] = []

    @OptionGroup var destination: ImportDestination
    @OptionGroup var runOptions: RunOptionArguments

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to import") }
        var m = RecordMapping()
        for entry in maps {
            do { try m.add(entry) } catch { throw ValidationError("--map \(entry): \(error.problem)") }
        }
    }

    func run() throws {
        var fileMapping = RecordMapping()
        if let mapping {
            guard let data = FileManager.default.contents(atPath: mapping), let text = String(data: data, encoding: .utf8) else {
                throw CLIError("\(mapping): cannot be read as a UTF-8 mapping file — check the path")
            }
            fileMapping = try RecordMapping.parse(file: text, name: mapping)
        }
        var flags = RecordMapping()
        for entry in maps { try flags.add(entry) }
        fileMapping.merge(flags)
        let resolved = fileMapping
        let options = runOptions.options
        try ImportSession(store: destination.into, format: "records").run(files: files) { store, file, progress in
            try RecordsImporter.importFile(file, into: store, mapping: resolved, options: options, progress: progress)
        }
    }
}
