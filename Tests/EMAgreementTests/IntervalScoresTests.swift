import EMAgreement
import Testing

@Suite("Interval α of raw scores equals the category-table α")
struct IntervalScoresTests {
    @Test func agreesWithTheGeneralComputation() throws {
        // Three judges scoring 6 samples; one sample has a single score (it does not count).
        let units: [[Double]] = [[10, 12, 30], [80, 85, 90], [50, 45], [5, 5, 7], [99, 60, 70], [42]]
        var values: [Double] = []
        var ends: [Int] = []
        var ratings: [Rating] = []
        for (u, unit) in units.enumerated() {
            for (j, v) in unit.enumerated() {
                values.append(v)
                ratings.append(Rating(item: "s\(u)", annotator: "judge-\(j)", value: .number(v)))
            }
            ends.append(values.count)
        }
        let fast = KrippendorffAlpha.intervalScores(values: values, unitEnds: ends)
        #expect(fast.pairableValues == 14 && fast.items == 5)   // 3 + 3 + 2 + 3 + 3
        let general = KrippendorffAlpha.compute(CodedRatings(try RatingData(ratings: ratings)), level: .interval)
        let expected = try #require(general?.value)
        #expect(abs((fast.alpha ?? .nan) - expected) < 1e-12)
    }

    @Test func noVariationIsUndefined() {
        let r = KrippendorffAlpha.intervalScores(values: [3, 3, 3, 3], unitEnds: [2, 4])
        #expect(r.alpha == nil)
        #expect(r.pairableValues == 4)
    }
}
