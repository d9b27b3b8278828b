/// The entry points of the query language used by the explorer's filter bar and `emscope query`.
///
/// ```swift
/// let ctx = QueryContext(primaryJudge: "gpt-4o", annotator: "ana")
/// switch QueryLanguage.compile("model:gemini* k>=64 verdict:misaligned", context: ctx) {
/// case .success(let where): // bind where.arguments to where.sql
/// case .failure(let error): print(error.diagnostic(for: text))
/// }
/// ```
public enum QueryLanguage {
    /// Parses query text (see ``QueryParser``).
    public static func parse(_ text: String) -> Result<QueryNode, QueryError> {
        QueryParser.parse(text)
    }

    /// Parses and compiles query text into a WHERE fragment (see ``SQLCompiler``).
    public static func compile(_ text: String, context: QueryContext) -> Result<SQLFragment, QueryError> {
        QueryParser.parse(text).flatMap { SQLCompiler.compile($0, context: context) }
    }

    /// Checks query text as the user types: nil when it parses and compiles in `context`, else the first error.
    public static func validate(_ text: String, context: QueryContext) -> QueryError? {
        if case .failure(let error) = compile(text, context: context) { return error }
        return nil
    }

    /// Canonical text of a parsed query (see ``QueryFormatter``).
    public static func format(_ node: QueryNode) -> String {
        QueryFormatter.format(node)
    }

    /// Canonical text of `text` with `predicate` added as one more AND term
    /// (for the facets overlay's "add term to query"). Fails only when `text` does not parse.
    public static func adding(_ predicate: QueryPredicate, to text: String) -> Result<String, QueryError> {
        QueryParser.parse(text).map { QueryFormatter.format($0.adding(predicate)) }
    }

    /// The vocabulary with one line of help per entry (see ``QueryFields``).
    public static var fields: [FieldInfo] { QueryFields.all }
}
