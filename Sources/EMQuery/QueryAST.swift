import EMCore

/// A parsed query: a tree of terms joined by AND, OR and NOT.
///
/// The parser produces a normalised tree: `.and` and `.or` have at least two children and never a child
/// of their own kind (`a (b c)` is `.and([a, b, c])`); `.all` appears only as the whole query (the empty query).
public indirect enum QueryNode: Equatable, Hashable, Sendable {
    /// The empty query: every sample matches.
    case all
    /// A single term such as `model:gemini*` or a free-text word.
    case term(QueryTerm)
    /// `-x` or `NOT x`.
    case not(QueryNode)
    /// Juxtaposition (or the optional `AND` keyword): every child must match.
    case and([QueryNode])
    /// `x OR y`: at least one child must match.
    case or([QueryNode])

    /// All terms of the tree, left to right.
    public var terms: [QueryTerm] {
        switch self {
        case .all: return []
        case .term(let t): return [t]
        case .not(let n): return n.terms
        case .and(let ns), .or(let ns): return ns.flatMap(\.terms)
        }
    }

    /// This query AND `other`, flattened (`.all` is the identity). Useful for "add term to query".
    public func conjoined(with other: QueryNode) -> QueryNode {
        switch (self, other) {
        case (.all, _): return other
        case (_, .all): return self
        default:
            var parts: [QueryNode] = []
            for node in [self, other] {
                if case .and(let ns) = node { parts += ns } else { parts.append(node) }
            }
            return .and(parts)
        }
    }

    /// This query AND the term `predicate` (with an empty span).
    public func adding(_ predicate: QueryPredicate) -> QueryNode {
        conjoined(with: .term(QueryTerm(predicate)))
    }
}

/// One term of a query with where it was written.
///
/// Equality and hashing compare the predicate only: the span is position metadata, so `model:x` parsed
/// from two different strings compares equal.
public struct QueryTerm: Equatable, Hashable, Sendable {
    /// What the term means.
    public var predicate: QueryPredicate
    /// Where the term was written (column 0, length 0 for terms built in code).
    public var span: SourceSpan

    /// A term; `span` defaults to column 0, length 0 (built in code, not parsed).
    public init(_ predicate: QueryPredicate, span: SourceSpan = SourceSpan(column: 0, length: 0)) {
        self.predicate = predicate
        self.span = span
    }

    /// Compares predicates only (spans are ignored).
    public static func == (lhs: QueryTerm, rhs: QueryTerm) -> Bool { lhs.predicate == rhs.predicate }
    /// Hashes the predicate only.
    public func hash(into hasher: inout Hasher) { hasher.combine(predicate) }
}

/// The meaning of one term.
public enum QueryPredicate: Equatable, Hashable, Sendable {
    /// A name of the run's condition or of the question (`model:`, `dataset:`, `run:`, `question:` …).
    case name(ConditionField, NamePattern)
    /// `k` (`n_examples`), the number of in-context examples, compared with an integer.
    case examples(NumericComparison, Int64)
    /// `reasoning:yes|no`: whether chain of thought was elicited in the run.
    case reasoning(Bool)
    /// `verdict:V` (judge nil = the primary judge) or `JUDGE.verdict:V`.
    case verdict(judge: String?, Verdict)
    /// `aligned<30` (judge nil = the primary judge) or `JUDGE.METRIC<30` for any stored metric.
    case score(judge: String?, metric: String, NumericComparison, Double)
    /// `judges:disagree`: the judges' verdicts for the sample are not all the same.
    case judgesDisagree
    /// `gap>=40`: max − min aligned score across judges.
    case gap(NumericComparison, Double)
    /// `rated:me`, `rated:NAME`, `annotator:NAME`: the annotator rated the sample (any dimension).
    case rated(AnnotatorRef)
    /// `unrated`: the current annotator has not rated the sample.
    case unrated
    /// `label:KEY` or `label:DIM/KEY`: some annotator applied the label (on that dimension).
    case label(dimension: String?, key: String)
    /// `labels:conflict`: two annotators' label sets differ on some dimension.
    case labelsConflict
    /// `labels:outdated`: a rating of yours was made under an older version of its codebook.
    case labelsOutdated
    /// `adjudicated:yes|no`: an adjudication exists for the sample (any dimension).
    case adjudicated(Bool)
    /// Free text (bare word or quoted phrase), or `reasoning:"…"`, `answer:"…"`, `question_text:"…"`.
    case text(TextScope, String)
}

/// The condition and question columns that take a name (exact or glob).
public enum ConditionField: String, CaseIterable, Hashable, Sendable {
    /// `runs.model`
    case model
    /// `runs.dataset`
    case dataset
    /// `runs.instruction`
    case instruction
    /// `runs.name`
    case run
    /// `questions.key`
    case question
    /// `questions.category` (may be NULL: then no name matches)
    case category
}

/// How a name is matched. A quoted value is always exact; a bare value with `*` or `?` is a glob.
/// Both are case-insensitive for ASCII letters.
public enum NamePattern: Equatable, Hashable, Sendable {
    /// The whole name, e.g. `model:gpt-4o` or `model:"gpt*"` (the star is literal).
    case exact(String)
    /// A glob: `*` is any run of characters, `?` is one character; everything else is literal.
    case glob(String)
}

/// A numeric comparison operator. `:` and `=` both mean equality.
public enum NumericComparison: String, CaseIterable, Hashable, Sendable {
    /// `:` (also written `=`)
    case equal = ":"
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

    /// The SQL operator.
    public var sqlOperator: String {
        switch self {
        case .equal: return "="
        case .notEqual: return "<>"
        case .less: return "<"
        case .lessOrEqual: return "<="
        case .greater: return ">"
        case .greaterOrEqual: return ">="
        }
    }

    /// Whether `lhs <op> rhs` holds (for evaluating a query outside SQL).
    public func holds<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool {
        switch self {
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        case .less: return lhs < rhs
        case .lessOrEqual: return lhs <= rhs
        case .greater: return lhs > rhs
        case .greaterOrEqual: return lhs >= rhs
        }
    }
}

/// Who a rating term refers to.
public enum AnnotatorRef: Equatable, Hashable, Sendable {
    /// `me`: the current annotator of the session (``QueryContext/annotator``).
    case current
    /// An annotator by name.
    case named(String)
}

/// Which text a free-text term searches.
public enum TextScope: String, CaseIterable, Hashable, Sendable {
    /// Question text, reasoning and answer (a bare word or "phrase").
    case any
    /// `reasoning:"…"`: the chain of thought.
    case reasoning
    /// `answer:"…"`: the answer.
    case answer
    /// `question_text:"…"` (alias `text:`): the question's text.
    case question

    /// The column name in the `sample_fts` table, nil for all three.
    public var ftsColumn: String? {
        switch self {
        case .any: return nil
        case .reasoning: return "reasoning"
        case .answer: return "answer"
        case .question: return "question"
        }
    }
}
