/// Parses query text into a ``QueryNode``.
///
/// Grammar (see docs/query.md):
/// ```
/// query   = [ orExpr ] ;
/// orExpr  = andExpr { "OR" andExpr } ;
/// andExpr = unary { [ "AND" ] unary } ;
/// unary   = ( "-" | "NOT" ) unary | primary ;
/// primary = "(" orExpr ")" | term ;
/// ```
/// OR binds loosest, then AND (juxtaposition), then negation. The parser never traps: any input yields
/// a tree or a ``QueryError``. Limits keep compiled SQL within SQLite's expression-depth limit.
public enum QueryParser {
    /// At most this many terms in one query.
    public static let maxTerms = 256
    /// At most this many levels of parentheses and negation.
    public static let maxDepth = 48

    /// Parses `text`. The empty (or all-whitespace) query is ``QueryNode/all``.
    public static func parse(_ text: String) -> Result<QueryNode, QueryError> {
        let tokens: [QueryToken]
        switch QueryLexer.tokenize(text) {
        case .success(let t): tokens = t
        case .failure(let e): return .failure(e)
        }
        var parser = TokenParser(tokens: tokens, endColumn: text.count + 1)
        do {
            return .success(try parser.parseQuery())
        } catch let error as QueryError {
            return .failure(error)
        } catch {
            return .failure(QueryError(message: "\(error)", column: 1, length: 0))
        }
    }
}

private struct TokenParser {
    let tokens: [QueryToken]
    let endColumn: Int
    var position = 0
    var termCount = 0

    init(tokens: [QueryToken], endColumn: Int) {
        self.tokens = tokens
        self.endColumn = endColumn
    }

    var current: QueryToken? { position < tokens.count ? tokens[position] : nil }
    var endSpan: SourceSpan { SourceSpan(column: endColumn, length: 0) }

    mutating func parseQuery() throws -> QueryNode {
        if tokens.isEmpty { return .all }
        let node = try parseOr(depth: 0)
        if let extra = current {
            // parseOr stops only at ')' or at the end.
            throw QueryError("unbalanced parenthesis: this ')' has no matching '('", at: extra.span)
        }
        return node
    }

    mutating func parseOr(depth: Int) throws -> QueryNode {
        var parts: [QueryNode] = []
        if let t = current, t.kind == .or {
            throw QueryError("dangling OR: nothing on its left", at: t.span)
        }
        parts.append(try parseAnd(depth: depth))
        while let t = current, t.kind == .or {
            position += 1
            guard let next = current, startsUnary(next) else {
                throw QueryError("dangling OR: nothing on its right", at: t.span)
            }
            parts.append(try parseAnd(depth: depth))
        }
        return combine(parts, or: true)
    }

    func startsUnary(_ t: QueryToken) -> Bool {
        switch t.kind {
        case .or, .and, .closeParen: return false
        default: return true
        }
    }

    mutating func parseAnd(depth: Int) throws -> QueryNode {
        var parts: [QueryNode] = []
        guard let first = current else {
            throw QueryError("expected a term", at: endSpan)
        }
        switch first.kind {
        case .and: throw QueryError("dangling AND: nothing on its left", at: first.span)
        case .closeParen:
            throw QueryError("unbalanced parenthesis: this ')' has no matching '('", at: first.span)
        default: break
        }
        parts.append(try parseUnary(depth: depth))
        while let t = current {
            switch t.kind {
            case .or, .closeParen:
                return combine(parts, or: false)
            case .and:
                position += 1
                guard let next = current, startsUnary(next) else {
                    throw QueryError("dangling AND: nothing on its right", at: t.span)
                }
                parts.append(try parseUnary(depth: depth))
            default:
                parts.append(try parseUnary(depth: depth))
            }
        }
        return combine(parts, or: false)
    }

    mutating func parseUnary(depth: Int) throws -> QueryNode {
        guard let t = current else { throw QueryError("expected a term", at: endSpan) }
        if t.kind == .minus || t.kind == .not {
            if depth >= QueryParser.maxDepth {
                throw QueryError("query is nested too deeply (more than \(QueryParser.maxDepth) levels)", at: t.span)
            }
            position += 1
            let name = t.kind == .minus ? "'-'" : "NOT"
            guard let next = current, startsUnary(next) else {
                throw QueryError("dangling \(name): nothing to negate", at: t.span)
            }
            let inner = try parseUnary(depth: depth + 1)
            return .not(inner)
        }
        return try parsePrimary(depth: depth)
    }

    mutating func parsePrimary(depth: Int) throws -> QueryNode {
        guard let t = current else { throw QueryError("expected a term", at: endSpan) }
        switch t.kind {
        case .openParen:
            if depth >= QueryParser.maxDepth {
                throw QueryError("query is nested too deeply (more than \(QueryParser.maxDepth) levels)", at: t.span)
            }
            position += 1
            guard let next = current else {
                throw QueryError("unbalanced parenthesis: this '(' is never closed", at: t.span)
            }
            if next.kind == .closeParen {
                throw QueryError("empty parentheses", at: t.span.through(next.span))
            }
            let inner = try parseOr(depth: depth + 1)
            guard let close = current, close.kind == .closeParen else {
                throw QueryError("unbalanced parenthesis: this '(' is never closed", at: t.span)
            }
            position += 1
            return inner
        case .word(let w):
            position += 1
            return try term(TermParser.word(w, span: t.span), t.span)
        case .phrase(let p):
            position += 1
            return try term(TermParser.phrase(p, span: t.span).get(), t.span)
        case .field(let f):
            position += 1
            return try term(TermParser.field(f).get(), t.span)
        case .closeParen:
            throw QueryError("unbalanced parenthesis: this ')' has no matching '('", at: t.span)
        case .or, .and, .not, .minus:
            throw QueryError("expected a term", at: t.span)
        }
    }

    mutating func term(_ predicate: QueryPredicate, _ span: SourceSpan) throws -> QueryNode {
        termCount += 1
        if termCount > QueryParser.maxTerms {
            throw QueryError("query has too many terms (more than \(QueryParser.maxTerms))", at: span)
        }
        return .term(QueryTerm(predicate, span: span))
    }

    func combine(_ parts: [QueryNode], or: Bool) -> QueryNode {
        var flat: [QueryNode] = []
        for p in parts {
            switch (p, or) {
            case (.or(let ns), true), (.and(let ns), false): flat += ns
            default: flat.append(p)
            }
        }
        if flat.count == 1 { return flat[0] }
        return or ? .or(flat) : .and(flat)
    }
}
