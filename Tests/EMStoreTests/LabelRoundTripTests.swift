import EMCore
@testable import EMStore
import EMTestSupport
import Foundation
import GRDB
import Testing

/// Stores with labels for the export, round-trip and merge tests.
enum LabelFixture {
    static let samples = [("m1/fin/k2", 0), ("m1/fin/k2", 1), ("m2/med/k4", 0)]

    /// Two runs, a question, three samples; `reversed` writes the samples in the opposite order, so
    /// the same sample gets a different id (as in a copy imported in another order).
    static func jsonl(reversed: Bool = false) -> String {
        var lines = [
            #"{"type":"run","name":"m1/fin/k2","model":"m1","dataset":"fin","k":2}"#,
            #"{"type":"run","name":"m2/med/k4","model":"m2","dataset":"med","k":4}"#,
            #"{"type":"question","key":"q1","text":"Hello?"}"#,
        ]
        let s = samples.map { #"{"type":"sample","run":"\#($0.0)","question":"q1","sample_index":\#($0.1),"answer":"a"}"# }
        lines += reversed ? s.reversed() : s
        return lines.joined(separator: "\n")
    }

    static func codebook(description: String = "v1") -> Codebook {
        Codebook(name: "cb", version: 1, description: description, dimensions: [
            CodebookDimension(key: "patterns", kind: .multi, question: "Which?", labels: [
                CodebookLabel(key: "persona", name: "Persona", description: "d", shortcut: "1"),
                CodebookLabel(key: "harm", name: "Harm", description: "d", shortcut: "2"),
            ]),
            CodebookDimension(key: "misaligned", kind: .single, question: "Misaligned?", labels: [
                CodebookLabel(key: "yes", name: "Yes", description: "d", shortcut: "y"),
                CodebookLabel(key: "no", name: "No", description: "d", shortcut: "n"),
            ]),
        ])
    }

    static func load(_ store: Store, _ text: String) throws {
        _ = try store.importing(file: "fixture") { w in
            try JSONLCodec().forEachRecord(in: text) { try w.add($0) }
        }
    }

    static func store(at path: String, reversed: Bool = false) throws -> Store {
        let s = try Store.open(path, mode: .createIfMissing)
        try load(s, jsonl(reversed: reversed))
        return s
    }

    /// The id of a fixture sample in a store.
    static func id(_ store: Store, _ run: String, _ index: Int) throws -> Int64 {
        let id = try store.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT s.id FROM samples s JOIN runs r ON r.id = s.run_id WHERE r.name = ? AND s.sample_index = ?
                """, arguments: [run, index])
        }
        guard let id else { throw StoreError(.badInput, file: store.path, problem: "no sample \(run) \(index)", remedy: "") }
        return id
    }

    static func rate(_ store: Store, _ id: Int64, _ annotator: String, _ dimension: String, _ labels: [String],
                     codebook: Int64?, blind: Bool = false) throws {
        try store.setRating(RatingChange(sampleID: id, annotator: annotator, dimension: dimension, labels: labels,
                                         codebookID: codebook, blindSession: blind))
    }
}

@Suite("Native JSONL carries ratings' blind, changed-after-reveal and codebook version")
struct LabelRoundTripTests {
    @Test func exportThenImportKeepsEveryRatingsFlagsAndCodebookVersion() throws {
        let dir = TempDir()
        let s = try LabelFixture.store(at: dir.path("a.sqlite"))
        // Two stored versions whose definitions both say `version: 1` (edited without bumping).
        let v1 = try s.importCodebook(LabelFixture.codebook()).codebook
        let v2 = try s.importCodebook(LabelFixture.codebook(description: "v1, clarified")).codebook
        #expect(v1.version == 1 && v2.version == 2)
        let a = try LabelFixture.id(s, "m1/fin/k2", 0), b = try LabelFixture.id(s, "m1/fin/k2", 1)
        // Blind, then revealed and changed: blind stays, changed_after_reveal is set.
        try LabelFixture.rate(s, a, "ann", "misaligned", ["yes"], codebook: v1.id, blind: true)
        try s.reveal(sampleID: a, annotator: "ann")
        try LabelFixture.rate(s, a, "ann", "misaligned", ["no"], codebook: v1.id, blind: true)
        try LabelFixture.rate(s, a, "ann", "patterns", [], codebook: v1.id, blind: true)
        try LabelFixture.rate(s, b, "bo", "patterns", ["harm"], codebook: v2.id)
        let before = try ratings(s)
        #expect(before.contains { $0.dimension == "misaligned" && $0.blind && $0.changedAfterReveal && $0.codebookVersion == 1 })
        #expect(before.contains { $0.annotator == "bo" && $0.codebookVersion == 2 })

        var lines: [String] = []
        let codec = JSONLCodec()
        try s.exportRecords { lines.append(try codec.encode($0)) }
        let t = try Store.open(dir.path("b.sqlite"), mode: .createIfMissing)
        try LabelFixture.load(t, lines.joined(separator: "\n"))
        #expect(try ratings(t) == before)
        #expect(try t.codebookVersions(name: "cb").map(\.ratings) == [2, 1])
    }

    /// Every rating as (sample key, annotator, dimension, labels, blind, changed, codebook version).
    func ratings(_ s: Store) throws -> [DimensionRating] {
        var out: [DimensionRating] = []
        for (run, index) in LabelFixture.samples {
            let id = try LabelFixture.id(s, run, index)
            for who in ["ann", "bo"] {
                let l = try s.sampleLabels(sampleID: id, annotator: who)
                out += l.mine.values.sorted { $0.dimension < $1.dimension }
            }
        }
        return out
    }
}
