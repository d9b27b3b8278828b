import ArgumentParser
import EMCore
import EMCurses
import EMStore
import EMText
import Foundation

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

/// A progress line on stderr, only when stderr is a terminal: a bar, the rate and the time left
/// when the fraction done is known, else a count and the rate.
final class Progress {
    let label: String
    let enabled = isatty(2) != 0
    let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(label: String) { self.label = label }

    func update(lines: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        let rate = Double(lines) / max(0.001, Date().timeIntervalSince(start))
        draw(Self.fitted(name: Self.shortName(label), tail: "  \(lines) lines  \(Int(rate))/s", width: Self.width()))
    }

    func update(_ progress: ImportProgress) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        draw(Self.line(label: label, progress, elapsed: Date().timeIntervalSince(start), width: Self.width()))
    }

    /// stderr's terminal width, read at each update so a resize is followed.
    static func width() -> Int { TerminalWidth.columns(of: 2) ?? 80 }

    /// The file's name without its folders: the bar's line must fit on one terminal line, or
    /// `\r` would leave a trail of wrapped lines behind.
    static func shortName(_ label: String) -> String {
        (label as NSString).lastPathComponent
    }

    /// `NAME [#########...........]  45%  12345 samples  31000/s  ETA 0:12`, fitted to `width`
    /// columns less one (a line that fills the last column wraps on some terminals).
    static func line(label: String, _ p: ImportProgress, elapsed: Double, width: Int = 80) -> String {
        let rate = Double(p.samples) / max(0.001, elapsed)
        var tail = ""
        if let fraction = p.fraction.map({ min(1, max(0, $0)) }) {
            let bar = 20
            let filled = Int((fraction * Double(bar)).rounded(.down))
            tail += " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: bar - filled) + "]"
            tail += String(format: " %3d%%", Int(fraction * 100))
            tail += "  \(p.samples) samples  \(Int(rate))/s"
            if fraction > 0.001 {
                let left = Int((elapsed / fraction - elapsed).rounded())
                tail += String(format: "  ETA %d:%02d", left / 60, left % 60)
            }
        } else {
            tail += "  \(p.samples) samples  \(Int(rate))/s"
        }
        return fitted(name: shortName(label), tail: tail, width: width)
    }

    /// The name cut (with …) so that name and tail fit in `width − 1` columns; on a very narrow
    /// terminal the tail is cut too.
    static func fitted(name: String, tail: String, width: Int) -> String {
        let room = width - 1
        let nameRoom = room - tail.count
        if nameRoom >= 4 {
            let shown = Truncation.fit(name, width: min(nameRoom, Truncation.displayWidth(Sanitizer.singleLineString(name))))
            return shown + tail
        }
        return Truncation.fit(Sanitizer.singleLineString(name) + tail, width: max(0, room))
    }

    private func draw(_ text: String) {
        drawn = true
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
