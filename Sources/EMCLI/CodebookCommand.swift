import ArgumentParser
import EMCodebookFile
import EMCore
import EMStore
import EMText
import Foundation

/// `emscope codebook import|show`
struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Import a codebook file into a store, or show a store's codebook (docs/codebook.md).",
        subcommands: [CodebookImportCommand.self, CodebookShowCommand.self])
}

/// `emscope codebook import STORE FILE [--labels LABELSFILE]`
struct CodebookImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check a codebook file (YAML or JSON) and store it as a new version when it changed.",
        discussion: """
        The file is checked first (docs/codebook.md lists the rules); nothing is stored when it has a \
        problem. Importing an unchanged codebook stores nothing; a changed one becomes the next version, \
        and ratings made under earlier versions stay marked as made under theirs.

        Examples:
          emscope codebook import runs.sqlite sample-runs/persona-codebook.yaml
          emscope codebook import runs.sqlite my-codebook.json --labels alice.labels
        """)

    @Argument(help: "The store (an SQLite file).")
    var store: String

    @Argument(help: "The codebook file (.yaml, .yml or .json).")
    var file: String

    @Option(help: "Keep the codebook in this labels file beside the store (created when missing).")
    var labels: String?

    func run() throws {
        let codebook: Codebook
        do {
            codebook = try CodebookFile.load(path: file)
        } catch {
            throw CLIError(error.description)
        }
        let s = try Store.open(store, labels: labels)
        let before = try s.codebookVersions(name: codebook.name)
        let (stored, added) = try s.importCodebook(codebook)
        print(Self.message(file: file, name: codebook.name, version: stored.version, added: added,
                           latest: before.map(\.codebook.version).max()))
    }

    /// What an import did, in one line. Names from files go through the sanitizer.
    static func message(file: String, name: String, version: Int, added: Bool, latest: Int?) -> String {
        let head = "\(Sanitizer.singleLineString(file)): codebook \(Codebook.quoted(Sanitizer.singleLineString(name)))"
        if !added {
            if let latest, latest > version {
                return "\(head) already present as version \(version) (the latest stored version is \(latest))"
            }
            return "\(head) already present as version \(version)"
        }
        if version <= 1 { return "\(head) imported as version \(version)" }
        return "\(head) imported as version \(version); ratings made under version \(version - 1) stay marked as made under it"
    }
}

/// `emscope codebook show STORE [--name NAME] [--json] [--labels LABELSFILE]`
struct CodebookShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a store's active codebook (its latest version) and every stored version with its rating count.",
        discussion: """
        Examples:
          emscope codebook show runs.sqlite
          emscope codebook show runs.sqlite --name persona-rationalization --json
        """)

    @Argument(help: "The store (an SQLite file).")
    var store: String

    @Option(help: "The codebook to show (default: the one imported last).")
    var name: String?

    @Flag(help: "Print JSON: name, version (the store's), file_version, codebook (the definition), versions.")
    var json = false

    @Option(help: "Read the codebooks in this labels file beside the store.")
    var labels: String?

    @Option(help: "Wrap descriptions at this many columns.")
    var width: Int = 80

    func validate() throws {
        if width < 40 { throw ValidationError("--width must be at least 40") }
    }

    func run() throws {
        if let labels, !FileManager.default.fileExists(atPath: labels) {
            throw CLIError("\(labels): no such labels file — check the path (show never creates one)")
        }
        let s = try Store.open(store, labels: labels)
        guard let active = try s.activeCodebook(name: name) else {
            if let name {
                let names = try s.codebooks().map(\.name)
                throw CLIError("\(labels ?? store): has no codebook named \(Codebook.quoted(name)) — "
                               + (names.isEmpty ? "import one with 'emscope codebook import'"
                                                : "stored codebooks: " + names.map { Codebook.quoted($0) }.joined(separator: ", ")))
            }
            throw CLIError("\(labels ?? store): has no codebook — import one with 'emscope codebook import \(store) FILE'")
        }
        let versions = try s.codebookVersions(name: active.name)
            .map { StoredVersion(version: $0.codebook.version, fileVersion: $0.codebook.codebook.version, importedAt: $0.importedAt, ratings: $0.ratings) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let report = Report(name: active.name, version: active.version, fileVersion: active.codebook.version,
                                codebook: active.codebook, versions: versions)
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print(Self.text(active, versions: versions, width: width))
    }

    struct StoredVersion: Encodable {
        var version: Int
        var fileVersion: Int
        var importedAt: String
        var ratings: Int
        enum CodingKeys: String, CodingKey {
            case version, ratings
            case fileVersion = "file_version", importedAt = "imported_at"
        }
    }

    struct Report: Encodable {
        var name: String
        var version: Int
        var fileVersion: Int
        var codebook: Codebook
        var versions: [StoredVersion]
        enum CodingKeys: String, CodingKey {
            case name, version, codebook, versions
            case fileVersion = "file_version"
        }
    }

    /// The readable report. Everything from the store is untrusted: it goes through the sanitizer.
    static func text(_ active: StoredCodebook, versions: [StoredVersion], width: Int) -> String {
        func safe(_ s: String) -> String { Sanitizer.singleLineString(s) }
        let c = active.codebook
        var lines: [String] = []
        lines.append("codebook \(safe(c.name)), version \(active.version) of \(versions.count) stored"
                     + (c.version != active.version ? " (the file says version \(c.version))" : ""))
        if let d = c.description, !d.isEmpty { lines += wrap(safe(d), width: width, indent: 2) }
        for d in c.dimensions {
            lines.append("")
            let how: String
            switch d.kind {
            case .multi: how = "multi: any number of labels, or none apply"
            case .single: how = "single: exactly one label"
            case .ordinal: how = "ordinal: one label, lowest to highest"
            }
            lines.append("dimension \(safe(d.key)) (\(how))")
            lines += wrap(safe(d.question), width: width, indent: 2)
            for l in d.labels {
                lines.append("  [\(safe(l.shortcut))] \(safe(l.key)) — \(safe(l.name))")
                lines += wrap(safe(l.description), width: width, indent: 6)
            }
        }
        lines.append("")
        lines.append("stored versions")
        for v in versions {
            let marker = v.version == active.version ? "  (active)" : ""
            lines.append("  version \(v.version)  imported \(safe(v.importedAt))  \(v.ratings) rating\(v.ratings == 1 ? "" : "s")\(marker)")
        }
        return lines.joined(separator: "\n")
    }

    /// Word-wraps one line of sanitized text to `width` display columns, indenting every line.
    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let room = max(10, width - indent)
        var out: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = DisplayWidth.of(String(word))
            if lineWidth > 0 && lineWidth + 1 + w > room {
                out.append(pad + line)
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 {
                line += " "
                lineWidth += 1
            }
            line += word
            lineWidth += w
        }
        if !line.isEmpty { out.append(pad + line) }
        return out
    }
}
