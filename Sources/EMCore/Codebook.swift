/// A labelling scheme: named, versioned, with one or more dimensions an annotator answers per sample.
public struct Codebook: Equatable, Hashable, Sendable, Codable {
    public var name: String
    /// The version as written in the file; the store also numbers imported versions.
    public var version: Int
    public var description: String?
    public var dimensions: [CodebookDimension]

    public init(name: String, version: Int, description: String? = nil, dimensions: [CodebookDimension]) {
        self.name = name
        self.version = version
        self.description = description
        self.dimensions = dimensions
    }

    /// The dimension with the given key.
    public func dimension(_ key: String) -> CodebookDimension? {
        dimensions.first { $0.key == key }
    }
}

/// One question of a codebook: a set of labels (`multi`), exactly one of (`single`) or a scale (`ordinal`).
public struct CodebookDimension: Equatable, Hashable, Sendable, Codable {
    /// How many labels an annotator may apply on this dimension.
    public enum Kind: String, Equatable, Hashable, Sendable, Codable {
        case multi, single, ordinal
    }

    public var key: String
    public var kind: Kind
    /// The question shown to the annotator.
    public var question: String
    /// The labels, in declared order (for `ordinal`, lowest to highest).
    public var labels: [CodebookLabel]

    public init(key: String, kind: Kind, question: String, labels: [CodebookLabel]) {
        self.key = key
        self.kind = kind
        self.question = question
        self.labels = labels
    }
}

/// One label of a dimension, with the key that toggles or sets it in the explorer.
public struct CodebookLabel: Equatable, Hashable, Sendable, Codable {
    public var key: String
    public var name: String
    public var description: String
    /// A single character typed to apply the label.
    public var shortcut: String

    public init(key: String, name: String, description: String, shortcut: String) {
        self.key = key
        self.name = name
        self.description = description
        self.shortcut = shortcut
    }
}

/// One line of the native JSONL format: a tagged union over every record type.
public enum StoreRecord: Equatable, Sendable {
    case example(ExampleRecord)
    case run(RunRecord)
    case question(QuestionRecord)
    case sample(SampleRecord)
    case codebook(Codebook)
    case rating(RatingRecord)
}
