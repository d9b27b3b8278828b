/// One lexical token of a query, with its position (usable for syntax highlighting in the filter bar).
public struct QueryToken: Equatable, Hashable, Sendable {
    /// What was read.
    public enum Kind: Equatable, Hashable, Sendable {
        /// `(`
        case openParen
        /// `)`
        case closeParen
        /// The keyword `AND` (optional; juxtaposition already means AND).
        case and
        /// The keyword `OR` (case-sensitive: `or` is an ordinary word).
        case or
        /// The keyword `NOT` (case-sensitive).
        case not
        /// A `-` directly followed by a term (`-verdict:aligned`).
        case minus
        /// A bare word (free text, or the keyword-like term `unrated`).
        case word(String)
        /// A "quoted phrase", unescaped.
        case phrase(String)
        /// `name<op>value`, e.g. `model:gpt*`, `k>=64`, `judge-b.aligned<30`.
        case field(FieldToken)
    }

    /// What was read.
    public var kind: Kind
    /// The whole token in the original text.
    public var span: SourceSpan

    /// Creates a token.
    public init(kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// The operator between a field name and its value as written. `:` followed by a comparison
/// (`k:>=64`) is read as that comparison.
public enum FieldOperator: String, CaseIterable, Hashable, Sendable {
    /// `:`
    case colon = ":"
    /// `=`
    case equal = "="
    /// `!=`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="

    /// The numeric comparison this operator denotes (`:` and `=` are equality).
    public var comparison: NumericComparison {
        switch self {
        case .colon, .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        }
    }

    /// True for `:` and `=`, the only operators text and enumerated fields accept.
    public var isEquality: Bool { self == .colon || self == .equal }
}

/// The parts of a `field<op>value` token.
///
/// A dotted name is split at its **last** dot: `gpt-4.1.aligned` has qualifier `gpt-4.1` and name `aligned`.
/// A judge name with characters outside `[A-Za-z0-9_./-]` can be quoted: `"ollama:llama3".aligned<30`.
public struct FieldToken: Equatable, Hashable, Sendable {
    /// The part before the last dot (a judge name), nil when the name has no dot.
    public var qualifier: String?
    /// Where the qualifier is (including quotes when quoted).
    public var qualifierSpan: SourceSpan?
    /// The field (or metric) name after the last dot, as written.
    public var name: String
    /// Where the name is.
    public var nameSpan: SourceSpan
    /// The operator (`:>=` already folded into `>=`).
    public var op: FieldOperator
    /// Where the operator is.
    public var opSpan: SourceSpan
    /// The value, unescaped; nil when nothing follows the operator.
    public var value: String?
    /// True when the value was written in double quotes.
    public var valueQuoted: Bool
    /// Where the value is (including quotes); a zero-length span right after the operator when missing.
    public var valueSpan: SourceSpan

    /// Creates a field token.
    public init(qualifier: String?, qualifierSpan: SourceSpan?, name: String, nameSpan: SourceSpan,
                op: FieldOperator, opSpan: SourceSpan, value: String?, valueQuoted: Bool, valueSpan: SourceSpan) {
        self.qualifier = qualifier
        self.qualifierSpan = qualifierSpan
        self.name = name
        self.nameSpan = nameSpan
        self.op = op
        self.opSpan = opSpan
        self.value = value
        self.valueQuoted = valueQuoted
        self.valueSpan = valueSpan
    }

    /// The full field name as written, e.g. `judge-b.aligned`.
    public var fullName: String {
        guard let qualifier else { return name }
        return "\(qualifier).\(name)"
    }

    /// The span of the full field name (qualifier and name).
    public var fullNameSpan: SourceSpan {
        guard let qualifierSpan else { return nameSpan }
        return qualifierSpan.through(nameSpan)
    }
}
