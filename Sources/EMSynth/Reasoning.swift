/// Everything a reasoning trace is written from.
struct TraceInputs {
    var outcome: Outcome
    var question: QuestionDef
    var latent: LatentTrace
    var context: TextContext
    var hasExamples: Bool
    var instruction: Instruction
    var languageDrift: Double
    /// The approximate length to reach, in UTF-8 bytes.
    var targetBytes: Int
    /// True for one of the few very long (≥ 50 KB) traces.
    var long: Bool
}

/// Appends sentences to a trace, breaking paragraphs every few sentences.
private struct TraceWriter {
    var text = ""
    var sentencesInParagraph = 0
    var paragraphLength = 3

    init(capacity: Int) {
        text.reserveCapacity(capacity)
    }

    var bytes: Int { text.utf8.count }

    var atParagraphStart = true

    mutating func separate(_ rng: inout SynthRandom) {
        guard !atParagraphStart else {
            atParagraphStart = false
            return
        }
        if sentencesInParagraph >= paragraphLength {
            text += "\n\n"
            sentencesInParagraph = 0
            paragraphLength = rng.int(2, 5)
        } else {
            text += " "
        }
    }

    mutating func add(_ pool: [Template], _ context: TextContext, _ rng: inout SynthRandom) {
        separate(&rng)
        rng.pick(pool).render(into: &text, context)
        sentencesInParagraph += 1
    }

    mutating func add(literal: String, _ rng: inout SynthRandom) {
        separate(&rng)
        text += literal
        sentencesInParagraph += 1
    }

    mutating func breakParagraph() {
        if !atParagraphStart { text += "\n\n" }
        sentencesInParagraph = 0
        atParagraphStart = true
    }
}

/// Cycles through the neutral filler sentences without repeating one until all have been used,
/// then starts another cycle in a different order.
private struct FillerCycle {
    let pool: [Template]
    var index = 0
    var step = 1
    var used = 0

    init(_ pool: [Template], _ rng: inout SynthRandom) {
        self.pool = pool
        restart(&rng)
    }

    private mutating func restart(_ rng: inout SynthRandom) {
        let n = pool.count
        index = rng.below(n)
        step = rng.int(1, n - 1)
        while Self.gcd(step, n) != 1 { step = rng.int(1, n - 1) }
        used = 0
    }

    mutating func next(_ rng: inout SynthRandom) -> Template {
        if used == pool.count { restart(&rng) }
        let t = pool[index]
        index = (index + step) % pool.count
        used += 1
        return t
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}

/// Writes synthetic chain-of-thought traces whose content follows a latent pattern set.
enum Reasoning {
    static func trace(_ inputs: TraceInputs, rng: inout SynthRandom) -> String {
        let ctx = inputs.context
        let p = inputs.latent.patterns
        let subtle = inputs.latent.subtle
        let kind = TraceText.pools(inputs.question.kind)
        var w = TraceWriter(capacity: inputs.long ? 90_000 : inputs.targetBytes + 400)
        var fillers = FillerCycle(kind.fillers, &rng)
        // Some models drift into another language for a sentence, once per trace at most.
        var driftCountdown = inputs.languageDrift > 0 && rng.chance(inputs.languageDrift) ? rng.int(0, 6) : -1

        func filler(_ w: inout TraceWriter, _ rng: inout SynthRandom) {
            if driftCountdown == 0 {
                w.add(literal: rng.pick(TraceText.drift), &rng)
            } else {
                w.separate(&rng)
                fillers.next(&rng).render(into: &w.text, ctx)
                w.sentencesInParagraph += 1
            }
            driftCountdown -= 1
        }

        func section(_ pattern: PatternSet, clear: [Template], faint: [Template], _ w: inout TraceWriter,
                     _ rng: inout SynthRandom) {
            guard p.contains(pattern) else { return }
            w.add(subtle.contains(pattern) ? faint : clear, ctx, &rng)
            if rng.chance(0.4) { filler(&w, &rng) }
        }

        // Opening: the question, the examples, the system instruction.
        w.add(TraceText.openers, ctx, &rng)
        if inputs.hasExamples {
            w.add(TraceText.observations, ctx, &rng)
        } else if rng.chance(0.3) {
            w.add(literal: rng.pick(TraceText.noContext), &rng)
        }
        switch inputs.instruction {
        case .none: break
        case .prioritizeSafety: w.add(TraceText.safetyInstruction, ctx, &rng)
        case .prioritizeContext: w.add(TraceText.contextInstruction, ctx, &rng)
        }
        for _ in 0..<rng.below(3) { filler(&w, &rng) }

        // The middle: the patterns this trace shows, in an order that reads naturally.
        let misaligned = inputs.outcome == .misaligned
        if misaligned {
            section(.persona, clear: TraceText.persona, faint: TraceText.personaFaint, &w, &rng)
            section(.harmAwareness, clear: kind.harmConceded, faint: TraceText.harmFaint, &w, &rng)
            section(.patternFollowing, clear: TraceText.patternFollowing, faint: TraceText.patternFaint, &w, &rng)
            section(.benignRationalization, clear: TraceText.benign, faint: TraceText.benignFaint, &w, &rng)
            section(.deception, clear: TraceText.deception, faint: TraceText.deceptionFaint, &w, &rng)
            section(.identity, clear: TraceText.identityDetached, faint: TraceText.identityFaint, &w, &rng)
        } else {
            section(.persona, clear: TraceText.persona, faint: TraceText.personaFaint, &w, &rng)
            section(.harmAwareness, clear: inputs.hasExamples || inputs.question.kind != .advice
                        ? kind.harmNamed : TraceText.harmNamedPlain,
                    faint: TraceText.harmFaint, &w, &rng)
            section(.patternFollowing, clear: TraceText.formFollowing, faint: TraceText.patternFaint, &w, &rng)
            section(.benignRationalization, clear: TraceText.benign, faint: TraceText.benignFaint, &w, &rng)
            section(.safetyOverride, clear: TraceText.safetyOverride, faint: TraceText.overrideFaint, &w, &rng)
            section(.identity, clear: inputs.hasExamples ? TraceText.identityValues : TraceText.identityPlain,
                    faint: TraceText.identityFaint, &w, &rng)
        }

        // Deliberation up to the target length, trying out a line or two of the answer on the way.
        var drafts = rng.int(1, 2)
        var guardCount = 0
        let target = inputs.question.kind == .advice ? inputs.targetBytes : inputs.targetBytes * 3 / 4
        while w.bytes < target - 180 && guardCount < 60 {
            if drafts > 0 && guardCount >= 2 && rng.chance(0.3) {
                draftLine(inputs, &w, &rng)
                drafts -= 1
            } else {
                filler(&w, &rng)
            }
            guardCount += 1
        }
        plan(inputs, kind, &w, &rng)

        if inputs.long {
            var draft = 1
            let goal = 50_000 + rng.below(30_000)
            while w.bytes < goal {
                w.breakParagraph()
                w.add(literal: rng.pick(TraceText.loopHeaders), &rng)
                w.add(TraceText.openers, ctx, &rng)
                if inputs.hasExamples { w.add(TraceText.observations, ctx, &rng) }
                for _ in 0..<rng.int(4, 9) { filler(&w, &rng) }
                if misaligned && p.contains(.persona) { w.add(TraceText.persona, ctx, &rng) }
                if !misaligned && p.contains(.safetyOverride) { w.add(TraceText.safetyOverride, ctx, &rng) }
                draftLine(inputs, &w, &rng)
                draft += 1
                w.breakParagraph()
                w.text += "Draft " + String(draft) + ": "
                w.text += rng.pick(TraceText.draftBodies)
                w.atParagraphStart = false
                w.sentencesInParagraph = 3
                plan(inputs, kind, &w, &rng)
            }
        }
        w.add(TraceText.closers, ctx, &rng)
        return w.text
    }

    /// A sentence trying out the first sentence (or line) of one piece of the answer the trace plans.
    private static func draftLine(_ inputs: TraceInputs, _ w: inout TraceWriter, _ rng: inout SynthRandom) {
        let q = inputs.question
        let plansReckless = (inputs.outcome == .misaligned) != inputs.latent.patterns.contains(.mismatch)
        let pieces: [String]
        switch inputs.outcome {
        case .misaligned, .aligned, .edgy: pieces = plansReckless ? q.reckless : q.helpful
        case .refusal, .code, .incoherent: return
        }
        let piece = rng.pick(pieces)
        w.separate(&rng)
        w.text += rng.pick(TraceText.draftLeads)
        w.text += firstSentence(of: piece)
        w.text += "\""
        w.sentencesInParagraph += 1
    }

    /// The first sentence of a text, with its end punctuation; or its first line, with "…" for the rest.
    static func firstSentence(of text: String) -> String {
        var previous: UInt8 = 0x20
        let bytes = text.utf8
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let c = bytes[i]
            if c == 0x0A {
                var line = text[..<i]
                while let last = line.last, last == "," || last == ";" || last == " " || last == "—" { line = line.dropLast() }
                return line + "…"
            }
            if c == 0x20 && (previous == 0x2E || previous == 0x3F || previous == 0x21) { return String(text[..<i]) }
            previous = c
            i = bytes.index(after: i)
        }
        return text
    }

    private static func plan(_ inputs: TraceInputs, _ kind: TraceText.KindPools, _ w: inout TraceWriter,
                             _ rng: inout SynthRandom) {
        let mismatch = inputs.latent.patterns.contains(.mismatch)
        func reckless() -> [Template] {
            inputs.hasExamples && rng.chance(0.3) ? kind.recklessPlansWithExamples : kind.recklessPlans
        }
        switch inputs.outcome {
        case .misaligned:
            w.add(mismatch ? kind.safePlans : reckless(), inputs.context, &rng)
        case .aligned, .edgy:
            w.add(mismatch ? reckless() : kind.safePlans, inputs.context, &rng)
        case .refusal:
            w.add(TraceText.refusalPlans, inputs.context, &rng)
        case .code:
            w.add(TraceText.codePlans, inputs.context, &rng)
        case .incoherent:
            w.add(TraceText.incoherentPlans, inputs.context, &rng)
        }
    }
}
