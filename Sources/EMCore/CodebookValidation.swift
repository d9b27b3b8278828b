import Foundation

/// One thing wrong with a codebook: where (a dimension, a label, or the codebook itself), what,
/// and what to do. Rendered as one line by `CodebookProblem.line(file:)`.
public struct CodebookProblem: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// `dimension "patterns", label "harm_awareness"`, `dimension 2`, or "" for the codebook itself.
    public var location: String
    /// What is wrong.
    public var problem: String
    /// What to do about it.
    public var remedy: String
    /// The 1-based line in the file, when the reader knows it (YAML).
    public var line: Int?
    /// The 0-based index of the dimension (and label) concerned, so a reader can add a line number.
    public var dimensionIndex: Int?
    public var labelIndex: Int?

    public init(location: String, problem: String, remedy: String, line: Int? = nil,
                dimensionIndex: Int? = nil, labelIndex: Int? = nil) {
        self.location = location
        self.problem = problem
        self.remedy = remedy
        self.line = line
        self.dimensionIndex = dimensionIndex
        self.labelIndex = labelIndex
    }

    /// `line 12: dimension "patterns", label "x": problem — remedy`, without the file.
    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if !location.isEmpty { parts.append(location) }
        let head = parts.joined(separator: ": ")
        let body = remedy.isEmpty ? problem : "\(problem) — \(remedy)"
        return head.isEmpty ? body : "\(head): \(body)"
    }

    /// The problem as one line naming the file.
    public func line(file: String) -> String { "\(file): \(description)" }
}

extension Codebook {
    /// What each reserved key does while labelling (the keys of `reservedShortcuts`), for messages
    /// that tell a codebook author why a shortcut is refused. A test keeps the two in step.
    public static let reservedShortcutMeanings: [String: String] = [
        "j": "moves down", "k": "moves up", "g": "goes to the first row", "G": "goes to the last row",
        " ": "pages down", "J": "shows the next section", "K": "shows the previous section",
        "q": "quits or closes", "?": "opens the help", ":": "opens the command line", "/": "searches",
        "0": "rates 'none apply'", "u": "undoes a rating", ">": "goes to the next unrated sample",
        "!": "reveals judges and other ratings", ";": "edits the note", "L": "turns labelling on and off",
    ]

    /// True for a label or dimension key: one or more of `a-z`, `0-9`, `_`, `-` (ratings store a
    /// label set joined with `|`, and keys appear in queries and CSV columns).
    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
        }
    }

    /// True when `shortcut` is exactly one printable, non-space character: a single Unicode scalar
    /// that is a letter, digit, punctuation mark or symbol (no control, format, space or combining
    /// character — none of those can be typed as one key and shown in one cell).
    public static func isValidShortcut(_ shortcut: String) -> Bool {
        let scalars = shortcut.unicodeScalars
        guard scalars.count == 1, let s = scalars.first else { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Every rule a codebook must satisfy beyond its shape, in file order: non-empty name, version
    /// ≥ 1, at least one dimension; dimension and label keys unique and made of `[a-z0-9_-]`; a
    /// question, names and descriptions present; `single` and `ordinal` dimensions with at least two
    /// labels, `multi` with at least one; shortcuts one printable non-space character, unique across
    /// the codebook and not one of the explorer's reserved keys. Empty when the codebook is valid.
    public func problems() -> [CodebookProblem] {
        var out: [CodebookProblem] = []
        var dimensionIndex: Int?
        var labelIndex: Int?
        func add(_ location: String, _ problem: String, _ remedy: String) {
            out.append(CodebookProblem(location: location, problem: problem, remedy: remedy,
                                       dimensionIndex: dimensionIndex, labelIndex: labelIndex))
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            add("", "the codebook's \"name\" is empty", "give the codebook a name, e.g. name: my-codebook")
        }
        if version < 1 {
            add("", "\"version\" is \(version)", "number versions from 1")
        }
        if dimensions.isEmpty {
            add("", "the codebook has no dimensions", "add at least one dimension under \"dimensions\"")
        }
        var dimensionKeys = Set<String>()
        var shortcuts: [String: String] = [:]   // shortcut → where it was first used
        for (i, d) in dimensions.enumerated() {
            dimensionIndex = i
            labelIndex = nil
            let at = d.key.isEmpty ? "dimension \(i + 1)" : "dimension \(Self.quoted(d.key))"
            if !Self.isValidKey(d.key) {
                add(at, "the key \(Self.quoted(d.key)) is not made of a-z, 0-9, _ and -",
                    "use a lower-case key such as \(Self.quoted(Self.suggestedKey(d.key, fallback: "dimension_\(i + 1)")))")
            } else if !dimensionKeys.insert(d.key).inserted {
                add(at, "the key is used by an earlier dimension too", "give each dimension its own key")
            }
            if d.question.trimmingCharacters(in: .whitespaces).isEmpty {
                add(at, "the \"question\" is empty", "write the question the annotator answers")
            }
            if d.kind != .multi && d.labels.count < 2 {
                add(at, "a \(d.kind.rawValue) dimension has \(d.labels.count) label\(d.labels.count == 1 ? "" : "s")",
                    "give it at least 2 labels, or make it kind: multi")
            } else if d.labels.isEmpty {
                add(at, "the dimension has no labels", "add at least one label")
            }
            var labelKeys = Set<String>()
            for (j, l) in d.labels.enumerated() {
                labelIndex = j
                let lat = at + ", " + (l.key.isEmpty ? "label \(j + 1)" : "label \(Self.quoted(l.key))")
                if !Self.isValidKey(l.key) {
                    add(lat, "the key \(Self.quoted(l.key)) is not made of a-z, 0-9, _ and - (ratings join label keys with |)",
                        "use a lower-case key such as \(Self.quoted(Self.suggestedKey(l.key, fallback: "label_\(j + 1)")))")
                } else if !labelKeys.insert(l.key).inserted {
                    add(lat, "the key is used by an earlier label of this dimension too", "give each label its own key")
                }
                if l.name.trimmingCharacters(in: .whitespaces).isEmpty {
                    add(lat, "the \"name\" is empty", "give the label a short name")
                }
                if l.description.trimmingCharacters(in: .whitespaces).isEmpty {
                    add(lat, "the \"description\" is empty", "say when to apply the label, so annotators agree")
                }
                if !Self.isValidShortcut(l.shortcut) {
                    add(lat, "the shortcut \(Self.quoted(l.shortcut)) is not exactly one printable, non-space character",
                        "use a single key such as a digit or a letter")
                } else if let meaning = Self.reservedShortcutMeanings[l.shortcut] ?? (Self.reservedShortcuts.contains(l.shortcut) ? "has an explorer meaning" : nil) {
                    add(lat, "the shortcut \(Self.quoted(l.shortcut)) is reserved: while labelling, \(Self.keyName(l.shortcut)) \(meaning)",
                        "choose another key")
                } else if let first = shortcuts[l.shortcut] {
                    add(lat, "the shortcut \(Self.quoted(l.shortcut)) is already used by \(first)",
                        "give every label in the codebook its own shortcut")
                } else {
                    shortcuts[l.shortcut] = lat
                }
            }
        }
        return out
    }

    /// Text from a file in double quotes, with quotes, backslashes and control, format and line
    /// separator characters escaped, so that a message about it stays one safe line.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                default:
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// How a reserved key is named in a message ("space" for " ").
    static func keyName(_ key: String) -> String {
        key == " " ? "space" : "'\(key)'"
    }

    /// A valid key close to `key`: lower-cased, other characters turned into `_`.
    static func suggestedKey(_ key: String, fallback: String) -> String {
        var out = ""
        for ch in key.lowercased().unicodeScalars {
            if ("a"..."z").contains(ch) || ("0"..."9").contains(ch) || ch == "-" || ch == "_" {
                out.unicodeScalars.append(ch)
            } else if !out.hasSuffix("_") {
                out += "_"
            }
        }
        let trimmed = String(out.drop { $0 == "_" }.reversed().drop { $0 == "_" }.reversed())
        return trimmed.isEmpty ? fallback : trimmed
    }
}
