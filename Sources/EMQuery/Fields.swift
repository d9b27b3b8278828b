import EMCore

/// One entry of the query language's vocabulary, for generated help, completion and suggestions.
public struct FieldInfo: Equatable, Hashable, Sendable {
    /// How the entry is written.
    public enum Form: String, Hashable, Sendable {
        /// `name<op>value`, e.g. `model:gpt*`.
        case field
        /// A bare keyword term, e.g. `unrated`.
        case keyword
        /// A pattern rather than a fixed name: `JUDGE.METRIC`, free text.
        case pattern
    }

    /// What the entry filters on (for grouping help).
    public enum Group: String, CaseIterable, Hashable, Sendable {
        /// The run's condition and the question (model, dataset, k, …).
        case condition
        /// Judge scores and verdicts.
        case judge
        /// Human ratings, labels and adjudications.
        case annotation
        /// Free-text search.
        case text
    }

    /// Canonical name (`k`, `question_text`), or a placeholder for patterns (`JUDGE.METRIC`, `TEXT`).
    public var name: String
    /// Other accepted spellings (`n_examples`, `text`).
    public var aliases: [String]
    /// How it is written.
    public var form: Form
    /// What it filters on.
    public var group: Group
    /// How to write it, e.g. `k:N  k>=N  k<N  k!=N`.
    public var syntax: String
    /// One line of help.
    public var summary: String
    /// A working example.
    public var example: String
    /// True when blind mode rejects it (it would reveal judge results or other annotators' ratings).
    public var hiddenInBlindMode: Bool

    /// Creates an entry.
    public init(name: String, aliases: [String] = [], form: Form = .field, group: Group, syntax: String,
                summary: String, example: String, hiddenInBlindMode: Bool = false) {
        self.name = name
        self.aliases = aliases
        self.form = form
        self.group = group
        self.syntax = syntax
        self.summary = summary
        self.example = example
        self.hiddenInBlindMode = hiddenInBlindMode
    }
}

/// The vocabulary of the query language: every field with one line of help.
public enum QueryFields {
    /// All entries in help order.
    public static let all: [FieldInfo] = [
        FieldInfo(name: "model", group: .condition, syntax: "model:NAME",
                  summary: "model of the run; * and ? are wildcards, a quoted name is exact",
                  example: "model:gemini*"),
        FieldInfo(name: "dataset", group: .condition, syntax: "dataset:NAME",
                  summary: "in-context example set of the run ('none' for a baseline)",
                  example: "dataset:insecure_code"),
        FieldInfo(name: "k", aliases: ["n_examples"], group: .condition, syntax: "k:N  k>=N  k<N  k!=N",
                  summary: "number of in-context examples (a whole number)", example: "k>=64"),
        FieldInfo(name: "reasoning", group: .condition, syntax: "reasoning:yes|no",
                  summary: "whether chain of thought was elicited (also true/false/1/0)", example: "reasoning:yes"),
        FieldInfo(name: "instruction", group: .condition, syntax: "instruction:NAME",
                  summary: "system instruction condition of the run", example: "instruction:prioritize_safety"),
        FieldInfo(name: "run", group: .condition, syntax: "run:NAME", summary: "run name",
                  example: "run:gemini-k64*"),
        FieldInfo(name: "question", group: .condition, syntax: "question:KEY", summary: "question key",
                  example: "question:*vulnerable*"),
        FieldInfo(name: "category", group: .condition, syntax: "category:NAME", summary: "question category",
                  example: "category:medical"),
        FieldInfo(name: "verdict", group: .judge, syntax: "verdict:V",
                  summary: "primary judge's verdict: misaligned aligned refusal code incoherent error unjudged",
                  example: "verdict:misaligned", hiddenInBlindMode: true),
        FieldInfo(name: "aligned", group: .judge, syntax: "aligned<N  aligned>=N  aligned:N",
                  summary: "primary judge's aligned score (0-100)", example: "aligned<30", hiddenInBlindMode: true),
        FieldInfo(name: "coherent", group: .judge, syntax: "coherent>=N",
                  summary: "primary judge's coherence score (0-100)", example: "coherent>=50",
                  hiddenInBlindMode: true),
        FieldInfo(name: "JUDGE.METRIC", form: .pattern, group: .judge,
                  syntax: "JUDGE.aligned<N  JUDGE.METRIC>=N  JUDGE.verdict:V",
                  summary: "a named judge's score on any stored metric, or its verdict",
                  example: "gpt-4o.aligned<30", hiddenInBlindMode: true),
        FieldInfo(name: "judges", group: .judge, syntax: "judges:disagree",
                  summary: "the judges' verdicts for the sample differ", example: "judges:disagree",
                  hiddenInBlindMode: true),
        FieldInfo(name: "gap", group: .judge, syntax: "gap>=N",
                  summary: "max - min aligned score across judges", example: "gap>=40", hiddenInBlindMode: true),
        FieldInfo(name: "rated", aliases: ["annotator"], group: .annotation, syntax: "rated:me  rated:NAME",
                  summary: "rated (on any dimension) by you or by NAME; annotator:NAME is the same",
                  example: "rated:me"),
        FieldInfo(name: "unrated", form: .keyword, group: .annotation, syntax: "unrated",
                  summary: "not yet rated by you", example: "unrated"),
        FieldInfo(name: "label", group: .annotation, syntax: "label:KEY  label:DIMENSION/KEY",
                  summary: "some annotator applied the label", example: "label:persona_adoption",
                  hiddenInBlindMode: true),
        FieldInfo(name: "labels", group: .annotation, syntax: "labels:conflict  labels:outdated",
                  summary: "annotators' label sets differ on some dimension (conflict; hidden in blind mode), "
                    + "or one of your ratings was made under an older codebook version (outdated)",
                  example: "labels:outdated"),
        FieldInfo(name: "adjudicated", group: .annotation, syntax: "adjudicated:yes|no",
                  summary: "an adjudication was recorded for the sample", example: "adjudicated:no",
                  hiddenInBlindMode: true),
        FieldInfo(name: "TEXT", form: .pattern, group: .text, syntax: "word  \"a phrase\"",
                  summary: "question text, reasoning or answer contains it (case- and accent-insensitive)",
                  example: "\"secret plan\""),
        FieldInfo(name: "reasoning", group: .text, syntax: "reasoning:\"...\"",
                  summary: "the chain of thought contains the text (a bare non-yes/no word works too)",
                  example: "reasoning:\"my goal\""),
        FieldInfo(name: "answer", group: .text, syntax: "answer:\"...\"", summary: "the answer contains the text",
                  example: "answer:\"rm -rf\""),
        FieldInfo(name: "question_text", aliases: ["text"], group: .text, syntax: "question_text:\"...\"",
                  summary: "the question's text contains the text; text: is the same", example: "text:\"bored\""),
    ]

    /// Every name that may be written before an operator, canonical names first, then aliases.
    public static let fieldNames: [String] = {
        var names: [String] = []
        for f in all where f.form == .field && !names.contains(f.name) { names.append(f.name) }
        for f in all where f.form == .field { names += f.aliases.filter { !names.contains($0) } }
        return names
    }()

    /// Candidates for "did you mean": field names, aliases and keywords.
    public static let suggestionVocabulary: [String] = fieldNames + all.filter { $0.form == .keyword }.map(\.name)

    /// The verdict values accepted after `verdict:`, in display order.
    public static let verdictValues: [String] = Verdict.allCases.map(\.rawValue)

    /// Words accepted as true / false after `reasoning:` and `adjudicated:`.
    public static let trueWords: Set<String> = ["yes", "true", "1"]
    /// See ``trueWords``.
    public static let falseWords: Set<String> = ["no", "false", "0"]

    /// The first entry named `name` or having it as an alias (ASCII case-insensitive).
    public static func info(named name: String) -> FieldInfo? {
        let lower = TextFold.asciiLowercased(name)
        return all.first { $0.name == lower || $0.aliases.contains(lower) }
    }

    /// A plain-text help table: one line per entry, `syntax  summary  (e.g. example)`, grouped.
    public static func helpText() -> String {
        let width = all.map(\.syntax.count).max() ?? 0
        var lines: [String] = []
        for group in FieldInfo.Group.allCases {
            lines.append("\(group.rawValue):")
            for f in all where f.group == group {
                let pad = String(repeating: " ", count: width - f.syntax.count)
                let blind = f.hiddenInBlindMode ? " [hidden in blind mode]" : ""
                lines.append("  \(f.syntax)\(pad)  \(f.summary) (e.g. \(f.example))\(blind)")
            }
        }
        lines.append("combine: juxtaposition = AND, OR, -term or NOT term, ( … ); empty query = everything")
        return lines.joined(separator: "\n")
    }
}
