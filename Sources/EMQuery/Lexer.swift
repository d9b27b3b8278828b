/// Splits a query into tokens. Works on `Character`s, so columns are character columns.
///
/// Rules:
/// - Whitespace separates tokens; `(` and `)` are tokens of their own.
/// - `"…"` is a phrase; inside it `\"` is a quote and `\\` a backslash, any other character is literal.
/// - `-` directly followed by a non-space character is negation (`-model:x`); a lone `-` is a word.
/// - A bare run of characters (up to whitespace, a parenthesis or a quote) is `OR`, `AND`, `NOT`,
///   a field token when it starts with `[A-Za-z0-9_./-]+` followed by `:`, `=`, `!=`, `<`, `<=`, `>`
///   or `>=`, and a word otherwise. A field's value is the rest of the run, or a quoted string that
///   directly follows the operator (`answer:"kill all"`).
/// - Control characters (other than whitespace) are errors.
public enum QueryLexer {
    /// The tokens of `text`, or the first lexical error (unbalanced quote, control character).
    public static func tokenize(_ text: String) -> Result<[QueryToken], QueryError> {
        var lexer = Scanner(Array(text))
        do {
            return .success(try lexer.run())
        } catch let error as QueryError {
            return .failure(error)
        } catch {
            return .failure(QueryError(message: "\(error)", column: 1, length: 0))
        }
    }

    /// Characters allowed in field and judge names: ASCII letters and digits, `_`, `-`, `.`, `/`.
    public static func isNameCharacter(_ c: Character) -> Bool {
        guard c.isASCII, let a = c.asciiValue else { return false }
        switch a {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }

    /// True for a control character that is not whitespace (these are rejected).
    static func isForbiddenControl(_ c: Character) -> Bool {
        if c.isWhitespace { return false }
        guard let first = c.unicodeScalars.first else { return false }
        return first.properties.generalCategory == .control
    }

    static func controlName(_ c: Character) -> String {
        let v = c.unicodeScalars.first?.value ?? 0
        let hex = String(v, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

private struct Scanner {
    let cs: [Character]
    var i = 0
    var tokens: [QueryToken] = []

    init(_ cs: [Character]) { self.cs = cs }

    func span(_ start: Int, _ end: Int) -> SourceSpan { SourceSpan(column: start + 1, length: end - start) }

    func isBareStop(_ c: Character) -> Bool {
        c.isWhitespace || c == "(" || c == ")" || c == "\"" || QueryLexer.isForbiddenControl(c)
    }

    mutating func run() throws -> [QueryToken] {
        while i < cs.count {
            let c = cs[i]
            if c.isWhitespace { i += 1; continue }
            if QueryLexer.isForbiddenControl(c) {
                throw QueryError("control character \(QueryLexer.controlName(c)) is not allowed in a query",
                                 at: span(i, i + 1))
            }
            switch c {
            case "(":
                tokens.append(QueryToken(kind: .openParen, span: span(i, i + 1))); i += 1
            case ")":
                tokens.append(QueryToken(kind: .closeParen, span: span(i, i + 1))); i += 1
            case "\"":
                try quotedStart()
            case "-" where i + 1 < cs.count && !cs[i + 1].isWhitespace:
                tokens.append(QueryToken(kind: .minus, span: span(i, i + 1))); i += 1
            default:
                try bareRun()
            }
        }
        return tokens
    }

    /// Reads a quoted string starting at `start` (which holds `"`); returns the content and the index after it.
    func readQuoted(_ start: Int) throws -> (String, Int) {
        var j = start + 1
        var out = ""
        while j < cs.count {
            let c = cs[j]
            if c == "\\", j + 1 < cs.count, cs[j + 1] == "\"" || cs[j + 1] == "\\" {
                out.append(cs[j + 1]); j += 2; continue
            }
            if c == "\"" { return (out, j + 1) }
            if QueryLexer.isForbiddenControl(c) {
                throw QueryError("control character \(QueryLexer.controlName(c)) is not allowed in a query",
                                 at: span(j, j + 1))
            }
            out.append(c); j += 1
        }
        throw QueryError("unbalanced quote: the '\"' opened here is never closed",
                         at: span(start, cs.count), suggestion: String(cs[start...]) + "\"")
    }

    /// Matches a field operator at `k`; returns it and its length.
    func matchOperator(at k: Int, limit: Int) -> (FieldOperator, Int)? {
        guard k < limit else { return nil }
        let next: Character? = k + 1 < limit ? cs[k + 1] : nil
        switch cs[k] {
        case ":": return (.colon, 1)
        case "=": return (.equal, 1)
        case "!": return next == "=" ? (.notEqual, 2) : nil
        case "<": return next == "=" ? (.lessOrEqual, 2) : (.less, 1)
        case ">": return next == "=" ? (.greaterOrEqual, 2) : (.greater, 1)
        default: return nil
        }
    }

    /// After `name` and operator: folds `:>=` into `>=`, then reads the bare or quoted value.
    /// `opStart`/`opEnd` delimit the operator, `runEnd` is the end of the bare run.
    mutating func finishField(qualifier: String?, qualifierSpan: SourceSpan?, name: String, nameSpan: SourceSpan,
                              op initialOp: FieldOperator, opStart: Int, opEnd initialOpEnd: Int,
                              runEnd: Int, tokenStart: Int) throws {
        var op = initialOp
        var opEnd = initialOpEnd
        if op == .colon, let (second, len) = matchOperator(at: opEnd, limit: runEnd) {
            if second != .colon {
                op = second
                opEnd += len
            }
        }
        var value: String?
        var quoted = false
        var valueSpan = span(opEnd, opEnd)
        var end = runEnd
        if opEnd < runEnd {
            value = String(cs[opEnd..<runEnd])
            valueSpan = span(opEnd, runEnd)
        } else if runEnd < cs.count, cs[runEnd] == "\"" {
            let (content, after) = try readQuoted(runEnd)
            value = content
            quoted = true
            valueSpan = span(runEnd, after)
            end = after
        }
        let token = FieldToken(qualifier: qualifier, qualifierSpan: qualifierSpan, name: name, nameSpan: nameSpan,
                               op: op, opSpan: span(opStart, opEnd), value: value, valueQuoted: quoted,
                               valueSpan: valueSpan)
        tokens.append(QueryToken(kind: .field(token), span: span(tokenStart, end)))
        i = end
    }

    func bareEnd(from start: Int) -> Int {
        var j = start
        while j < cs.count, !isBareStop(cs[j]) { j += 1 }
        return j
    }

    mutating func quotedStart() throws {
        let start = i
        let (content, after) = try readQuoted(start)
        // `"judge name".metric<op>value`
        if after + 1 < cs.count, cs[after] == ".", QueryLexer.isNameCharacter(cs[after + 1]), cs[after + 1] != "." {
            let runEnd = bareEnd(from: after)
            var k = after + 1
            while k < runEnd, QueryLexer.isNameCharacter(cs[k]) { k += 1 }
            if let (op, len) = matchOperator(at: k, limit: runEnd) {
                try finishField(qualifier: content, qualifierSpan: span(start, after),
                                name: String(cs[(after + 1)..<k]), nameSpan: span(after + 1, k),
                                op: op, opStart: k, opEnd: k + len, runEnd: runEnd, tokenStart: start)
                return
            }
        }
        tokens.append(QueryToken(kind: .phrase(content), span: span(start, after)))
        i = after
    }

    mutating func bareRun() throws {
        let start = i
        let end = bareEnd(from: start)
        let text = String(cs[start..<end])
        switch text {
        case "OR": tokens.append(QueryToken(kind: .or, span: span(start, end))); i = end; return
        case "AND": tokens.append(QueryToken(kind: .and, span: span(start, end))); i = end; return
        case "NOT": tokens.append(QueryToken(kind: .not, span: span(start, end))); i = end; return
        default: break
        }
        var k = start
        while k < end, QueryLexer.isNameCharacter(cs[k]) { k += 1 }
        if k > start, let (op, len) = matchOperator(at: k, limit: end) {
            let nameChars = cs[start..<k]
            if let dot = nameChars.lastIndex(of: ".") {
                try finishField(qualifier: String(cs[start..<dot]), qualifierSpan: span(start, dot),
                                name: String(cs[(dot + 1)..<k]), nameSpan: span(dot + 1, k),
                                op: op, opStart: k, opEnd: k + len, runEnd: end, tokenStart: start)
            } else {
                try finishField(qualifier: nil, qualifierSpan: nil, name: String(nameChars), nameSpan: span(start, k),
                                op: op, opStart: k, opEnd: k + len, runEnd: end, tokenStart: start)
            }
            return
        }
        tokens.append(QueryToken(kind: .word(text), span: span(start, end)))
        i = end
    }
}
