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
    /// An equivalent form of the fragment that starts from the search index, when the query is
    /// "indexed text terms AND the rest" (see ``SearchDriver``); nil otherwise. `sql` alone is always
    /// complete: the driver is only a faster way to run the same condition.
    public var search: SearchDriver?

    /// A fragment from SQL text and its arguments. Only pass SQL text you wrote, never user input.
    public init(sql: String, arguments: [SQLArgument] = [], search: SearchDriver? = nil) {
        self.sql = sql
        self.arguments = arguments
        self.search = search
    }

    /// This fragment AND `other` (which must not use the search index itself); the search driver,
    /// if any, is kept, with `other` added to its rest.
    public func and(_ other: SQLFragment) -> SQLFragment {
        SQLFragment(sql: "(\(sql)) AND (\(other.sql))", arguments: arguments + other.arguments,
                    search: search.map {
                        SearchDriver(match: $0.match, restSQL: "(\($0.restSQL)) AND (\(other.sql))",
                                     restArguments: $0.restArguments + other.arguments)
                    })
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

/// A way to run a fragment from the search index: the samples matching `match` in `sample_fts`
/// (an FTS5 query, always a bound argument) that also satisfy `restSQL`.
///
/// The compiler sets it when the query is an AND of terms (or one term) and at least one of them is
/// a text term that uses the index; `match` joins those terms' match strings with FTS5 `AND` and
/// `restSQL` is the other terms (`1` when there are none). Then
/// `sample_fts MATCH match AND restSQL` selects exactly the samples `sql` selects, and a page in id
/// order can walk the index in rowid order and stop after the page, instead of collecting every
/// match first (`s.id IN (SELECT rowid … MATCH …)`).
public struct SearchDriver: Equatable, Hashable, Sendable {
    /// The FTS5 query, e.g. `("the examples") AND (reasoning : "goal")`; bind it, never splice it.
    public var match: String
    /// The other terms, a WHERE fragment like `SQLFragment.sql`, with `?` placeholders.
    public var restSQL: String
    /// One argument per `?` of `restSQL`, in order.
    public var restArguments: [SQLArgument]

    public init(match: String, restSQL: String, restArguments: [SQLArgument]) {
        self.match = match
        self.restSQL = restSQL
        self.restArguments = restArguments
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
