/// What an import added and what was already in the store, per record type.
public struct ImportSummary: Equatable, Sendable, Codable {
    /// Added and already-present counts for one record type.
    public struct Count: Equatable, Sendable, Codable {
        public var added = 0
        public var present = 0
        public init(added: Int = 0, present: Int = 0) {
            self.added = added
            self.present = present
        }
    }

    public var runs = Count()
    public var examples = Count()
    public var questions = Count()
    public var samples = Count()
    public var judgments = Count()
    public var codebooks = Count()
    public var ratings = Count()

    public init() {}

    /// Adds another file's counts.
    public mutating func add(_ other: ImportSummary) {
        for key in [\ImportSummary.runs, \.examples, \.questions, \.samples, \.judgments, \.codebooks, \.ratings] {
            self[keyPath: key].added += other[keyPath: key].added
            self[keyPath: key].present += other[keyPath: key].present
        }
    }

    /// One line for the terminal, e.g. `added 80 runs, 24 questions, 6912 samples …; already present: …`.
    public var line: String {
        let parts: [(String, Count)] = [("runs", runs), ("examples", examples), ("questions", questions),
                                        ("samples", samples), ("judgments", judgments), ("codebooks", codebooks),
                                        ("ratings", ratings)]
        let added = parts.filter { $0.1.added > 0 }.map { "\($0.1.added) \($0.0)" }
        let present = parts.filter { $0.1.present > 0 }.map { "\($0.1.present) \($0.0)" }
        var s = "added " + (added.isEmpty ? "nothing" : added.joined(separator: ", "))
        if !present.isEmpty { s += "; already present: " + present.joined(separator: ", ") }
        return s
    }
}

/// How far an import has got: samples written so far and, when known, the fraction of the input read.
public struct ImportProgress: Equatable, Sendable {
    public var samples: Int
    public var fraction: Double?
    public init(samples: Int, fraction: Double?) {
        self.samples = samples
        self.fraction = fraction
    }
}
