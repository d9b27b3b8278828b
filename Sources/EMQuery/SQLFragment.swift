/// A value bound to a `?` placeholder of a compiled fragment.
public enum SQLArgument: Equatable, Hashable, Sendable {
    /// A TEXT value (names, needles, FTS5 match strings).
    case text(String)
    /// An INTEGER value (`k`).
    case integer(Int64)
    /// A REAL value (scores, thresholds).
    case real(Double)
    /// NULL (not produced by the compiler today; for callers composing fragments).
    case null
}

/// A piece of SQL with `?` placeholders and the arguments bound to them, in textual order.
///
/// The SQL text is built only from fixed strings in EMQuery; everything that came from the user is in
/// `arguments`. A fragment is self-contained: it can be embedded in a larger expression without extra
/// parentheses (compound expressions carry their own).
public struct SQLFragment: Equatable, Hashable, Sendable {
    /// SQL text with `?` placeholders (no numbered or named parameters).
    public var sql: String
    /// One argument per `?`, in order.
    public var arguments: [SQLArgument]

    /// A fragment from SQL text and its arguments. Only pass SQL text you wrote, never user input.
    public init(sql: String, arguments: [SQLArgument] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    /// The always-true fragment (`1`), what the empty query compiles to.
    public static let alwaysTrue = SQLFragment(sql: "1")

    /// Number of `?` placeholders in `sql` outside string literals (equals `arguments.count` for a valid fragment).
    public var placeholderCount: Int {
        var count = 0
        var inString = false
        for c in sql.unicodeScalars {
            if c == "'" { inString.toggle() } else if c == "?", !inString { count += 1 }
        }
        return count
    }
}

/// Appends SQL text and the arguments of its placeholders together, so the two never get out of step.
struct SQLBuilder {
    private(set) var sql = ""
    private(set) var arguments: [SQLArgument] = []

    /// Appends fixed SQL text (never user text).
    mutating func append(_ fixed: StaticString) {
        sql += fixed.description
    }

    /// Appends a `?` bound to `argument`.
    mutating func bind(_ argument: SQLArgument) {
        sql += "?"
        arguments.append(argument)
    }

    /// Appends another fragment.
    mutating func append(_ fragment: SQLFragment) {
        sql += fragment.sql
        arguments += fragment.arguments
    }

    var fragment: SQLFragment { SQLFragment(sql: sql, arguments: arguments) }
}
