import EMCore
import Foundation
import Yams

/// A codebook file that cannot be used: the file and every problem found, shown as one line (the
/// first problem, and how many more there are).
public struct CodebookFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [CodebookProblem]

    public init(file: String, problems: [CodebookProblem]) {
        self.file = file
        self.problems = problems
    }

    init(file: String, _ problem: String, _ remedy: String, line: Int? = nil) {
        self.init(file: file, problems: [CodebookProblem(location: "", problem: problem, remedy: remedy, line: line)])
    }

    /// `FILE: line 12: dimension "d", label "l": what is wrong — what to do (and 2 more problems)`.
    public var description: String {
        guard let first = problems.first else { return "\(file): is not a valid codebook" }
        let more = problems.count - 1
        return first.line(file: file) + (more > 0 ? " (and \(more) more problem\(more == 1 ? "" : "s"))" : "")
    }
}

/// Reads codebook files — YAML (`.yaml`, `.yml`) or JSON (`.json`) — into an `EMCore.Codebook`,
/// checking their shape (required fields, types, known kinds and keys) and then every rule of
/// `Codebook.problems()`. See docs/codebook.md.
public enum CodebookFile {
    public enum Format: String, Sendable {
        case yaml, json
    }

    /// The format a file name implies: `.json` is JSON; `.yaml`, `.yml` and anything else YAML
    /// (JSON is valid YAML, but JSON files get JSON's own error messages).
    public static func format(forPath path: String) -> Format {
        path.lowercased().hasSuffix(".json") ? .json : .yaml
    }

    /// Reads, parses and validates a codebook file.
    public static func load(path: String) throws(CodebookFileError) -> Codebook {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CodebookFileError(file: path, "no such file", "check the path (a codebook is a .yaml or .json file)")
        }
        if isDirectory.boolValue {
            throw CodebookFileError(file: path, "is a directory, not a codebook file", "pass the .yaml or .json file itself")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CodebookFileError(file: path, "cannot be read", "check the file's permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CodebookFileError(file: path, "is not UTF-8 text", "save the codebook as UTF-8")
        }
        return try parse(text, format: format(forPath: path), file: path)
    }

    /// Parses and validates codebook text; `file` names it in errors.
    public static func parse(_ text: String, format: Format, file: String) throws(CodebookFileError) -> Codebook {
        if text.allSatisfy({ $0.isWhitespace }) {
            throw CodebookFileError(file: file, "is empty", "write a codebook with name, version and dimensions (see docs/codebook.md)")
        }
        let root: Tree
        switch format {
        case .yaml: root = try yamlTree(text, file: file)
        case .json: root = try jsonTree(text, file: file)
        }
        var builder = Builder()
        let codebook = builder.codebook(root)
        var problems = builder.problems
        if let codebook, problems.isEmpty {
            problems = codebook.problems().map { p in
                var p = p
                p.line = builder.line(dimension: p.dimensionIndex, label: p.labelIndex)
                return p
            }
            if problems.isEmpty { return codebook }
        }
        throw CodebookFileError(file: file, problems: problems)
    }

    // MARK: - A format-neutral tree with line numbers

    /// A parsed value: YAML scalars are all `text` (or `null`); JSON keeps numbers and booleans apart.
    struct Tree {
        enum Value {
            case text(String)
            case number(String)
            case bool(Bool)
            case null
            case list([Tree])
            case map([(key: String, value: Tree)])
        }
        var value: Value
        var line: Int?

        var kindName: String {
            switch value {
            case .text: return "text"
            case .number: return "a number"
            case .bool: return "true/false"
            case .null: return "empty"
            case .list: return "a list"
            case .map: return "a mapping"
            }
        }
    }

    static func yamlTree(_ text: String, file: String) throws(CodebookFileError) -> Tree {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw CodebookFileError(file: file, "is not valid YAML (\(error))", "fix the YAML")
        }
        guard let node else {
            throw CodebookFileError(file: file, "is empty", "write a codebook with name, version and dimensions (see docs/codebook.md)")
        }
        return try convert(node, file: file)
    }

    static func syntaxError(_ error: YamlError, file: String) -> CodebookFileError {
        func one(_ s: String) -> String {
            s.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\(one($0.text)) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return CodebookFileError(file: file, "line \(mark.line), column \(mark.column): YAML syntax error: \(one(problem))\(while_)",
                                     "fix the YAML at that point (text with ': ' or '#' in it needs quotes)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return CodebookFileError(file: file,
                                     "line \(context.mark.line), column \(context.mark.column): the key\(duplicates.count == 1 ? "" : "s") \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) appear\(duplicates.count == 1 ? "s" : "") twice in one mapping",
                                     "keep one of them")
        case .reader(let problem, _, _, _):
            return CodebookFileError(file: file, "cannot be read as YAML: \(one(problem))", "save the codebook as UTF-8 text")
        default:
            return CodebookFileError(file: file, "is not valid YAML (\(one("\(error)")))", "fix the YAML")
        }
    }

    static func convert(_ node: Node, file: String) throws(CodebookFileError) -> Tree {
        let line = node.mark?.line
        switch node {
        case .scalar(let s):
            if s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) {
                return Tree(value: .null, line: line)
            }
            return Tree(value: .text(s.string), line: line)
        case .sequence(let seq):
            var items: [Tree] = []
            for item in seq { items.append(try convert(item, file: file)) }
            return Tree(value: .list(items), line: line)
        case .mapping(let map):
            var pairs: [(key: String, value: Tree)] = []
            for (k, v) in map {
                guard case .scalar(let ks) = k else {
                    throw CodebookFileError(file: file, "a mapping key is not plain text", "use plain keys such as name: or labels:",
                                            line: k.mark?.line)
                }
                pairs.append((ks.string, try convert(v, file: file)))
            }
            return Tree(value: .map(pairs), line: line)
        case .alias:
            throw CodebookFileError(file: file, "uses a YAML alias (*name)", "write the value out in full", line: line)
        }
    }

    static func jsonTree(_ text: String, file: String) throws(CodebookFileError) -> Tree {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error.localizedDescription)"
            throw CodebookFileError(file: file, "is not valid JSON: \(detail.split(whereSeparator: \.isNewline).joined(separator: " "))",
                                    "fix the JSON at that point")
        }
        return jsonConvert(object)
    }

    static func jsonConvert(_ object: Any) -> Tree {
        switch object {
        case let s as String:
            return Tree(value: .text(s), line: nil)
        case let n as NSNumber:
            // JSONSerialization makes true and false char-typed numbers.
            if String(cString: n.objCType) == "c" { return Tree(value: .bool(n.boolValue), line: nil) }
            return Tree(value: .number(n.stringValue), line: nil)
        case let a as [Any]:
            return Tree(value: .list(a.map(jsonConvert)), line: nil)
        case let d as [String: Any]:
            return Tree(value: .map(d.keys.sorted().map { ($0, jsonConvert(d[$0] as Any)) }), line: nil)
        default:
            return Tree(value: .null, line: nil)
        }
    }

    // MARK: - Tree → Codebook, collecting shape problems

    struct Builder {
        var problems: [CodebookProblem] = []
        var dimensionLines: [Int: Int] = [:]
        var labelLines: [[Int]: Int] = [:]

        func line(dimension: Int?, label: Int?) -> Int? {
            guard let dimension else { return nil }
            if let label, let l = labelLines[[dimension, label]] { return l }
            return dimensionLines[dimension]
        }

        mutating func fail(_ tree: Tree?, _ location: String, _ problem: String, _ remedy: String) {
            problems.append(CodebookProblem(location: location, problem: problem, remedy: remedy, line: tree?.line))
        }

        /// The fields of a mapping, after reporting unknown keys.
        mutating func fields(_ tree: Tree, _ location: String, what: String, known: [String]) -> [String: Tree]? {
            guard case .map(let pairs) = tree.value else {
                fail(tree, location, "\(what) is \(tree.kindName), not a mapping", "write it as key: value lines (\(known.joined(separator: ", ")))")
                return nil
            }
            var out: [String: Tree] = [:]
            for (k, v) in pairs {
                if known.contains(k) {
                    out[k] = v
                } else {
                    let hint = known.first { $0.hasPrefix(k.lowercased()) || k.lowercased().hasPrefix($0) }
                    fail(v, location, "unknown field \(Codebook.quoted(k)) in \(what)",
                         hint.map { "did you mean \"\($0)\"? (fields: \(known.joined(separator: ", ")))" }
                             ?? "remove it (fields: \(known.joined(separator: ", ")))")
                }
            }
            return out
        }

        mutating func text(_ f: [String: Tree], _ key: String, _ parent: Tree, _ location: String, what: String,
                           remedy: String, optional: Bool = false) -> String? {
            guard let t = f[key] else {
                if !optional { fail(parent, location, "\(what) has no \"\(key)\"", remedy) }
                return nil
            }
            switch t.value {
            case .text(let s): return s
            case .number(let s): return s   // a JSON number where text was meant: keep its digits
            case .null:
                if !optional { fail(t, location, "\"\(key)\" is empty", remedy) }
                return nil
            default:
                fail(t, location, "\"\(key)\" is \(t.kindName), not text", remedy)
                return nil
            }
        }

        mutating func codebook(_ root: Tree) -> Codebook? {
            guard let f = fields(root, "", what: "the codebook", known: ["name", "version", "description", "dimensions"]) else {
                return nil
            }
            let name = text(f, "name", root, "", what: "the codebook", remedy: "add name: my-codebook at the top")
            var version: Int?
            if let v = f["version"] {
                switch v.value {
                case .text(let s), .number(let s):
                    version = Int(s.trimmingCharacters(in: .whitespaces))
                    if version == nil { fail(v, "", "\"version\" is \(Codebook.quoted(s)), not a whole number", "write version: 1") }
                default:
                    fail(v, "", "\"version\" is \(v.kindName), not a whole number", "write version: 1")
                }
            } else {
                fail(root, "", "the codebook has no \"version\"", "add version: 1 (raise it when you change a definition)")
            }
            let description = text(f, "description", root, "", what: "the codebook", remedy: "", optional: true)
            var dimensions: [CodebookDimension] = []
            if let d = f["dimensions"] {
                if case .list(let items) = d.value {
                    for (i, item) in items.enumerated() {
                        if let line = item.line { dimensionLines[i] = line }
                        if let dim = dimension(item, index: i) { dimensions.append(dim) }
                    }
                } else {
                    fail(d, "", "\"dimensions\" is \(d.kindName), not a list", "write each dimension as a list item starting with '- key:'")
                }
            } else {
                fail(root, "", "the codebook has no \"dimensions\"", "add a dimensions: list (see docs/codebook.md)")
            }
            guard problems.isEmpty, let name, let version else { return nil }
            return Codebook(name: name, version: version, description: description, dimensions: dimensions)
        }

        mutating func dimension(_ tree: Tree, index: Int) -> CodebookDimension? {
            var at = "dimension \(index + 1)"
            if case .map(let pairs) = tree.value, let k = pairs.first(where: { $0.key == "key" }), case .text(let s) = k.value.value {
                at = "dimension \(Codebook.quoted(s))"
            }
            guard let f = fields(tree, at, what: "the dimension", known: ["key", "kind", "question", "labels"]) else { return nil }
            let key = text(f, "key", tree, at, what: "the dimension", remedy: "add key: a_short_key")
            let question = text(f, "question", tree, at, what: "the dimension", remedy: "add question: the question the annotator answers")
            var kind: CodebookDimension.Kind?
            if let k = text(f, "kind", tree, at, what: "the dimension", remedy: "add kind: multi, single or ordinal") {
                kind = CodebookDimension.Kind(rawValue: k)
                if kind == nil {
                    fail(f["kind"], at, "unknown kind \(Codebook.quoted(k))",
                         "use multi (any number of labels), single (exactly one) or ordinal (one, on an ordered scale)")
                }
            }
            var labels: [CodebookLabel] = []
            if let l = f["labels"] {
                if case .list(let items) = l.value {
                    for (j, item) in items.enumerated() {
                        if let line = item.line { labelLines[[index, j]] = line }
                        if let label = label(item, index: j, in: at) { labels.append(label) }
                    }
                } else {
                    fail(l, at, "\"labels\" is \(l.kindName), not a list", "write each label as a list item starting with '- key:'")
                }
            } else {
                fail(tree, at, "the dimension has no \"labels\"", "add a labels: list")
            }
            guard let key, let question, let kind else { return nil }
            return CodebookDimension(key: key, kind: kind, question: question, labels: labels)
        }

        mutating func label(_ tree: Tree, index: Int, in dimension: String) -> CodebookLabel? {
            var at = dimension + ", label \(index + 1)"
            if case .map(let pairs) = tree.value, let k = pairs.first(where: { $0.key == "key" }), case .text(let s) = k.value.value {
                at = dimension + ", label \(Codebook.quoted(s))"
            }
            guard let f = fields(tree, at, what: "the label", known: ["key", "name", "description", "shortcut"]) else { return nil }
            let key = text(f, "key", tree, at, what: "the label", remedy: "add key: a_short_key")
            let name = text(f, "name", tree, at, what: "the label", remedy: "add name: a short name shown to annotators")
            let description = text(f, "description", tree, at, what: "the label",
                                   remedy: "add description: when to apply the label, so annotators agree")
            let shortcut = text(f, "shortcut", tree, at, what: "the label", remedy: "add shortcut: \"x\" (one key)")
            guard let key, let name, let description, let shortcut else { return nil }
            return CodebookLabel(key: key, name: name, description: description, shortcut: shortcut)
        }
    }
}

