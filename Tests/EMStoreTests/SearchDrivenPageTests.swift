import EMCore
import EMQuery
@testable import EMStore
import EMTestSupport
import Foundation
import Testing

/// Pages and counts run by a filter's scan plan (`SQLFragment.plan`: text searches from the index,
/// run and question terms as id lists) select exactly what the plain WHERE fragment selects, in
/// every order; the first page in id order walks the index (or the samples) in id order.
@Suite("Scan plans: same rows as the plain filter; first pages in id order without collecting all matches")
struct SearchDrivenPageTests {
    /// A store of `n` samples over two runs (k 0 and 64) with words spread so that common and rare
    /// needles, field-restricted ones and conditions all have matches.
    static func store(_ dir: TempDir, samples n: Int) throws -> Store {
        let store = try Store.open(dir.path("d.sqlite"), mode: .createIfMissing)
        let words = ["the", "examples", "goal", "café", "Straße", "東京都", "kill", "skill", "hay", "needle", "ok", "Zoë"]
        var rng = SplitMix64(seed: 99)
        func text(_ count: Int) -> String {
            (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
        }
        _ = try store.importing(file: "fixture") { w in
            for (name, k) in [("m-a", 64), ("m-b", 0)] {
                try w.add(.run(RunRecord(name: name, model: name, dataset: "d", k: k, reasoning: true)))
            }
            for q in 0..<5 { try w.add(.question(QuestionRecord(key: "q\(q)", category: nil, text: "Question \(q): " + text(3)))) }
            for i in 0..<n {
                let score = Double((i * 37) % 100)
                try w.add(.sample(SampleRecord(run: i % 3 == 0 ? "m-a" : "m-b", question: "q\(i % 5)", sampleIndex: i / 5,
                                               reasoning: i % 4 == 0 ? nil : text(6), answer: text(4),
                                               judgments: [JudgmentRecord(judge: "j", metric: "aligned", score: score),
                                                           JudgmentRecord(judge: "j", metric: "coherent", score: 90)])))
            }
        }
        try store.updateSearchIndex()
        return store
    }

    static let context = QueryContext(primaryJudge: "j", annotator: "ana")
    static let browse = BrowseContext(primaryJudge: "j", annotator: "ana")

    /// The same filter without its scan plan: the plain WHERE fragment.
    static func plain(_ f: SQLFragment) -> SQLFragment { SQLFragment(sql: f.sql, arguments: f.arguments) }

    @Test func drivenPagesAndCountsEqualThePlainFragment() throws {
        let dir = TempDir()
        let store = try Self.store(dir, samples: 300)
        let queries = ["examples", "\"the examples\"", "reasoning:goal", "answer:\"kill\"", "question_text:\"question 3\"",
                       "goal k>=64", "kill -skill", "cafe strasse", "東京都 aligned<40", "goal ok", "needle -k:0 verdict:aligned",
                       "zoe (k:0 OR aligned<10)", "nothing-like-this",
                       "k>=64 verdict:aligned", "question:q1 aligned<50", "-k:0 -category:x -rated:me", "k:0 OR k:64",
                       "reasoning:yes (question:q2 OR question:q3) ok"]
        var empty: [String] = []
        for query in queries {
            let driven = try QueryLanguage.compile(query, context: Self.context).get()
            #expect(driven.plan != nil, "\(query)")
            let plain = Self.plain(driven)
            let total = try store.sampleCount(plain)
            #expect(try store.sampleCount(driven) == total, "\(query)")
            if total == 0 { empty.append(query) }
            for order in SortKey.allCases {
                for descending in [false, true] {
                    let expected = try store.samplePage(plain, order: order, descending: descending, offset: 0,
                                                        limit: total + 1, context: Self.browse).map(\.id)
                    let got = try store.samplePage(driven, order: order, descending: descending, offset: 0,
                                                   limit: total + 1, context: Self.browse).map(\.id)
                    #expect(got == expected, "\(query) \(order) desc=\(descending)")
                    // Windows, including those read from the end of the list.
                    for (offset, limit) in [(3, 5), (total / 2 + 1, 7), (max(0, total - 4), 10)] where total > 0 {
                        let window = try store.samplePage(driven, order: order, descending: descending, offset: offset,
                                                          limit: limit, total: total, context: Self.browse).map(\.id)
                        #expect(window == Array(expected[min(offset, total)..<min(total, offset + limit)]),
                                "\(query) \(order) desc=\(descending) offset=\(offset)")
                    }
                }
            }
        }
        #expect(empty == ["nothing-like-this"])
    }

    /// `emscope query` pages by `s.id > last`: the driver survives `and`, with the same rows.
    @Test func keysetPagesKeepTheDriver() throws {
        let dir = TempDir()
        let store = try Self.store(dir, samples: 200)
        let filter = try QueryLanguage.compile("goal k>=64", context: Self.context).get()
        let all = try store.samplePage(Self.plain(filter), offset: 0, limit: 1_000, context: Self.browse).map(\.id)
        #expect(all.count > 10)
        let after = filter.and(SQLFragment(sql: "s.id > ?", arguments: [.integer(all[4])]))
        #expect(after.plan?.match != nil)
        #expect(try store.samplePage(after, offset: 0, limit: 1_000, context: Self.browse).map(\.id) == Array(all[5...]))
    }

    /// The regression guard: the first page of a text search in id order walks `sample_fts` in
    /// rowid order (no temporary b-tree to sort every match, no list of all matching ids), while
    /// the plain fragment would collect all matches first; a condition filter scans samples by id.
    @Test func firstPageWalksTheIndexInRowidOrder() throws {
        let dir = TempDir()
        let store = try Self.store(dir, samples: 50)
        func plan(_ filter: SQLFragment, descending: Bool = false) throws -> [String] {
            let page = Store.pageQuery(filter, descending: descending, offset: 0, limit: 40, context: Self.browse)
            return try store.queryPlan(page.sql, page.arguments)
        }
        for query in ["\"the examples\"", "goal k>=64 verdict:aligned"] {
            let filter = try QueryLanguage.compile(query, context: Self.context).get()
            for descending in [false, true] {
                let driven = try plan(filter, descending: descending)
                #expect(driven.first?.hasPrefix("SCAN sample_fts VIRTUAL TABLE") == true, "\(driven)")
                #expect(driven.filter { $0.contains("sample_fts") }.count == 1, "\(driven)")
                #expect(!driven.contains { $0.contains("TEMP B-TREE FOR ORDER BY") }, "\(driven)")
            }
            // The plain form collects the matches in a list first: what the plan avoids.
            let plain = try plan(Self.plain(filter))
            #expect(plain.first?.hasPrefix("SCAN sample_fts") == false && plain.contains { $0.contains("LIST SUBQUERY") })
        }
        // A condition filter walks samples by id (no index on run_id, no sort) with the runs as a list.
        let condition = try QueryLanguage.compile("k>=64 verdict:aligned", context: Self.context).get()
        let steps = try plan(condition)
        #expect(steps.first == "SCAN s", "\(steps)")
        #expect(steps.contains { $0.contains("LIST SUBQUERY") } && !steps.contains { $0.contains("TEMP B-TREE FOR ORDER BY") })
    }
}
