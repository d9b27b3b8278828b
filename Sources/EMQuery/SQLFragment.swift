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
    /// An equivalent, faster form of the fragment for the sample list and counts (see ``ScanPlan``);
    /// nil when there is none. `sql` alone is always complete: the plan only runs the same condition
    /// in a better order.
    public var plan: ScanPlan?

    /// A fragment from SQL text and its arguments. Only pass SQL text you wrote, never user input.
    public init(sql: String, arguments: [SQLArgument] = [], plan: ScanPlan? = nil) {
        self.sql = sql
        self.arguments = arguments
        self.plan = plan
    }

    /// This fragment AND `other` (which must not use the search index itself); the plan, if any,
    /// is kept, with `other` added to its rest.
    public func and(_ other: SQLFragment) -> SQLFragment {
        SQLFragment(sql: "(\(sql)) AND (\(other.sql))", arguments: arguments + other.arguments,
                    plan: plan.map {
                        ScanPlan(match: $0.match, restSQL: "(\($0.restSQL)) AND (\(other.sql))",
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

/// A faster way to run a fragment whose query is an AND of terms (or one term): the same samples,
/// selected in an order SQLite runs better.
///
/// - `match`: the top-level text terms that use the search index, as one FTS5 query (their match
///   strings joined with FTS5 `AND`), or nil. With a match, a page in id order walks `sample_fts` in
///   rowid order and stops after the page, instead of collecting every match first
///   (`s.id IN (SELECT rowid … MATCH …)`).
/// - `restSQL`: every other top-level term, where the terms on run fields (model, dataset, k,
///   reasoning, instruction, run) become one `s.run_id IN (SELECT r.id FROM runs r WHERE …)` and
///   those on question fields (question, category) one `s.question_id IN (SELECT q.id FROM
///   questions q WHERE …)`; `1` when nothing is left. SQLite evaluates a WHERE term as soon as its
///   tables are there, so in `samples s CROSS JOIN runs r` a verdict or score term (a correlated
///   subquery on `s`) ran for every sample scanned before `r.n_examples >= ?` could reject it; the
///   `IN` list of run ids rejects those samples first, and lets counts seek samples by run.
///
/// `sample_fts MATCH match AND restSQL` (or `restSQL` alone) over
/// `samples s JOIN runs r … JOIN questions q …` selects exactly the samples `SQLFragment.sql` selects.
public struct ScanPlan: Equatable, Hashable, Sendable {
    /// The FTS5 query, e.g. `("the examples") AND (reasoning : "goal")`, or nil; bind it, never splice it.
    public var match: String?
    /// The other terms, a WHERE fragment like `SQLFragment.sql`, with `?` placeholders.
    public var restSQL: String
    /// One argument per `?` of `restSQL`, in order.
    public var restArguments: [SQLArgument]

    public init(match: String?, restSQL: String, restArguments: [SQLArgument]) {
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
