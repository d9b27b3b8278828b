/// Prints queries back as canonical text: canonical field names (`k`, `question_text`, `rated`), `:` for
/// equality, `-` for negation, ` OR ` between alternatives, parentheses only where precedence needs them,
/// and quotes only where a value would otherwise be read differently.
///
/// For every tree the parser produces, `parse(format(tree)) == tree`. Trees built in code round-trip too
/// as long as they stay within what the syntax can express (e.g. `.all` only at the root, label keys
/// without `/`, primary-judge scores only for `aligned` and `coherent`).
public enum QueryFormatter {
    /// The canonical text of a query (`""` for ``QueryNode/all``).
    public static func format(_ node: QueryNode) -> String {
        switch node {
        case .all:
            return ""
        case .term(let t):
            return format(t.predicate)
        case .not(let inner):
            switch inner {
            case .and, .or, .all: return "-(" + format(inner) + ")"
            case .term, .not: return "-" + format(inner)
            }
        case .and(let parts):
            return parts.compactMap { part -> String? in
                switch part {
                case .all: return nil
                case .or: return "(" + format(part) + ")"
                default: return format(part)
                }
            }.joined(separator: " ")
        case .or(let parts):
            if parts.contains(.all) { return "" }
            return parts.map { part -> String in
                if case .or = part { return "(" + format(part) + ")" }
                return format(part)
            }.joined(separator: " OR ")
        }
    }

    /// The canonical text of one term, e.g. `model:gemini*`, `k>=64`, `"gpt 4".aligned<30`, `"two words"`.
    public static func format(_ predicate: QueryPredicate) -> String {
        switch predicate {
        case .name(let field, .exact(let v)):
            let bare = !v.contains("*") && !v.contains("?") && isBareValue(v)
            return field.rawValue + ":" + (bare ? v : quoted(v))
        case .name(let field, .glob(let p)):
            return field.rawValue + ":" + p
        case .examples(let cmp, let n):
            return "k" + cmp.rawValue + String(n)
        case .reasoning(let b):
            return "reasoning:" + (b ? "yes" : "no")
        case .verdict(nil, let v):
            return "verdict:" + v.rawValue
        case .verdict(let judge?, let v):
            return judgeName(judge) + ".verdict:" + v.rawValue
        case .score(nil, let metric, let cmp, let x):
            return metric + cmp.rawValue + number(x)
        case .score(let judge?, let metric, let cmp, let x):
            return judgeName(judge) + "." + metric + cmp.rawValue + number(x)
        case .judgesDisagree:
            return "judges:disagree"
        case .gap(let cmp, let x):
            return "gap" + cmp.rawValue + number(x)
        case .rated(.current):
            return "rated:me"
        case .rated(.named(let name)):
            return "rated:" + (name != "me" && isBareValue(name) ? name : quoted(name))
        case .unrated:
            return "unrated"
        case .label(let dimension, let key):
            let value = dimension.map { "\($0)/\(key)" } ?? key
            return "label:" + (isBareValue(value) ? value : quoted(value))
        case .labelsOutdated:
            return "labels:outdated"
        case .labelsConflict:
            return "labels:conflict"
        case .adjudicated(let b):
            return "adjudicated:" + (b ? "yes" : "no")
        case .text(.any, let s):
            return isBareWord(s) ? s : quoted(s)
        case .text(.reasoning, let s):
            let lower = TextFold.asciiLowercased(s)
            let isBool = QueryFields.trueWords.contains(lower) || QueryFields.falseWords.contains(lower)
            return "reasoning:" + (!isBool && isBareValue(s) ? s : quoted(s))
        case .text(.answer, let s):
            return "answer:" + (isBareValue(s) ? s : quoted(s))
        case .text(.question, let s):
            return "question_text:" + (isBareValue(s) ? s : quoted(s))
        }
    }

    /// `"…"` with `\` and `"` escaped.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            if c == "\\" || c == "\"" { out.append("\\") }
            out.append(c)
        }
        out.append("\"")
        return out
    }

    /// A number as the parser reads it: integral values without a fraction.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    static func judgeName(_ judge: String) -> String {
        let bare = !judge.isEmpty && judge.first != "-" && judge.allSatisfy(QueryLexer.isNameCharacter)
        return bare ? judge : quoted(judge)
    }

    /// True when `s` can follow `field:` without quotes and be read back unchanged.
    static func isBareValue(_ s: String) -> Bool {
        guard let first = s.first else { return false }
        if "<>=!".contains(first) { return false }
        return !s.contains { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == "\"" || QueryLexer.isForbiddenControl($0) }
    }

    /// True when `s` on its own lexes back as exactly this free-text word.
    static func isBareWord(_ s: String) -> Bool {
        guard !s.isEmpty, s != "unrated" else { return false }
        guard case .success(let tokens) = QueryLexer.tokenize(s), tokens.count == 1,
              case .word(let w) = tokens[0].kind else { return false }
        return w == s
    }
}
