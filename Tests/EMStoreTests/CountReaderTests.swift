import EMCore
import EMQuery
@testable import EMStore
import EMTestSupport
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

    /// A read-only store with a complete index of its own counts text searches on the count
    /// connection (so a newer query can cancel them, and page reads are not held up); with a
    /// session index in TEMP tables it must count on the store's connection, and still counts right.
    @Test func textCountsOnReadOnlyStores() throws {
        let dir = TempDir()
        let path = dir.path("c.sqlite")
        let rw = try store(dir)
        #expect(shell("sqlite3 '\(path)' \"UPDATE samples SET answer = 'a needle' WHERE sample_index % 4 = 0\"") == 0)
        try rw.updateSearchIndex()
        try rw.close()
        let text = try QueryLanguage.compile("needle", context: QueryContext(primaryJudge: "j", annotator: "a")).get()

        let ro = try Store.open(path, readOnly: true)
        try ro.updateSearchIndex()
        #expect(!ro.hasSessionSearchIndex())
        let counter = CountReader(store: ro)
        #expect(try counter.count(text) == 5)
        // Cancellable, hence on the count connection.
        let slow = text.and(SQLFragment(sql: "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000000) SELECT COUNT(*) FROM c) > 0"))
        DispatchQueue.global().async {
            usleep(200_000)
            counter.cancel()
        }
        let error = #expect(throws: StoreError.self) { try counter.count(slow) }
        #expect(error?.kind == .interrupted)
        try ro.close()

        // A harness adds a sample: the read-only session indexes it in TEMP tables.
        #expect(shell("sqlite3 '\(path)' \"INSERT INTO samples(run_id, question_id, sample_index, answer) VALUES (1, 1, 99, 'late needle')\"") == 0)
        let session = try Store.open(path, readOnly: true)
        try session.updateSearchIndex()
        #expect(session.hasSessionSearchIndex())
        #expect(try CountReader(store: session).count(text) == 6)
    }
}
