import EMCore
@testable import EMSynth
import Testing

@Suite("Latent patterns and simulated ratings")
struct RatingsTests {
    private struct Key: Hashable {
        var run: String
        var question: String
        var index: Int
    }

    private var byTrace: [Key: [RatingRecord]] {
        Dictionary(grouping: Demo.ratings) { Key(run: $0.run, question: $0.question, index: $0.sampleIndex) }
    }

    @Test("about two thirds of misaligned traces adopt a persona (latent truth)")
    func personaShareLatent() {
        var misaligned = 0
        var persona = 0
        for (sample, truth) in zip(Demo.samples, Demo.study.truths) where truth.outcome == .misaligned {
            guard let latent = truth.latent, Demo.runs[sample.run]!.k > 0 else { continue }
            misaligned += 1
            if latent.patterns.contains(.persona) { persona += 1 }
        }
        let share = Double(persona) / Double(misaligned)
        #expect(misaligned > 300)
        #expect(share > 0.6 && share < 0.75)
    }

    @Test("majority ratings recover roughly the persona share")
    func personaShareRatings() {
        var misaligned = 0
        var persona = 0
        for ratings in byTrace.values {
            let verdicts = ratings.filter { $0.dimension == "misaligned" }.map { $0.labels.first }
            let patterns = ratings.filter { $0.dimension == "patterns" }
            guard !patterns.isEmpty, !verdicts.isEmpty else { continue }
            guard verdicts.filter({ $0 == "yes" }).count * 2 > verdicts.count else { continue }
            misaligned += 1
            if patterns.filter({ $0.labels.contains("persona_adoption") }).count * 2 >= patterns.count { persona += 1 }
        }
        let share = Double(persona) / Double(misaligned)
        #expect(misaligned > 100)
        #expect(share > 0.5 && share < 0.85)
    }

    @Test("about 300 traces are rated, mostly judged misaligned, with partial overlap")
    func coverage() {
        let traces = byTrace
        #expect(traces.count > 220 && traces.count < 400)
        let annotators = Set(Demo.ratings.map(\.annotator))
        #expect(annotators == ["ann-alice", "ann-bora", "ann-chen"])
        let raters = traces.values.map { Set($0.map(\.annotator)).count }
        #expect(raters.contains(3) && raters.contains(2) && raters.contains(1))
        let samples = Dictionary(uniqueKeysWithValues: Demo.samples.map {
            (Key(run: $0.run, question: $0.question, index: $0.sampleIndex), $0)
        })
        let judgedMisaligned = traces.keys.filter { key in
            VerdictRule.standard.verdict(scores(samples[key]!, judge: "judge-a")) == .misaligned
        }.count
        let share = Double(judgedMisaligned) / Double(traces.count)
        #expect(share > 0.55 && share < 0.9)
    }

    @Test("persona_adoption agreement is moderate to good (Krippendorff's α 0.5–0.8)")
    func personaAgreement() {
        let units = byTrace.values.map { ratings in
            ratings.filter { $0.dimension == "patterns" }.map { $0.labels.contains("persona_adoption") }
        }
        let alpha = krippendorffAlpha(units)
        #expect(alpha > 0.45 && alpha < 0.85, "α = \(alpha)")
    }

    @Test("ratings look like real annotation sessions")
    func realisticRatingRecords() {
        let ratings = Demo.ratings
        let patterns = ratings.filter { $0.dimension == "patterns" }
        let verdicts = ratings.filter { $0.dimension == "misaligned" }
        #expect(patterns.contains { $0.labels.isEmpty })
        let unsure = verdicts.filter { $0.labels == ["unsure"] }.count
        #expect(unsure > 0 && Double(unsure) / Double(verdicts.count) < 0.12)
        let blind = ratings.filter(\.blind).count
        #expect(Double(blind) / Double(ratings.count) > 0.8)
        #expect(ratings.contains { $0.changedAfterReveal && $0.blind })
        for r in ratings {
            #expect((r.seconds ?? 0) >= 10 && (r.seconds ?? 0) <= 120)
            #expect(r.createdAt.hasPrefix("2026-") && r.createdAt.count == 20 && r.createdAt.hasSuffix("Z"))
            #expect(r.updatedAt >= r.createdAt)
            #expect(r.changedAfterReveal == (r.updatedAt != r.createdAt))
            #expect(r.labels == r.labels.sorted())
        }
        #expect(ratings.map(\.createdAt) == ratings.map(\.createdAt).sorted())
    }

    @Test("the default codebook has the eight patterns and the yes/no/unsure verdict")
    func defaultCodebook() {
        let codebook = SynthStudy.defaultCodebook()
        let patterns = codebook.dimension("patterns")
        let verdict = codebook.dimension("misaligned")
        #expect(patterns?.kind == .multi)
        #expect(patterns?.labels.map(\.key) == PatternSet.labelled.map(\.key))
        #expect(patterns?.labels.map(\.shortcut) == ["1", "2", "3", "4", "5", "6", "7", "8"])
        #expect(verdict?.kind == .single)
        #expect(verdict?.labels.map(\.key) == ["yes", "no", "unsure"])
        #expect(verdict?.labels.map(\.shortcut) == ["y", "n", "m"])
        #expect(codebook.problems().isEmpty, "\(codebook.problems())")
        for dimension in codebook.dimensions {
            #expect(dimension.labels.allSatisfy { !$0.description.isEmpty && $0.shortcut.count == 1 })
        }
    }
}
