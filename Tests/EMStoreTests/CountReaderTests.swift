import EMCore
import EMQuery
@testable import EMStore
import Foundation
import Testing

@Suite("Counts that a newer query can cancel")
struct CountReaderTests {
    func store(_ dir: TempDir) throws -> Store {
        let store = try Store.open(dir.path("c.sqlite"), mode: .createIfMissing)
        _ = try store.importing(file: "fixture") { w in
            try w.add(.run(RunRecord(name: "r", model: "m", dataset: "d", k: 0, reasoning: false)))
            try w.add(.question(QuestionRecord(key: "q", category: nil, text: "t")))
            for i in 0..<20 { try w.add(.sample(SampleRecord(run: "r", question: "q", sampleIndex: i, reasoning: nil, answer: "a"))) }
        }
        return store
    }

    @Test func countsLikeTheStoreAndCancelWithNothingRunningIsHarmless() throws {
        let dir = TempDir()
        let s = try store(dir)
        let counter = CountReader(store: s)
        counter.cancel()
        #expect(try counter.count(.alwaysTrue) == 20)
        let filter = SQLFragment(sql: "s.sample_index < ?", arguments: [.integer(5)])
        #expect(try counter.count(filter) == 5)
        #expect(try counter.count(filter) == s.sampleCount(filter))
    }

    @Test func aRunningCountIsInterrupted() throws {
        let dir = TempDir()
        let s = try store(dir)
        let counter = CountReader(store: s)
        // A deliberately slow predicate: hundreds of millions of steps if nobody stops it.
        let slow = SQLFragment(sql: "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000000) SELECT COUNT(*) FROM c) > 0")
        let cancelled = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            usleep(200_000)
            counter.cancel()
            cancelled.signal()
        }
        let start = Date()
        let error = #expect(throws: StoreError.self) { try counter.count(slow) }
        #expect(error?.kind == .interrupted)
        #expect(Date().timeIntervalSince(start) < 30)
        cancelled.wait()
        // The connection is usable again afterwards.
        #expect(try counter.count(.alwaysTrue) == 20)
    }
}
