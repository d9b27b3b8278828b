import EMCore
@testable import EMStore
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
