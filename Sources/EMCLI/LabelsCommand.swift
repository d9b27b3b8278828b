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
        subcommands: [LabelsExportCommand.self, LabelsMergeCommand.self])
}

/// `emscope labels export STORE [--format csv|jsonl] [--out FILE] [--labels LABELSFILE]`
struct LabelsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every rating in long format: one row per label, an empty label for 'none apply'.",
        discussion: """
        Columns: \(LabelExportRow.columns.joined(separator: ", ")). \
        CSV is RFC 4180 (header row, CRLF line ends, quotes only where needed, no index column), so it \
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

/// `emscope labels merge OUT IN... [--store RUNS] [--keep-first]`
struct LabelsMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine labels files and stores into one labels file; conflicting ratings stop the merge.",
        discussion: """
        Rows are matched by run name, question key and sample index (sample ids differ between copies \
        of a store). OUT is a labels file for the runs store RUNS (created when missing; when it exists, \
        its own labels are merged first). A labels file's sample ids are read against RUNS, so pass the \
        store the labels were made beside; without --store the first input that is a store is used.

        Identical ratings merge. A rating of the same sample and dimension by the same annotator with \
        different labels is a conflict: each is printed on its own line, nothing is written and the exit \
        status is 1 — unless --keep-first, which keeps the earliest input's rating (OUT's own first). \
        Notes: the latest edit; reveals: the earliest; annotation time: the largest total (not a sum, so \
        merging a copy twice does not double it); adjudications like ratings; codebooks by name and \
        definition. See docs/labels.md.

        Examples:
          emscope labels merge team.labels alice.labels bob.labels --store runs.sqlite
          emscope labels merge team.labels runs-copy-a.sqlite runs-copy-b.sqlite --store runs.sqlite
          emscope runs.sqlite --labels team.labels
        """)

    @Argument(help: "The labels file to write (created when missing).")
    var out: String

    @Argument(help: "Labels files and stores to merge.")
    var inputs: [String] = []

    @Option(help: "The runs store whose sample ids the labels files use, and OUT will use.")
    var store: String?

    @Flag(name: .customLong("keep-first"), help: "On a conflict keep the first input's rating instead of stopping.")
    var keepFirst = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("name at least one labels file or store to merge into \(out)") }
    }

    func run() throws {
        guard let runs = store ?? inputs.first(where: Self.isRunsStore) else {
            throw CLIError("\(inputs[0]): is a labels file, which holds sample ids only — pass the runs store the labels were made beside with --store RUNS")
        }
        let summary = try LabelsMerge.merge(out: out, inputs: inputs, runs: runs, keepFirst: keepFirst)
        for c in summary.conflicts {
            FileHandle.standardError.write(Data((Self.conflictLine(c) + "\n").utf8))
        }
        if !summary.wrote {
            let n = summary.conflicts.count
            throw CLIError("\(out): \(n) conflict\(n == 1 ? "" : "s") (listed above); nothing was written — settle them in the inputs, or pass --keep-first to keep the first input's labels")
        }
        print(Self.summaryLine(summary, out: out))
    }

    /// True for an SQLite file with a `samples` table (read without opening a descriptor of our own:
    /// a store may be open elsewhere in this process — see Store.open).
    static func isRunsStore(_ path: String) -> Bool {
        (try? Store.open(path, readOnly: true)) != nil
    }

    static func list(_ labels: [String]) -> String {
        labels.isEmpty ? "[] (none apply)" : "[" + labels.map(Sanitizer.singleLineString).joined(separator: ", ") + "]"
    }

    /// `conflict: rating of run / question / 0 by "ann" on "dim": a.labels has [x], b.labels has [y]`
    static func conflictLine(_ c: LabelsMergeConflict) -> String {
        func q(_ s: String) -> String { Codebook.quoted(Sanitizer.singleLineString(s)) }
        let who = c.kind == .rating ? "rating by \(q(c.annotator))" : "adjudication"
        return "conflict: \(who) of \(q(c.sample.run)) / \(q(c.sample.question)) / \(c.sample.index) on \(q(c.dimension)): "
            + "\(Sanitizer.singleLineString(c.firstFile)) has \(list(c.firstLabels)), "
            + "\(Sanitizer.singleLineString(c.otherFile)) has \(list(c.otherLabels))"
            + (c.kind == .adjudication ? " (adjudicator \(q(c.annotator)))" : "")
    }

    static func summaryLine(_ s: LabelsMergeSummary, out: String) -> String {
        var parts = ["\(s.ratings) rating\(s.ratings == 1 ? "" : "s")"
                     + (s.identicalRatings > 0 ? " (\(s.identicalRatings) found identical in more than one input)" : "")]
        parts.append("\(s.notes) note\(s.notes == 1 ? "" : "s")")
        parts.append("\(s.adjudications) adjudication\(s.adjudications == 1 ? "" : "s")")
        parts.append("\(s.reveals) reveal\(s.reveals == 1 ? "" : "s")")
        parts.append("\(s.annotationTimes) annotation time\(s.annotationTimes == 1 ? "" : "s")")
        parts.append("\(s.codebooks) codebook version\(s.codebooks == 1 ? "" : "s")")
        let kept = s.conflicts.isEmpty ? "" : "; \(s.conflicts.count) conflict\(s.conflicts.count == 1 ? "" : "s") kept the first input's labels"
        return "\(Sanitizer.singleLineString(out)): \(parts.joined(separator: ", ")) from \(s.inputs) input\(s.inputs == 1 ? "" : "s")\(kept)"
    }
}
