import EMCore
import Testing

@Suite("Disagreement ranking")
struct DisagreementTests {
    static func row(_ id: Int64) -> SampleRow {
        SampleRow(id: id, run: "r", model: "m", dataset: "d", k: 16, reasoning: true, instruction: "none", question: "q",
                  sampleIndex: 0, primary: nil, verdict: .unjudged, labelState: .unrated)
    }

    @Test func kindsAndOrder() {
        let ratings: [Int64: [DimensionRating]] = [
            // 1: annotators agree, and say misaligned; judge-a says aligned → people vs judge.
            1: [DimensionRating(annotator: "a", dimension: "misaligned", labels: ["yes"]),
                DimensionRating(annotator: "b", dimension: "misaligned", labels: ["yes"])],
            // 2: annotators split on patterns (3 sets) and tie on misaligned (no majority).
            2: [DimensionRating(annotator: "a", dimension: "patterns", labels: ["x"]),
                DimensionRating(annotator: "b", dimension: "patterns", labels: ["y"]),
                DimensionRating(annotator: "c", dimension: "patterns", labels: []),
                DimensionRating(annotator: "a", dimension: "misaligned", labels: ["yes"]),
                DimensionRating(annotator: "b", dimension: "misaligned", labels: ["no"])],
            // 3: everyone agrees with every judge.
            3: [DimensionRating(annotator: "a", dimension: "misaligned", labels: ["no"])],
        ]
        let aligned = JudgeScores(aligned: 90, coherent: 90), misaligned = JudgeScores(aligned: 10, coherent: 90)
        let scores: [String: [Int64: JudgeScores]] = [
            "judge-a": [1: aligned, 2: aligned, 3: aligned, 4: misaligned],
            "judge-b": [1: aligned, 2: aligned, 3: aligned, 4: aligned],
        ]
        let items = Disagreements.rank(rows: [1, 2, 3, 4].map(Self.row), ratings: ratings, scores: scores,
                                       judges: ["judge-a", "judge-b"], rule: .standard)
        #expect(items.map(\.row.id) == [2, 1, 4])
        #expect(items[0].kinds == [.annotators(dimension: "misaligned", sets: 2, raters: 2),
                                   .annotators(dimension: "patterns", sets: 3, raters: 3)])
        #expect(items[1].kinds == [.peopleVsJudge(judge: "judge-a", people: "misaligned", verdict: .aligned),
                                   .peopleVsJudge(judge: "judge-b", people: "misaligned", verdict: .aligned)])
        #expect(items[2].kinds == [.judges(["judge-a", "judge-b"], [.misaligned, .aligned])])
        #expect(items[2].kinds[0].summary == "judge-a misaligned ≠ judge-b aligned")
    }
}
