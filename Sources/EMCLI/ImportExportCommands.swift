import ArgumentParser
import EMCore
import EMStore
import Foundation

/// `emscope import FORMAT FILE... --into STORE`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import files into a store (created when missing). Each file imports completely or not at all.",
        subcommands: [ImportJSONLCommand.self])
}

/// `emscope import jsonl FILE... --into STORE`
struct ImportJSONLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonl",
        abstract: "Import emscope's native JSONL (docs/formats.md).",
        discussion: """
        Re-importing a file adds nothing: runs are known by name, questions by key, samples by
        (run, question, sample index).

        Example:
          emscope import jsonl sample-runs/study.jsonl --into runs.sqlite
        """)

    @Argument(help: "JSONL files to import.")
    var files: [String]

    @Option(help: "The store to import into (created when missing).")
    var into: String

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one JSONL file to import") }
    }

    func run() throws {
        let store = try Store.open(into, mode: .createIfMissing)
        var total = ImportSummary()
        for file in files {
            let progress = Progress(label: file)
            let summary = try store.importJSONL(path: file) { progress.update(lines: $0) }
            progress.finish()
            total.add(summary)
            print("\(file): \(summary.line)")
        }
        if files.count > 1 { print("total: \(total.line)") }
    }
}

/// `emscope export jsonl STORE [--out FILE]`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a store.",
        subcommands: [ExportJSONLCommand.self])
}

/// `emscope export jsonl STORE [--out FILE]`
struct ExportJSONLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonl",
        abstract: "Write the whole store as native JSONL (runs, examples, questions, samples with judgments, codebooks, ratings).",
        discussion: """
        Export then import reproduces the store.

        Example:
          emscope export jsonl runs.sqlite --out runs.jsonl
        """)

    @Argument(help: "The store to export.")
    var store: String

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let s = try Store.open(store)
        let sink = try OutputSink(path: out)
        let codec = JSONLCodec()
        try s.exportRecords { record in
            try sink.writeLine(try codec.encode(record))
        }
        try sink.close()
    }
}

/// Standard output or a file written atomically (to a temporary name, renamed on success).
final class OutputSink {
    private let handle: FileHandle
    private let finalPath: String?
    private let tempPath: String?
    private var buffer = Data()

    init(path: String?) throws {
        guard let path else {
            handle = FileHandle.standardOutput
            finalPath = nil
            tempPath = nil
            return
        }
        let temp = path + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temp, contents: nil), let h = FileHandle(forWritingAtPath: temp) else {
            throw CLIError("\(path): cannot be written — check the folder exists and is writable")
        }
        handle = h
        finalPath = path
        tempPath = temp
    }

    func writeLine(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 20 { try flush() }
    }

    private func flush() throws {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw CLIError("\(finalPath ?? "standard output"): write failed (\(error.localizedDescription))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        if let tempPath, let finalPath {
            try? handle.close()
            _ = try? FileManager.default.removeItem(atPath: finalPath)
            do {
                try FileManager.default.moveItem(atPath: tempPath, toPath: finalPath)
            } catch {
                throw CLIError("\(finalPath): could not be written (\(error.localizedDescription))")
            }
        }
    }

    deinit {
        if let tempPath, FileManager.default.fileExists(atPath: tempPath) {
            try? FileManager.default.removeItem(atPath: tempPath)
        }
    }
}

/// A progress line on stderr, only when stderr is a terminal.
final class Progress {
    let label: String
    let enabled = isatty(2) != 0
    let start = Date()
    private var lastDraw = Date.distantPast

    init(label: String) { self.label = label }

    func update(lines: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        let rate = Double(lines) / max(0.001, Date().timeIntervalSince(start))
        FileHandle.standardError.write(Data("\r\(label): \(lines) lines, \(Int(rate))/s   ".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
