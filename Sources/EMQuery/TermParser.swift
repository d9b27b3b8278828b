import EMCore

/// Turns one word, phrase or field token into a ``QueryPredicate`` (the field-specific rules).
enum TermParser {
    static func word(_ text: String, span: SourceSpan) -> QueryPredicate {
        text == "unrated" ? .unrated : .text(.any, text)
    }

    static func phrase(_ text: String, span: SourceSpan) -> Result<QueryPredicate, QueryError> {
        if text.isEmpty { return .failure(QueryError("empty quoted phrase", at: span)) }
        return .success(.text(.any, text))
    }

    static func field(_ f: FieldToken) -> Result<QueryPredicate, QueryError> {
        do {
            return .success(try interpret(f))
        } catch let error as QueryError {
            return .failure(error)
        } catch {
            return .failure(QueryError("\(error)", at: f.fullNameSpan))
        }
    }

    // MARK: - Dispatch

    private static func interpret(_ f: FieldToken) throws -> QueryPredicate {
        if let qualifier = f.qualifier { return try judgeField(judge: qualifier, f) }
        let name = TextFold.asciiLowercased(f.name)
        switch name {
        case "model": return try nameField(.model, f)
        case "dataset": return try nameField(.dataset, f)
        case "instruction": return try nameField(.instruction, f)
        case "run": return try nameField(.run, f)
        case "question": return try nameField(.question, f)
        case "category": return try nameField(.category, f)
        case "k", "n_examples": return .examples(f.op.comparison, try integer(f))
        case "reasoning":
            let value = try requireValue(f)
            try requireEquality(f, usage: "reasoning:yes or reasoning:\"text\"")
            if !f.valueQuoted, let b = bool(value) { return .reasoning(b) }
            return try text(.reasoning, f)
        case "answer": return try text(.answer, f)
        case "question_text", "text": return try text(.question, f)
        case "verdict": return .verdict(judge: nil, try verdict(f))
        case "aligned", "coherent":
            return .score(judge: nil, metric: name, f.op.comparison, try real(f))
        case "judges":
            try keywordValue(f, "disagree")
            return .judgesDisagree
        case "gap": return .gap(f.op.comparison, try real(f))
        case "rated", "annotator":
            let value = try requireValue(f)
            try requireEquality(f, usage: "\(name):me or \(name):NAME")
            if !f.valueQuoted, value == "me" { return .rated(.current) }
            return .rated(.named(value))
        case "unrated":
            throw QueryError("'unrated' takes no value: write just unrated (or rated:NAME for someone else)",
                             at: SourceSpan(column: f.nameSpan.column, length: f.nameSpan.length + f.opSpan.length
                                            + f.valueSpan.length), suggestion: "unrated")
        case "label":
            return try label(f)
        case "labels":
            let value = try requireValue(f)
            try requireEquality(f, usage: "labels:conflict or labels:outdated")
            switch TextFold.asciiLowercased(value) {
            case "conflict": return .labelsConflict
            case "outdated": return .labelsOutdated
            default:
                throw QueryError("'labels' takes conflict or outdated, not '\(value)'", at: f.valueSpan,
                                 suggestion: Suggest.closest(to: value, among: ["conflict", "outdated"]))
            }
        case "adjudicated":
            let value = try requireValue(f)
            try requireEquality(f, usage: "adjudicated:yes or adjudicated:no")
            guard let b = bool(value) else {
                throw QueryError("'adjudicated' takes yes or no, not '\(value)'", at: f.valueSpan,
                                 suggestion: Suggest.closest(to: value, among: ["yes", "no"]))
            }
            return .adjudicated(b)
        default:
            throw unknownField(f)
        }
    }

    private static func unknownField(_ f: FieldToken) -> QueryError {
        let written = f.name
        if let guess = Suggest.closest(to: written, among: QueryFields.suggestionVocabulary) {
            return QueryError("unknown field '\(written)' — did you mean '\(guess)'?", at: f.nameSpan, suggestion: guess)
        }
        if !f.op.isEquality {
            return QueryError("unknown field '\(written)' — a score of another metric needs the judge: "
                              + "JUDGE.\(written)\(f.op.rawValue)N", at: f.nameSpan)
        }
        return QueryError("unknown field '\(written)' — to search for this text, put it in quotes", at: f.nameSpan)
    }

    // MARK: - Judges

    private static func judgeField(judge: String, _ f: FieldToken) throws -> QueryPredicate {
        let full = f.fullName
        if judge.isEmpty {
            throw QueryError("missing judge name before '.\(f.name)' (write JUDGE.\(f.name))",
                             at: f.qualifierSpan ?? f.nameSpan)
        }
        if f.name.isEmpty {
            throw QueryError("missing metric after '\(judge).' (e.g. \(judge).aligned<30 or \(judge).verdict:misaligned)",
                             at: f.fullNameSpan)
        }
        let metric = TextFold.asciiLowercased(f.name)
        if metric == "verdict" { return .verdict(judge: judge, try verdict(f, field: full)) }
        let value = try requireValue(f)
        if let number = parseReal(value), !f.valueQuoted {
            let canonical = (metric == "aligned" || metric == "coherent") ? metric : f.name
            return .score(judge: judge, metric: canonical, f.op.comparison, number)
        }
        if f.op.isEquality, let guess = Suggest.closest(to: f.name, among: ["verdict"]) {
            throw QueryError("unknown metric '\(f.name)' — did you mean '\(guess)'?", at: f.nameSpan, suggestion: guess)
        }
        throw QueryError("'\(full)' is judge '\(judge)', metric '\(f.name)': it needs a number, not '\(value)'",
                         at: f.valueSpan)
    }

    // MARK: - Value helpers

    private static func requireValue(_ f: FieldToken, field: String? = nil) throws -> String {
        guard let value = f.value else {
            throw QueryError("missing value after '\(field ?? f.fullName)\(f.op.rawValue)' (no space after the operator)",
                             at: f.opSpan)
        }
        if value.isEmpty {
            throw QueryError("empty value after '\(field ?? f.fullName)\(f.op.rawValue)'", at: f.valueSpan)
        }
        return value
    }

    private static func requireEquality(_ f: FieldToken, usage: String) throws {
        guard f.op.isEquality else {
            throw QueryError("'\(f.fullName)' does not support '\(f.op.rawValue)': write \(usage) (negate with -)",
                             at: f.opSpan, suggestion: ":")
        }
    }

    private static func nameField(_ field: ConditionField, _ f: FieldToken) throws -> QueryPredicate {
        let value = try requireValue(f)
        guard f.op.isEquality else {
            throw QueryError("'\(field.rawValue)' is a text field: write \(field.rawValue):NAME "
                             + "(comparisons like '\(f.op.rawValue)' work on numbers; negate with -)",
                             at: f.opSpan, suggestion: ":")
        }
        if !f.valueQuoted, value.contains("*") || value.contains("?") { return .name(field, .glob(value)) }
        return .name(field, .exact(value))
    }

    private static func text(_ scope: TextScope, _ f: FieldToken) throws -> QueryPredicate {
        let value = try requireValue(f)
        guard f.op.isEquality else {
            throw QueryError("'\(f.name)' is a text field: write \(f.name):\"...\" "
                             + "(comparisons like '\(f.op.rawValue)' work on numbers)",
                             at: f.opSpan, suggestion: ":")
        }
        return .text(scope, value)
    }

    private static func keywordValue(_ f: FieldToken, _ expected: String) throws {
        let value = try requireValue(f)
        try requireEquality(f, usage: "\(f.name):\(expected)")
        guard TextFold.asciiLowercased(value) == expected else {
            throw QueryError("'\(f.name)' only takes '\(expected)' (\(f.name):\(expected)), not '\(value)'",
                             at: f.valueSpan, suggestion: expected)
        }
    }

    private static func verdict(_ f: FieldToken, field: String = "verdict") throws -> Verdict {
        let value = try requireValue(f, field: field)
        try requireEquality(f, usage: "\(field):VERDICT")
        if let v = Verdict(rawValue: TextFold.asciiLowercased(value)) { return v }
        let valid = QueryFields.verdictValues.joined(separator: ", ")
        let guess = Suggest.closest(to: value, among: QueryFields.verdictValues)
        let didYouMean = guess.map { " — did you mean '\($0)'?" } ?? ""
        throw QueryError("unknown verdict '\(value)'\(didYouMean) (valid: \(valid))", at: f.valueSpan, suggestion: guess)
    }

    private static func label(_ f: FieldToken) throws -> QueryPredicate {
        let value = try requireValue(f)
        try requireEquality(f, usage: "label:KEY or label:DIMENSION/KEY")
        if value.contains("|") {
            throw QueryError("a label key cannot contain '|'", at: f.valueSpan)
        }
        if let slash = value.firstIndex(of: "/") {
            let dimension = String(value[..<slash])
            let key = String(value[value.index(after: slash)...])
            guard !dimension.isEmpty, !key.isEmpty else {
                throw QueryError("write label:DIMENSION/KEY with both parts, or label:KEY", at: f.valueSpan)
            }
            return .label(dimension: dimension, key: key)
        }
        return .label(dimension: nil, key: value)
    }

    private static func bool(_ value: String) -> Bool? {
        let lower = TextFold.asciiLowercased(value)
        if QueryFields.trueWords.contains(lower) { return true }
        if QueryFields.falseWords.contains(lower) { return false }
        return nil
    }

    private static func integer(_ f: FieldToken) throws -> Int64 {
        let value = try requireValue(f)
        let digits = value.hasPrefix("-") || value.hasPrefix("+") ? value.dropFirst() : Substring(value)
        guard !f.valueQuoted, !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            if parseReal(value) != nil, !f.valueQuoted {
                throw QueryError("'\(f.fullName)' needs a whole number, not '\(value)'", at: f.valueSpan)
            }
            throw QueryError("'\(f.fullName)' needs a number, not '\(value)'", at: f.valueSpan)
        }
        guard let n = Int64(value) else {
            throw QueryError("number '\(value)' is out of range", at: f.valueSpan)
        }
        return n
    }

    private static func real(_ f: FieldToken) throws -> Double {
        let value = try requireValue(f)
        guard !f.valueQuoted, let n = parseReal(value) else {
            throw QueryError("'\(f.fullName)' needs a number, not '\(value)'", at: f.valueSpan)
        }
        return n
    }

    /// A plain decimal number: optional sign, digits with an optional fraction and an optional exponent
    /// (`12`, `-3.5`, `.5`, `40.`, `1e-05`). No hex, `inf` or `nan`.
    static func parseReal(_ s: String) -> Double? {
        guard s.count <= 40 else { return nil }
        var chars = Substring(s)
        if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
        var mantissa = chars
        var exponent: Substring?
        if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = chars[..<e]
            var rest = chars[chars.index(after: e)...]
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            exponent = rest
        }
        var seenDot = false
        var digits = 0
        for c in mantissa {
            if c == "." {
                if seenDot { return nil }
                seenDot = true
            } else if c.isASCII, c.isNumber {
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        if let exponent {
            guard !exponent.isEmpty, exponent.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        guard let d = Double(s), d.isFinite else { return nil }
        return d
    }
}
