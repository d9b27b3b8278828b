import EMCore
import EMQuery
@testable import EMStore
import EMTestSupport
import Foundation
import Testing

@Suite("List pages: read from the end for the second half, same rows either way")
struct SamplePageTests {
    @Test func pagesFromTheEndEqualPagesFromTheStart() throws {
        let dir = TempDir()
        let store = try Store.open(dir.path("p.sqlite"), mode: .createIfMissing)
        _ = try store.importing(file: "fixture") { w in
            for m in ["m-b", "m-a"] { try w.add(.run(RunRecord(name: m, model: m, dataset: "d", k: m == "m-a" ? 64 : 0, reasoning: true))) }
            for q in 0..<7 { try w.add(.question(QuestionRecord(key: "q\(q)", category: nil, text: "t"))) }
            for i in 0..<140 {
                let score: Double? = i % 9 == 0 ? nil : Double((i * 37) % 100)
                try w.add(.sample(SampleRecord(run: i % 2 == 0 ? "m-a" : "m-b", question: "q\(i % 7)", sampleIndex: i / 14,
                                               reasoning: nil, answer: "a",
                                               judgments: [JudgmentRecord(judge: "j", metric: "aligned", score: score),
                                                           JudgmentRecord(judge: "j", metric: "coherent", score: 90)])))
            }
        }
        let context = BrowseContext(primaryJudge: "j")
        let filters: [SQLFragment] = [.alwaysTrue, SQLFragment(sql: "r.n_examples >= ?", arguments: [.integer(64)])]
        for filter in filters {
            let total = try store.sampleCount(filter)
            for order in SortKey.allCases {
                for descending in [false, true] {
                    let all = try store.samplePage(filter, order: order, descending: descending, offset: 0, limit: total,
                                                   context: context).map(\.id)
                    #expect(all.count == total)
                    for (offset, limit) in [(total - 10, 10), (total - 3, 10), (total / 2 + 1, 7), (total - 1, 1)] {
                        let fromEnd = try store.samplePage(filter, order: order, descending: descending, offset: offset,
                                                           limit: limit, total: total, context: context).map(\.id)
                        let expected = Array(all[offset..<min(total, offset + limit)])
                        #expect(fromEnd == expected, "\(order) desc=\(descending) offset=\(offset)")
                    }
                }
            }
        }
    }
}
