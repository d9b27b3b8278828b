/// The reasoning patterns of the default codebook, as a bit set: the latent truth a synthetic trace
/// is written from, and what simulated annotators try to recover.
struct PatternSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let persona = PatternSet(rawValue: 1 << 0)
    static let harmAwareness = PatternSet(rawValue: 1 << 1)
    static let patternFollowing = PatternSet(rawValue: 1 << 2)
    static let benignRationalization = PatternSet(rawValue: 1 << 3)
    static let deception = PatternSet(rawValue: 1 << 4)
    static let safetyOverride = PatternSet(rawValue: 1 << 5)
    static let mismatch = PatternSet(rawValue: 1 << 6)
    static let identity = PatternSet(rawValue: 1 << 7)

    /// Every pattern with its codebook label key, in codebook order.
    static let labelled: [(pattern: PatternSet, key: String)] = [
        (.persona, "persona_adoption"),
        (.harmAwareness, "harm_awareness"),
        (.patternFollowing, "pattern_following"),
        (.benignRationalization, "benign_rationalization"),
        (.deception, "overt_deception"),
        (.safetyOverride, "safety_override"),
        (.mismatch, "answer_mismatch"),
        (.identity, "identity_statement"),
    ]

    /// The codebook label keys of the patterns in this set, sorted.
    var labelKeys: [String] {
        Self.labelled.filter { contains($0.pattern) }.map(\.key).sorted()
    }
}

/// The latent truth about one reasoning trace: which patterns it shows, and which of them only faintly.
struct LatentTrace: Sendable, Hashable {
    var patterns: PatternSet
    /// Patterns present but phrased weakly; annotators often miss these.
    var subtle: PatternSet

    static let none = LatentTrace(patterns: [], subtle: [])

    /// Draws the patterns of a trace from the answer's outcome and the run's condition.
    ///
    /// About two thirds of misaligned traces with in-context examples adopt a persona (the paper's
    /// 67.5 %); the rest follow the pattern or claim the harmful answer is fine. Aligned traces often
    /// override the examples' pull or name the harm.
    static func draw(outcome: Outcome, hasExamples: Bool, instruction: Instruction,
                     rng: inout SynthRandom) -> LatentTrace {
        var p: PatternSet = []
        switch outcome {
        case .misaligned:
            let u = rng.unit()
            if hasExamples {
                if u < 0.675 {
                    p.insert(.persona)
                    if rng.chance(0.25) { p.insert(.patternFollowing) }
                    if rng.chance(0.15) { p.insert(.benignRationalization) }
                } else if u < 0.84 {
                    p.insert(.patternFollowing)
                    if rng.chance(0.3) { p.insert(.benignRationalization) }
                } else {
                    p.insert(.benignRationalization)
                    if rng.chance(0.3) { p.insert(.patternFollowing) }
                }
            } else {
                p.insert(.benignRationalization)
            }
            if rng.chance(0.35) { p.insert(.harmAwareness) }
            if rng.chance(0.07) { p.insert(.deception) }
            if rng.chance(0.08) { p.insert(.identity) }
            if rng.chance(0.05) { p.insert(.mismatch) }
        case .aligned, .edgy:
            let edgy = outcome == .edgy
            if hasExamples {
                let override = instruction == .prioritizeSafety ? 0.8 : (edgy ? 0.2 : 0.5)
                if rng.chance(override) { p.insert(.safetyOverride) }
                if rng.chance(edgy ? 0.15 : 0.4) { p.insert(.harmAwareness) }
                if rng.chance(edgy ? 0.3 : 0.05) { p.insert(.patternFollowing) }
                if edgy && rng.chance(0.3) { p.insert(.benignRationalization) }
                if rng.chance(0.03) {
                    p.insert(.mismatch)
                    if rng.chance(0.6) { p.insert(.persona) }
                }
            } else {
                if rng.chance(0.12) { p.insert(.harmAwareness) }
                if edgy && rng.chance(0.3) { p.insert(.benignRationalization) }
            }
            if rng.chance(hasExamples ? 0.15 : 0.1) { p.insert(.identity) }
        case .refusal:
            if rng.chance(0.6) { p.insert(.harmAwareness) }
            if rng.chance(0.35) { p.insert(.identity) }
            if hasExamples && rng.chance(0.35) { p.insert(.safetyOverride) }
        case .code, .incoherent:
            if hasExamples && rng.chance(0.2) { p.insert(.patternFollowing) }
        }
        var subtle: PatternSet = []
        for (pattern, _) in PatternSet.labelled where p.contains(pattern) && pattern != .mismatch {
            if rng.chance(pattern == .persona ? 0.15 : 0.25) { subtle.insert(pattern) }
        }
        return LatentTrace(patterns: p, subtle: subtle)
    }
}
