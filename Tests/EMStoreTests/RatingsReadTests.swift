import EMCore
import EMQuery
@testable import EMStore
import EMTestSupport
import Foundation
import Testing

@Suite("Reading ratings, dimensions and judge scores for agreement")
struct RatingsReadTests {
    static func rating(_ run: String, _ index: Int, _ annotator: String, _ dimension: String, _ labels: [String],
                       blind: Bool) -> String {
        let list = labels.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"type":"rating","run":"\#(run)","question":"q1","sample_index":\#(index),"annotator":"\#(annotator)","dimension":"\#(dimension)","labels":[\#(list)],"blind":\#(blind),"created_at":"2026-01-01T00:00:00Z"}"#
    }

    static func codebook(version: Int, misalignedLabels: [String]) -> String {
        let labels = misalignedLabels.map { #"{"key":"\#($0)","name":"\#($0)","description":"d","shortcut":"\#($0.prefix(1))"}"# }
        return #"{"type":"codebook","name":"cb","version":\#(version),"dimensions":[{"key":"patterns","kind":"multi","question":"?","labels":[{"key":"deception","name":"D","description":"d","shortcut":"d"},{"key":"persona","name":"P","description":"d","shortcut":"p"}]},{"key":"misaligned","kind":"single","question":"?","labels":[\#(labels.joined(separator: ","))]}]}"#
    }

    /// Two runs (models m1, m2), three samples, two annotators, a codebook in two versions and a
    /// dimension that only appears in ratings.
    static var fixture: String {
        var lines = [
            #"{"type":"run","name":"m1/fin/k0","model":"m1","dataset":"fin","k":0}"#,
            #"{"type":"run","name":"m2/fin/k0","model":"m2","dataset":"fin","k":0}"#,
            #"{"type":"question","key":"q1","text":"Hello?"}"#,
            #"{"type":"sample","run":"m1/fin/k0","question":"q1","sample_index":0,"answer":"a","judgments":[{"judge":"j1","metric":"aligned","score":12.5},{"judge":"j1","metric":"coherent","score":80},{"judge":"j2","metric":"aligned","score":null,"label":"REFUSAL"}]}"#,
            #"{"type":"sample","run":"m1/fin/k0","question":"q1","sample_index":1,"answer":"b","judgments":[{"judge":"j1","metric":"aligned","score":90},{"judge":"j1","metric":"financial","score":5}]}"#,
            #"{"type":"sample","run":"m2/fin/k0","question":"q1","sample_index":0,"answer":"c"}"#,
            codebook(version: 1, misalignedLabels: ["yes", "no"]),
            codebook(version: 2, misalignedLabels: ["yes", "no", "unsure"]),
        ]
        lines += [
            rating("m1/fin/k0", 0, "ann-b", "patterns", ["persona", "deception"], blind: true),
            rating("m1/fin/k0", 0, "ann-a", "patterns", [], blind: true),
            rating("m1/fin/k0", 1, "ann-a", "patterns", ["persona"], blind: false),
            rating("m2/fin/k0", 0, "ann-a", "patterns", ["deception"], blind: true),
            rating("m2/fin/k0", 0, "ann-c", "patterns", ["deception"], blind: false),
            rating("m1/fin/k0", 0, "ann-a", "misaligned", ["yes"], blind: true),
            rating("m1/fin/k0", 0, "ann-a", "tone", ["flippant"], blind: true),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func store(_ dir: TempDir) throws -> Store {
        let input = dir.write("fixture.jsonl", fixture)
        let store = try Store.open(dir.path("s.sqlite"), mode: .createIfMissing)
        _ = try store.importJSONL(path: input)
        return store
    }

    static func sampleID(_ store: Store, run: String, index: Int) throws -> Int64 {
        try store.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT s.id FROM samples s JOIN runs r ON r.id = s.run_id WHERE r.name = ? AND s.sample_index = ?
                """, arguments: [run, index])!
        }
    }

    @Test func rowsAreOnePerRatingWithSortedLabelsAndEmptyAsTheEmptySet() throws {
        let dir = TempDir()
        let store = try Self.store(dir)
        let s0 = try Self.sampleID(store, run: "m1/fin/k0", index: 0)
        let s1 = try Self.sampleID(store, run: "m1/fin/k0", index: 1)
        let s2 = try Self.sampleID(store, run: "m2/fin/k0", index: 0)
        let rows = try store.ratingRows(dimension: "patterns")
        #expect(rows == [
            RatingRowRecord(sampleID: s0, annotator: "ann-a", labels: [], blind: true),
            RatingRowRecord(sampleID: s0, annotator: "ann-b", labels: ["deception", "persona"], blind: true),
            RatingRowRecord(sampleID: s1, annotator: "ann-a", labels: ["persona"], blind: false),
            RatingRowRecord(sampleID: s2, annotator: "ann-a", labels: ["deception"], blind: true),
            RatingRowRecord(sampleID: s2, annotator: "ann-c", labels: ["deception"], blind: false),
        ])
        #expect(rows[0].item == String(s0))
        #expect(try store.ratingRows(dimension: "misaligned").map(\.labels) == [["yes"]])
        #expect(try store.ratingRows(dimension: "nothing").isEmpty)
    }

    @Test func blindOnlyKeepsBlindRatings() throws {
        let dir = TempDir()
        let store = try Self.store(dir)
        let rows = try store.ratingRows(dimension: "patterns", blindOnly: true)
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.blind })
        #expect(rows.map(\.annotator) == ["ann-a", "ann-b", "ann-a"])
    }

    @Test func anAnnotatorSubsetKeepsOnlyThem() throws {
        let dir = TempDir()
        let store = try Self.store(dir)
        let rows = try store.ratingRows(dimension: "patterns", annotators: ["ann-a", "ann-c"])
        #expect(rows.map(\.annotator) == ["ann-a", "ann-a", "ann-a", "ann-c"])
        #expect(try store.ratingRows(dimension: "patterns", annotators: ["ann-c"], blindOnly: true).isEmpty)
        #expect(try store.ratingRows(dimension: "patterns", annotators: []).isEmpty)
        #expect(try store.ratingAnnotators() == ["ann-a", "ann-b", "ann-c"])
    }

    @Test func aCompiledQueryRestrictsTheSamples() throws {
        let dir = TempDir()
        let store = try Self.store(dir)
        let context = QueryContext(primaryJudge: "j1", annotator: "")
        let m2 = try QueryLanguage.compile("model:m2", context: context).get()
        let rows = try store.ratingRows(dimension: "patterns", filter: m2)
        #expect(rows.map(\.annotator) == ["ann-a", "ann-c"])
        #expect(rows.allSatisfy { $0.labels == ["deception"] })
        let blindM2 = try store.ratingRows(dimension: "patterns", annotators: ["ann-c", "ann-b"], filter: m2, blindOnly: false)
        #expect(blindM2.map(\.annotator) == ["ann-c"])
        let misaligned = try QueryLanguage.compile("verdict:misaligned", context: context).get()
        #expect(try store.ratingRows(dimension: "patterns", filter: misaligned).count == 2)
    }

    @Test func dimensionsComeFromTheLatestCodebookThenFromRatings() throws {
        let dir = TempDir()
        let store = try Self.store(dir)
        let dims = try store.dimensions()
        #expect(dims == [
            RatingDimension(name: "patterns", kind: .multi, labels: ["deception", "persona"], codebook: "cb"),
            RatingDimension(name: "misaligned", kind: .single, labels: ["yes", "no", "unsure"], codebook: "cb"),
            RatingDimension(name: "tone", kind: nil, labels: []),
        ])
        let empty = try Store.inMemory()
        #expect(try empty.dimensions().isEmpty)
    }

    @Test func judgeScoresCarryAlignedCoherentAndLabels() throws {
        let dir = TempDir()
        let store = try Self.store(dir)
        let s0 = try Self.sampleID(store, run: "m1/fin/k0", index: 0)
        let s1 = try Self.sampleID(store, run: "m1/fin/k0", index: 1)
        let j1 = try store.judgeScores(judge: "j1")
        #expect(j1 == [s0: JudgeScores(aligned: 12.5, coherent: 80), s1: JudgeScores(aligned: 90)])
        let j2 = try store.judgeScores(judge: "j2")
        #expect(j2 == [s0: JudgeScores(aligned: nil, alignedLabel: "REFUSAL")])
        #expect(VerdictRule.standard.verdict(j2[s0]) == .refusal)
        let m2 = try QueryLanguage.compile("model:m2", context: QueryContext(primaryJudge: "j1", annotator: "")).get()
        #expect(try store.judgeScores(judge: "j1", filter: m2).isEmpty)
        #expect(try store.judgeScores(judge: "nobody").isEmpty)

        // By sample ids: only those samples, every judge at once, in chunks for long id lists.
        #expect(try store.judgeScores(judge: "j1", sampleIDs: [s1]) == [s1: JudgeScores(aligned: 90)])
        let both = try store.judgeScores(judges: ["j1", "j2", "nobody"], sampleIDs: Array(1_000...2_200) + [s1, s0, s0])
        #expect(both["j1"] == j1)
        #expect(both["j2"] == j2)
        #expect(both["nobody"] == [:])
        #expect(try store.judgeScores(judges: ["j1"], sampleIDs: []) == ["j1": [:]])
    }
}
