import ArgumentParser
import EMCore
import EMStore
import EMText
import Foundation

/// `emscope labels export|merge`
struct LabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "Export hand labels for analysis, or merge label files and stores (docs/labels.md).",
        subcommands: [LabelsExportCommand.self])
}

/// `emscope labels export STORE [--format csv|jsonl] [--out FILE] [--labels LABELSFILE]`
struct LabelsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every rating in long format: one row per label, an empty label for 'none apply'.",
        discussion: """
        Columns: \(LabelExportRow.columns.joined(separator: ", ")).
        CSV is RFC 4180 (header row, CRLF line ends, quotes only where needed, no index column), so it
        loads as is in R (read.csv, then irr) and pandas (read_csv, then krippendorff); see docs/labels.md.

        Examples:
          emscope labels export runs.sqlite --out labels.csv
          emscope labels export runs.sqlite --labels alice.labels --format jsonl > alice.jsonl
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl
    }

    @Argument(help: "The store (an SQLite file).")
    var store: String

    @Option(help: "csv or jsonl.")
    var format: Format = .csv

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Option(help: "Export the ratings kept in this labels file beside the store.")
    var labels: String?

    func run() throws {
        if let labels, !FileManager.default.fileExists(atPath: labels) {
            throw CLIError("\(labels): no such labels file — check the path (export never creates one)")
        }
        let s = try Store.open(store, labels: labels)
        let sink = try OutputSink(path: out)
        switch format {
        case .csv:
            try sink.writeLine(LabelExportRow.columns.joined(separator: ",") + "\r")
            try s.exportLabelRows { row in try sink.writeLine(Self.csvLine(row) + "\r") }
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try s.exportLabelRows { row in
                try sink.writeLine(String(decoding: try encoder.encode(JSONRow(row)), as: UTF8.self))
            }
        }
        try sink.close()
    }

    /// One CSV record (without the line end): fields quoted only when they hold a comma, a quote,
    /// CR or LF, with quotes doubled (RFC 4180).
    static func csvLine(_ r: LabelExportRow) -> String {
        let fields: [String] = [
            String(r.sampleID), r.run, r.model, r.dataset, String(r.k), r.question, String(r.sampleIndex), r.annotator,
            r.dimension, r.label, r.blind ? "true" : "false", r.changedAfterReveal ? "true" : "false", r.codebook ?? "",
            r.codebookVersion.map(String.init) ?? "", r.createdAt, r.updatedAt, r.seconds.map(formatSeconds) ?? "",
        ]
        return fields.map(csvField).joined(separator: ",")
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func formatSeconds(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
    }

    /// A row as a JSON object with the CSV's column names; absent values are null.
    struct JSONRow: Encodable {
        var row: LabelExportRow
        init(_ row: LabelExportRow) { self.row = row }

        enum Keys: String, CodingKey {
            case sampleID = "sample_id", run, model, dataset, k, question, sampleIndex = "sample_index", annotator,
                 dimension, label, blind, changedAfterReveal = "changed_after_reveal", codebook,
                 codebookVersion = "codebook_version", createdAt = "created_at", updatedAt = "updated_at", seconds
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(row.sampleID, forKey: .sampleID)
            try c.encode(row.run, forKey: .run)
            try c.encode(row.model, forKey: .model)
            try c.encode(row.dataset, forKey: .dataset)
            try c.encode(row.k, forKey: .k)
            try c.encode(row.question, forKey: .question)
            try c.encode(row.sampleIndex, forKey: .sampleIndex)
            try c.encode(row.annotator, forKey: .annotator)
            try c.encode(row.dimension, forKey: .dimension)
            try c.encode(row.label, forKey: .label)
            try c.encode(row.blind, forKey: .blind)
            try c.encode(row.changedAfterReveal, forKey: .changedAfterReveal)
            try c.encode(row.codebook, forKey: .codebook)
            try c.encode(row.codebookVersion, forKey: .codebookVersion)
            try c.encode(row.createdAt, forKey: .createdAt)
            try c.encode(row.updatedAt, forKey: .updatedAt)
            try c.encode(row.seconds, forKey: .seconds)
        }
    }
}
