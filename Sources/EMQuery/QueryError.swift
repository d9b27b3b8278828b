/// A position in the original query text, counted in `Character`s (extended grapheme clusters).
///
/// `column` is 1-based; `length` is the number of characters covered (0 for a point, e.g. "end of input").
/// A filter bar maps characters to terminal cells itself (a CJK character is one column here, two cells there).
public struct SourceSpan: Equatable, Hashable, Sendable {
    /// 1-based index of the first character.
    public var column: Int
    /// Number of characters covered.
    public var length: Int

    /// A span of `length` characters starting at 1-based `column`.
    public init(column: Int, length: Int) {
        self.column = column
        self.length = length
    }

    /// The span from the start of `self` to the end of `other`.
    public func through(_ other: SourceSpan) -> SourceSpan {
        let end = max(column + length, other.column + other.length)
        let start = min(column, other.column)
        return SourceSpan(column: start, length: end - start)
    }
}

/// Why a query could not be parsed or compiled. Errors are values: nothing in EMQuery traps on user input.
///
/// `column` and `length` locate the offending text in the original query (see ``SourceSpan``);
/// `suggestion`, when present, is a corrected spelling for exactly that text (for "did you mean" fixes),
/// never a sentence. Hints in prose are part of `message`.
public struct QueryError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// One-line, human-readable explanation, e.g. "unknown field 'modle' — did you mean 'model'?".
    public var message: String
    /// 1-based column (in characters) of the offending text.
    public var column: Int
    /// Number of characters of the offending text (at least 1 when the text is non-empty).
    public var length: Int
    /// A replacement for the text at `column ..< column + length`, when one is known.
    public var suggestion: String?

    /// Creates an error at 1-based `column` covering `length` characters.
    public init(message: String, column: Int, length: Int, suggestion: String? = nil) {
        self.message = message
        self.column = column
        self.length = length
        self.suggestion = suggestion
    }

    init(_ message: String, at span: SourceSpan, suggestion: String? = nil) {
        self.init(message: message, column: span.column, length: span.length, suggestion: suggestion)
    }

    /// The span the error points at.
    public var span: SourceSpan { SourceSpan(column: column, length: length) }

    /// "column N: message".
    public var description: String { "column \(column): \(message)" }

    /// A two-line rendering for a terminal: the query, then carets under the offending text, then the message.
    ///
    /// Carets are placed by character count; wide characters are not accounted for here.
    public func diagnostic(for query: String) -> String {
        let chars = Array(query)
        let line = String(chars.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        let pad = String(repeating: " ", count: max(0, column - 1))
        let carets = String(repeating: "^", count: max(1, length))
        var out = "  \(line)\n  \(pad)\(carets)\nerror: \(message)"
        if let suggestion { out += " (suggested: '\(suggestion)')" }
        return out
    }
}
