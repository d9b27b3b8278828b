import EMCore

/// A reasoning trace picked for human rating, with the latent truth annotators try to recover.
struct RatedTrace: Sendable {
    var run: Int
    var question: Int
    var sampleIndex: Int
    var latent: LatentTrace
    var outcome: Outcome
    /// The first judge's verdict was `misaligned`.
    var judgedMisaligned: Bool
    var traceBytes: Int
}

/// A simulated annotator: how reliably and how fast they label, and their habits.
struct AnnotatorProfile: Sendable {
    var name: String
    /// Probability of rating any given picked trace.
    var coverage: Double
    /// Probability of applying a label the trace clearly shows.
    var sensitivity: Double
    /// Probability of applying a label the trace shows only faintly.
    var faintSensitivity: Double
    /// Probability of applying a label the trace does not show (before confusions).
    var falsePositive: Double
    /// Extra false-positive probability for `harm_awareness`, a label this annotator over-uses or not.
    var harmBias: Double
    /// Probability of skimming and recording "none apply".
    var lapse: Double
    /// Probability of answering `unsure` on the misaligned dimension.
    var unsure: Double
    /// Probability of a correct yes/no on the misaligned dimension.
    var verdictAccuracy: Double
    /// Seconds-per-sample multiplier.
    var pace: Double
    /// The first working day (2026-02-dd) and the hour sessions start.
    var firstDay: Int
    var startHour: Int

    static let all: [AnnotatorProfile] = [
        AnnotatorProfile(name: "ann-alice", coverage: 0.92, sensitivity: 0.93, faintSensitivity: 0.6,
                         falsePositive: 0.03, harmBias: 0, lapse: 0.015, unsure: 0.02, verdictAccuracy: 0.95,
                         pace: 1.0, firstDay: 2, startHour: 9),
        AnnotatorProfile(name: "ann-bora", coverage: 0.8, sensitivity: 0.95, faintSensitivity: 0.7,
                         falsePositive: 0.07, harmBias: 0.12, lapse: 0.01, unsure: 0.05, verdictAccuracy: 0.92,
                         pace: 0.7, firstDay: 3, startHour: 13),
        AnnotatorProfile(name: "ann-chen", coverage: 0.65, sensitivity: 0.9, faintSensitivity: 0.5,
                         falsePositive: 0.02, harmBias: -0.01, lapse: 0.04, unsure: 0.03, verdictAccuracy: 0.93,
                         pace: 1.3, firstDay: 4, startHour: 10),
    ]
}

/// Turns the picked traces into rating records: each annotator's labels on both codebook dimensions,
/// derived from the latent patterns with that annotator's noise, timed on a simulated clock.
enum Annotators {
    static func ratings(for traces: [RatedTrace], plan: StudyPlan) -> [RatingRecord] {
        let profiles = AnnotatorProfile.all
        // Who rates which trace: by coverage, and at least one annotator per trace.
        var assigned: [[Int]] = Array(repeating: [], count: profiles.count)
        for (t, _) in traces.enumerated() {
            var rng = SynthRandom(seed: plan.seed, 30, UInt64(t))
            var any = false
            var picks = Array(repeating: false, count: profiles.count)
            for a in profiles.indices where rng.chance(profiles[a].coverage) {
                picks[a] = true
                any = true
            }
            if !any { picks[rng.below(profiles.count)] = true }
            for a in profiles.indices where picks[a] { assigned[a].append(t) }
        }

        var records: [RatingRecord] = []
        for (a, profile) in profiles.enumerated() {
            var order = assigned[a]
            var orderRNG = SynthRandom(seed: plan.seed, 32, UInt64(a))
            orderRNG.shuffle(&order)
            var clock = Timestamps.epochSeconds(year: 2026, month: 2, day: profile.firstDay, hour: profile.startHour)
            var day = profile.firstDay
            var sessionLeft = orderRNG.int(25, 60)
            for t in order {
                let trace = traces[t]
                var rng = SynthRandom(seed: plan.seed, 31, UInt64(a), UInt64(t))
                let seconds = roundTenth(min(120, max(10, (8 + Double(trace.traceBytes) / 70) * profile.pace
                    * rng.uniform(0.6, 1.4))))
                let run = plan.runs[trace.run].name
                let question = plan.questions[trace.question].key

                let patterns = patternLabels(trace, profile, &rng)
                let blind = rng.chance(0.9)
                let patternsChanged = blind && rng.chance(0.02)
                let savedPatterns = clock + Int(seconds * 0.75)
                let patternsCreated = Timestamps.iso(savedPatterns)
                let patternsUpdated = patternsChanged ? Timestamps.iso(savedPatterns + Int(seconds) + rng.int(20, 200))
                    : patternsCreated
                records.append(RatingRecord(
                    run: run, question: question, sampleIndex: trace.sampleIndex, annotator: profile.name,
                    dimension: "patterns", labels: patterns, codebook: SynthStudy.codebookName,
                    codebookVersion: SynthStudy.codebookVersion, blind: blind, changedAfterReveal: patternsChanged,
                    seconds: seconds, createdAt: patternsCreated, updatedAt: patternsUpdated))

                if rng.chance(0.96) {
                    var verdict = verdictLabel(trace, profile, &rng)
                    var changed = false
                    if !blind && rng.chance(0.5) {
                        verdict = trace.judgedMisaligned ? "yes" : "no"
                    } else if blind && rng.chance(0.04) {
                        verdict = trace.judgedMisaligned ? "yes" : "no"
                        changed = true
                    }
                    let saved = clock + Int(seconds)
                    let created = Timestamps.iso(saved)
                    records.append(RatingRecord(
                        run: run, question: question, sampleIndex: trace.sampleIndex, annotator: profile.name,
                        dimension: "misaligned", labels: [verdict], codebook: SynthStudy.codebookName,
                        codebookVersion: SynthStudy.codebookVersion, blind: blind, changedAfterReveal: changed,
                        seconds: seconds, createdAt: created,
                        updatedAt: changed ? Timestamps.iso(saved + rng.int(15, 240)) : created))
                }

                clock += Int(seconds) + rng.int(4, 40)
                sessionLeft -= 1
                if sessionLeft == 0 {
                    day += 1
                    clock = Timestamps.epochSeconds(year: 2026, month: 2, day: 1, hour: profile.startHour)
                        + (day - 1) * 86_400 + rng.below(1_800)
                    sessionLeft = rng.int(25, 60)
                }
            }
        }
        records.sort { l, r in
            if l.createdAt != r.createdAt { return l.createdAt < r.createdAt }
            if l.annotator != r.annotator { return l.annotator < r.annotator }
            return l.dimension > r.dimension   // "patterns" before "misaligned" at the same second
        }
        return records
    }

    /// The annotator's label set on the `patterns` dimension.
    static func patternLabels(_ trace: RatedTrace, _ a: AnnotatorProfile, _ rng: inout SynthRandom) -> [String] {
        if rng.chance(a.lapse) { return [] }
        let truth = trace.latent.patterns
        var labels: [String] = []
        for (pattern, key) in PatternSet.labelled {
            let p: Double
            if truth.contains(pattern) {
                p = trace.latent.subtle.contains(pattern) ? a.faintSensitivity : a.sensitivity
            } else {
                var fp = a.falsePositive
                switch pattern {
                case .persona where truth.contains(.patternFollowing): fp += 0.12
                case .patternFollowing where truth.contains(.persona): fp += 0.08
                case .harmAwareness where truth.contains(.safetyOverride): fp += 0.15
                case .benignRationalization where trace.outcome == .misaligned: fp += 0.05
                case .mismatch: fp *= 0.3
                case .deception: fp *= 0.5
                default: break
                }
                if pattern == .harmAwareness { fp += a.harmBias }
                p = max(0, fp)
            }
            if rng.chance(p) { labels.append(key) }
        }
        return labels.sorted()
    }

    /// The annotator's `misaligned` verdict (yes / no / unsure).
    static func verdictLabel(_ trace: RatedTrace, _ a: AnnotatorProfile, _ rng: inout SynthRandom) -> String {
        var unsure = a.unsure
        if trace.outcome == .edgy || trace.outcome == .incoherent { unsure += 0.2 }
        if trace.outcome == .misaligned && !trace.judgedMisaligned { unsure += 0.1 }
        if rng.chance(unsure) { return "unsure" }
        let truth = trace.outcome == .misaligned || (trace.outcome == .edgy && rng.chance(0.35))
        let correct = rng.chance(a.verdictAccuracy)
        return (truth == correct) ? "yes" : "no"
    }
}
