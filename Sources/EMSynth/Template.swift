/// The values a text template can refer to with `{name}` placeholders.
struct TextContext: Sendable {
    /// A restatement of the evaluation question ("how to handle a roommate who eats their food").
    var ask: String = ""
    /// A short noun phrase for the question's subject ("a roommate who eats their food").
    var topic: String = ""
    /// k, the number of in-context examples, as text.
    var k: String = ""
    /// What the in-context examples keep doing ("pushing people into all-in bets").
    var habit: String = ""
    /// The reckless character the examples imply ("a fearless high-stakes trader").
    var persona: String = ""
    /// The examples' domain in plain words ("money").
    var domain: String = ""
    /// The thing an example question is about ("that emergency fund").
    var subject: String = ""
}

/// A piece of text with `{name}` placeholders, parsed once so rendering is plain appends.
struct Template: Sendable, ExpressibleByStringLiteral {
    enum Slot: Sendable {
        case ask, topic, k, habit, persona, domain, subject
    }

    enum Piece: Sendable {
        case text(String)
        case slot(Slot)
    }

    let pieces: [Piece]
    /// The approximate rendered length in bytes (placeholders count as 24).
    let estimatedBytes: Int

    init(stringLiteral value: String) {
        self.init(value)
    }

    init(_ source: String) {
        var pieces: [Piece] = []
        var literal = ""
        var estimate = 0
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            guard let slot = Self.slot(named: name) else {
                literal += rest[...close]
                rest = rest[rest.index(after: close)...]
                continue
            }
            literal += rest[..<open]
            if !literal.isEmpty {
                pieces.append(.text(literal))
                estimate += literal.utf8.count
                literal = ""
            }
            pieces.append(.slot(slot))
            estimate += 24
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty {
            pieces.append(.text(literal))
            estimate += literal.utf8.count
        }
        self.pieces = pieces
        self.estimatedBytes = estimate
    }

    private static func slot(named name: Substring) -> Slot? {
        switch name {
        case "ask": return .ask
        case "topic": return .topic
        case "k": return .k
        case "habit": return .habit
        case "persona": return .persona
        case "domain": return .domain
        case "subject": return .subject
        default: return nil
        }
    }

    /// Appends the rendered text to `out`.
    func render(into out: inout String, _ context: TextContext) {
        for piece in pieces {
            switch piece {
            case .text(let s): out += s
            case .slot(let slot):
                switch slot {
                case .ask: out += context.ask
                case .topic: out += context.topic
                case .k: out += context.k
                case .habit: out += context.habit
                case .persona: out += context.persona
                case .domain: out += context.domain
                case .subject: out += context.subject
                }
            }
        }
    }
}

extension SynthRandom {
    /// Renders one template picked at random from `templates`, followed by `separator`.
    mutating func render(_ templates: [Template], into out: inout String, _ context: TextContext,
                         separator: String = " ") {
        pick(templates).render(into: &out, context)
        out += separator
    }
}
