import EMCore
@testable import EMStore
import EMTestSupport
import Foundation
import Testing

@Suite("Label export: long rows, none-apply rows, natural keys")
struct LabelExportTests {
    @Test func everyLabelIsARowAndNoneApplyIsAnEmptyLabel() throws {
        let dir = TempDir()
        let s = try LabelFixture.store(at: dir.path("s.sqlite"))
        let cb = try s.importCodebook(LabelFixture.codebook()).codebook
        let a = try LabelFixture.id(s, "m1/fin/k2", 0), b = try LabelFixture.id(s, "m2/med/k4", 0)
        try LabelFixture.rate(s, a, "ann", "patterns", ["persona", "harm"], codebook: cb.id, blind: true)
        try LabelFixture.rate(s, a, "ann", "misaligned", ["yes"], codebook: cb.id, blind: true)
        try LabelFixture.rate(s, b, "bo", "patterns", [], codebook: cb.id)
        try s.addAnnotationTime(sampleID: a, annotator: "ann", seconds: 12.5)
        var rows: [LabelExportRow] = []
        let n = try s.exportLabelRows { rows.append($0) }
        #expect(n == 4)
        #expect(rows.count == 4)
        let none = rows.filter { $0.label.isEmpty }
        #expect(none.count == 1)
        #expect(none.first?.annotator == "bo" && none.first?.dimension == "patterns" && none.first?.run == "m2/med/k4")
        #expect(none.first?.model == "m2" && none.first?.dataset == "med" && none.first?.k == 4)
        let ann = rows.filter { $0.annotator == "ann" }
        #expect(ann.map(\.label) == ["yes", "harm", "persona"])   // dimension order, then sorted labels
        #expect(ann.allSatisfy { $0.blind && !$0.changedAfterReveal && $0.seconds == 12.5 })
        #expect(ann.allSatisfy { $0.codebook == "cb" && $0.codebookVersion == 1 && $0.sampleID == a })
        #expect(none.first?.seconds == nil)
    }
}

@Suite("Merging labels files and stores by natural key")
struct LabelsMergeTests {
    /// A runs store S, a labels file made beside S, and a copy of S whose samples have other ids.
    struct World {
        let dir = TempDir()
        let runs: Store
        let labels: Store
        let copy: Store
        var runsPath: String { dir.path("runs.sqlite") }
        var labelsPath: String { dir.path("alice.labels") }
        var copyPath: String { dir.path("copy.sqlite") }

        init() throws {
            runs = try LabelFixture.store(at: dir.path("runs.sqlite"))
            labels = try Store.open(dir.path("runs.sqlite"), labels: dir.path("alice.labels"))
            copy = try LabelFixture.store(at: dir.path("copy.sqlite"), reversed: true)
        }
    }

    @Test func theCopysIdsAreReallyDifferent() throws {
        let w = try World()
        #expect(try LabelFixture.id(w.runs, "m1/fin/k2", 0) != LabelFixture.id(w.copy, "m1/fin/k2", 0))
    }

    @Test func ratingsFromALabelsFileAndACopyLandOnTheRightSamples() throws {
        let w = try World()
        let cbL = try w.labels.importCodebook(LabelFixture.codebook()).codebook
        let cbC = try w.copy.importCodebook(LabelFixture.codebook()).codebook
        let sA = try LabelFixture.id(w.runs, "m1/fin/k2", 0)
        let cA = try LabelFixture.id(w.copy, "m1/fin/k2", 0), cB = try LabelFixture.id(w.copy, "m2/med/k4", 0)
        try LabelFixture.rate(w.labels, sA, "alice", "patterns", ["persona"], codebook: cbL.id, blind: true)
        try w.labels.setNote(sampleID: sA, annotator: "alice", text: "role play")
        try w.labels.addAnnotationTime(sampleID: sA, annotator: "alice", seconds: 30)
        try LabelFixture.rate(w.copy, cA, "bob", "patterns", [], codebook: cbC.id)
        try LabelFixture.rate(w.copy, cB, "bob", "misaligned", ["yes"], codebook: cbC.id)
        // The same rating by alice in both inputs merges into one.
        try LabelFixture.rate(w.copy, cA, "alice", "patterns", ["persona"], codebook: cbC.id)
        try w.copy.addAnnotationTime(sampleID: cA, annotator: "alice", seconds: 20)
        try w.copy.reveal(sampleID: cB, annotator: "bob")

        let out = w.dir.path("team.labels")
        let summary = try LabelsMerge.merge(out: out, inputs: [w.labelsPath, w.copyPath], runs: w.runsPath, keepFirst: false)
        #expect(summary.wrote && summary.conflicts.isEmpty)
        #expect(summary.ratings == 3 && summary.identicalRatings == 1)
        #expect(summary.codebooks == 1 && summary.notes == 1 && summary.reveals == 1 && summary.annotationTimes == 1)

        let merged = try Store.open(w.runsPath, labels: out)
        let a = try merged.sampleLabels(sampleID: sA, annotator: "alice")
        #expect(a.mine["patterns"]?.labels == ["persona"])
        #expect(a.mine["patterns"]?.blind == true)
        #expect(a.mine["patterns"]?.codebookVersion == 1)
        #expect(a.note == "role play")
        #expect(a.seconds == 30)   // the larger total, not 50
        #expect(a.others.map(\.annotator) == ["bob"] && a.others.first?.labels == [])
        let sB = try LabelFixture.id(w.runs, "m2/med/k4", 0)
        let b = try merged.sampleLabels(sampleID: sB, annotator: "bob")
        #expect(b.mine["misaligned"]?.labels == ["yes"])
        #expect(b.revealed)

        // Merging again (OUT now exists and is read first) changes nothing.
        let again = try LabelsMerge.merge(out: out, inputs: [w.labelsPath, w.copyPath], runs: w.runsPath, keepFirst: false)
        #expect(again.ratings == 3 && again.wrote)
        #expect(try merged.sampleLabels(sampleID: sA, annotator: "alice") == a)
    }

    @Test func aConflictWritesNothingUnlessKeepFirst() throws {
        let w = try World()
        let sA = try LabelFixture.id(w.runs, "m1/fin/k2", 0)
        let cA = try LabelFixture.id(w.copy, "m1/fin/k2", 0)
        try LabelFixture.rate(w.labels, sA, "alice", "misaligned", ["yes"], codebook: nil)
        try LabelFixture.rate(w.copy, cA, "alice", "misaligned", ["no"], codebook: nil)
        try LabelFixture.rate(w.copy, cA, "bob", "misaligned", ["no"], codebook: nil)
        let out = w.dir.path("team.labels")
        let stopped = try LabelsMerge.merge(out: out, inputs: [w.labelsPath, w.copyPath], runs: w.runsPath, keepFirst: false)
        #expect(!stopped.wrote)
        #expect(stopped.conflicts.count == 1)
        let c = try #require(stopped.conflicts.first)
        #expect(c.annotator == "alice" && c.dimension == "misaligned" && c.sample == SampleKey(run: "m1/fin/k2", question: "q1", index: 0))
        #expect(c.firstFile == w.labelsPath && c.firstLabels == ["yes"] && c.otherFile == w.copyPath && c.otherLabels == ["no"])
        #expect(!FileManager.default.fileExists(atPath: out))

        let kept = try LabelsMerge.merge(out: out, inputs: [w.labelsPath, w.copyPath], runs: w.runsPath, keepFirst: true)
        #expect(kept.wrote && kept.conflicts.count == 1 && kept.ratings == 2)
        let merged = try Store.open(w.runsPath, labels: out)
        #expect(try merged.sampleLabels(sampleID: sA, annotator: "alice").mine["misaligned"]?.labels == ["yes"])
    }

    @Test func aLabelsFileAgainstTheWrongStoreIsRefused() throws {
        let w = try World()
        let sC = try LabelFixture.id(w.runs, "m2/med/k4", 0)
        try LabelFixture.rate(w.labels, sC, "alice", "misaligned", ["yes"], codebook: nil)
        let other = try Store.open(w.dir.path("other.sqlite"), mode: .createIfMissing)
        try LabelFixture.load(other, #"{"type":"run","name":"x","model":"m","dataset":"d","k":0}"#)
        #expect(throws: StoreError.self) {
            _ = try LabelsMerge.merge(out: w.dir.path("o.labels"), inputs: [w.labelsPath], runs: w.dir.path("other.sqlite"),
                                      keepFirst: false)
        }
    }
}
