import EMCore
import EMStore
import EMText
import Foundation

/// The run options every importer understands (`--model`, `--dataset`, `-k`, `--reasoning`,
/// `--instruction`, `--judge`, `--run`): constants that fill in or override what a file says.
public struct RunOptions: Sendable, Equatable {
    public var model: String?
    public var dataset: String?
    public var k: Int?
    public var reasoning: Bool?
    public var instruction: String?
    /// The judge name for scores (em-csv, records), or the one judge every scorer is filed under (inspect).
    public var judge: String?
    /// The run's name, instead of the one built from its condition.
    public var run: String?

    public init(model: String? = nil, dataset: String? = nil, k: Int? = nil, reasoning: Bool? = nil,
                instruction: String? = nil, judge: String? = nil, run: String? = nil) {
        self.model = model
        self.dataset = dataset
        self.k = k
        self.reasoning = reasoning
        self.instruction = instruction
        self.judge = judge
        self.run = run
    }
}

/// A run's condition, and the stable name built from it (`model/dataset/kK/cot|direct[/instruction]`,
/// the convention of the sample runs).
struct Condition: Hashable, Sendable {
    var model: String
    var dataset: String
    var k: Int
    var reasoning: Bool
    var instruction: String

    var name: String {
        var name = "\(model)/\(dataset)/k\(k)/" + (reasoning ? "cot" : "direct")
        if instruction != "none" { name += "/" + instruction }
        return name
    }
}

/// A problem in an input file: where (`line 7`, `row 3 (line 9)`, `entry samples/3_epoch_1.json`),
/// which field, and what is wrong. Becomes one line: `FILE: WHERE: field "F": PROBLEM — nothing
/// from this file was imported`.
struct InputProblem: Error {
    var location: String
    var field: String?
    var problem: String

    init(_ location: String, field: String? = nil, _ problem: String) {
        self.location = location
        self.field = field
        self.problem = problem
    }

    func storeError(file: String) -> StoreError {
        var text = location.isEmpty ? "" : location + ": "
        if let field { text += "field \(quoted(field)): " }
        text += problem
        return StoreError(.badInput, file: file, problem: text, remedy: "nothing from this file was imported")
    }
}

/// Text from an input file, safe to print in a one-line message: control characters, escapes and
/// bidirectional overrides become visible placeholders, and long text is cut.
func quoted(_ text: String, limit: Int = 60) -> String {
    var safe = Sanitizer.singleLineString(text)
    if safe.count > limit { safe = String(safe.prefix(limit)) + "…" }
    return "\"" + safe + "\""
}

/// Runs an importer inside one store transaction and turns its problems into store errors.
func runImport(store: Store, file: String, _ body: (RecordWriter) throws -> Void) throws(StoreError) -> ImportSummary {
    try store.importing(file: file) { writer in
        do {
            try body(writer)
        } catch let e as InputProblem {
            throw e.storeError(file: file)
        }
    }
}

/// Adds one sample to the import; a problem the store finds is reported at `location` of the
/// file. Returns the number of samples seen so far (added or already present), for progress.
func addSample(_ sample: SampleRecord, to writer: RecordWriter, at location: @autoclosure () -> String) throws -> Int {
    do {
        try writer.add(.sample(sample))
    } catch let e as RecordError {
        throw InputProblem(location(), e.problem)
    }
    return writer.summary.samples.added + writer.summary.samples.present
}

/// The size of a file in bytes, 0 when unknown.
func fileSize(_ path: String) -> Int {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
}

/// Every byte of a file, or of a pipe such as `<(zcat runs.csv.gz)` (which `FileManager` cannot read).
func readAll(_ path: String) -> Data? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    return try? handle.readToEnd() ?? Data()
}

/// Checks that a file exists and is readable.
func checkReadable(_ path: String) throws(StoreError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw StoreError(.missing, file: path, problem: "no such file", remedy: "check the path")
    }
    if isDirectory.boolValue {
        throw StoreError(.badInput, file: path, problem: "is a directory", remedy: "name the file itself")
    }
    guard FileManager.default.isReadableFile(atPath: path) else {
        throw StoreError(.io, file: path, problem: "cannot be read", remedy: "check the file's permissions")
    }
}

/// Parses a judge score written as text: a finite number, or nil for an empty cell. `CODE`,
/// `REFUSAL` and `ERROR` (any case) are labels with no number.
enum ScoreText {
    enum Parsed: Equatable {
        case empty
        case number(Double)
        case label(String)
    }

    static func parse(_ text: String) -> Parsed? {
        let t = trimmedBlanks(text)
        if t.isEmpty { return .empty }
        if let d = Double(t) {
            if d.isFinite { return .number(d) }
            return d.isNaN ? .empty : nil // pandas writes a missing score as NaN; infinity is an error
        }
        let lower = t.lowercased()
        if lower == "none" || lower == "null" { return .empty }
        let upper = t.uppercased()
        if ["CODE", "REFUSAL", "ERROR"].contains(upper) { return .label(upper) }
        return nil
    }
}

/// `text` without leading and trailing white space. A cell that starts and ends with a printable
/// ASCII character (nearly every cell) is returned as it is, without Foundation's bridged trim,
/// which showed up at 6 % of an EM CSV import.
func trimmedBlanks(_ text: String) -> String {
    guard let first = text.utf8.first, let last = text.utf8.last else { return text }
    func plain(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F }
    if plain(first) && plain(last) { return text }
    return text.trimmingCharacters(in: .whitespaces)
}

/// What a file is, from its first bytes: enough to tell a user who picked the wrong format
/// which command reads it, before an importer reports a confusing parse error deep inside.
public enum InputSniff {
    public enum Kind: Equatable, Sendable {
        case sqlite, zip, gzip, jsonObject, jsonArray, other
    }

    /// The kind of the file at `path`, or nil when it cannot be read or is not a regular file
    /// (a pipe such as `<(zcat runs.jsonl.gz)` must not lose its first bytes to a peek).
    public static func kind(of path: String) -> Kind? {
        guard (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 512) else { return nil }
        return kind(of: Array(head))
    }

    public static func kind(of head: [UInt8]) -> Kind {
        if head.starts(with: Array("SQLite format 3\u{0}".utf8)) { return .sqlite }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: [0x1F, 0x8B]) { return .gzip }
        var rest = head[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        switch rest.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
        case UInt8(ascii: "{"): return .jsonObject
        case UInt8(ascii: "["): return .jsonArray
        default: return .other
        }
    }

    /// The problem and what to do when the file at `path` is plainly not in `format`
    /// (`jsonl`, `inspect`, `em-csv`, `records`); nil when it may be.
    public static func mismatch(path: String, format: String) -> String? {
        guard let kind = kind(of: path) else { return nil }
        let expected = ["jsonl": "a JSONL file", "em-csv": "an EM CSV", "records": "a records file",
                        "inspect": "an Inspect log"][format] ?? "a \(format) file"
        switch (kind, format) {
        case (.sqlite, _):
            return "is an SQLite store, not \(expected) — open it with 'emscope open \(path)'"
        case (.gzip, _):
            return "is gzip-compressed — decompress it first (gunzip -k \(path)) and import the result"
        case (.zip, "inspect"):
            return nil
        case (.zip, _):
            return "is a zip archive, not \(expected) — for an Inspect .eval log use 'emscope import inspect'"
        case (.jsonObject, "em-csv"), (.jsonArray, "em-csv"):
            return "is JSON, not CSV — use 'emscope import jsonl' for emscope's own JSONL, or 'emscope import records' for other JSON"
        case (.jsonArray, "jsonl"):
            return "is a JSON array, not JSON lines — for your harness's records use 'emscope import records'"
        case (.other, "inspect"):
            let hint = path.lowercased().hasSuffix(".csv") ? " — for the EM evaluation CSV use 'emscope import em-csv'" : ""
            return "is not an Inspect log (neither a .eval zip archive nor a JSON object)" + hint
        default:
            return nil
        }
    }
}
