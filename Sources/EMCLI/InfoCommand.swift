import ArgumentParser
import EMStore
import EMText
import Foundation

/// `emscope info STORE [--json]`
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print a store's counts, schema version, conditions, judges and annotators.",
        discussion: """
        Examples:
          emscope info runs.sqlite
          emscope info runs.sqlite --json | jq .models
        """)

    @Argument(help: "The store (an SQLite file).")
    var store: String

    @Flag(help: "Print JSON (keys: runs, samples, judgments, questions, examples, ratings, schema_version, models, datasets, n_examples, judges, …).")
    var json = false

    func run() throws {
        let s = try Store.open(store)
        let info = try s.info()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(info), as: UTF8.self))
            return
        }
        print(InfoCommand.text(info, store: store))
    }

    /// The human-readable report. Names from the store are untrusted: they go through the sanitizer.
    static func text(_ info: StoreInfo, store: String) -> String {
        func list<T>(_ xs: [T]) -> String { xs.isEmpty ? "—" : xs.map { Sanitizer.singleLineString("\($0)") }.joined(separator: ", ") }
        var lines: [String] = []
        lines.append("store        \(Sanitizer.singleLineString(store))\(info.readOnly ? "  (read-only)" : "")")
        lines.append("schema       v\(info.schemaVersion)")
        lines.append("runs         \(info.runs)")
        lines.append("samples      \(info.samples)")
        lines.append("judgments    \(info.judgments)")
        lines.append("questions    \(info.questions)")
        lines.append("examples     \(info.examples)")
        lines.append("ratings      \(info.ratings)")
        lines.append("models       \(list(info.models))")
        lines.append("datasets     \(list(info.datasets))")
        lines.append("k            \(list(info.nExamples))")
        lines.append("reasoning    \(list(info.reasoning.map { $0 ? "yes" : "no" }))")
        lines.append("instructions \(list(info.instructions))")
        lines.append("judges       \(list(info.judges))\(info.judges.isEmpty ? "" : "  (primary: \(Sanitizer.singleLineString(info.judges[0])))")")
        lines.append("metrics      \(list(info.metrics))")
        lines.append("annotators   \(list(info.annotators))")
        return lines.joined(separator: "\n")
    }
}
