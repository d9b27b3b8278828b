import EMCore
@testable import EMCLI
@testable import EMStore
import EMTUI
import EMTestSupport
import Foundation
import GRDB
import Testing

/// What the explorer does when a write cannot happen: a full disk, another program holding the
/// write lock for a long time, a read-only store. Each is a status-bar message naming the store,
/// the screen never shows as saved what the store does not hold, nothing earlier is lost, and the
/// same key works once the condition is gone. The rows of docs/reliability.md's second table are
/// what these tests observed.
@Suite("Store conditions while labelling", .serialized)
struct StoreConditionTests {
    static func mine(_ path: String, _ id: Int64) throws -> [String] {
        try LabellingFlowTests.stored(path, "SELECT dimension || '=' || labels FROM ratings WHERE annotator = 'tess' AND sample_id = \(id) ORDER BY dimension")
    }

    /// What the Labels section shows as the annotator's own labels of the shown sample.
    static func shown(_ rt: Runtime) -> [String] {
        (rt.state.labelling?.labels?.mine ?? [:]).values.map { "\($0.dimension)=\($0.labels.sorted().joined(separator: "|"))" }.sorted()
    }

    static func status(_ rt: Runtime, _ path: String) -> String {
        (rt.state.status?.text ?? "").replacingOccurrences(of: path, with: "STORE")
    }

    /// A full disk, simulated with `PRAGMA max_page_count` on the store's writer connection: SQLite
    /// then fails any write that needs a new page with SQLITE_FULL, exactly as it does when the
    /// file system has no room (a tmpfs of a few pages would need mount rights the tests do not
    /// have). The annotator labels sample after sample until the "disk" fills up.
    @Test func aFullDiskFailsTheWriteSaysSoAndLosesNothing() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let store = try Store.open(path)
        let (rt, _) = try LabellingFlowTests.session(store, annotate: true)
        let pages = try store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
        try store.writer.writeWithoutTransaction { db in _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages)") }
        var saved = 0
        var failure: String?
        for _ in 0..<300 {
            let id = try #require(rt.state.detail.sample?.id)
            for key in ["1", "y"] {
                LabellingFlowTests.press(rt, key)
                if rt.state.status?.kind == .error { failure = Self.status(rt, path); break }
                saved += 1
            }
            // The screen shows what the store holds, failed or not.
            #expect(try Self.mine(path, id) == Self.shown(rt))
            if failure != nil { break }
            LabellingFlowTests.press(rt, ">")
        }
        let message = try #require(failure, "the disk never filled up")
        #expect(message.contains("disk is full") && message.contains("STORE"), "\(message)")
        #expect(!message.contains("\n"))
        #expect(try LabellingFlowTests.stored(path, "SELECT COUNT(*) FROM ratings WHERE annotator = 'tess'") == ["\(saved)"])
        #expect(try LabellingFlowTests.stored(path, "PRAGMA integrity_check") == ["ok"])
        // Room again: the same key saves.
        try store.writer.writeWithoutTransaction { db in _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = 1073741823") }
        let id = try #require(rt.state.detail.sample?.id)
        LabellingFlowTests.press(rt, "y")
        #expect(rt.state.status?.kind != .error)
        #expect(try Self.mine(path, id).contains("misaligned=yes"))
        ConditionRows.shared.add("disk full while a label is written (simulated: `PRAGMA max_page_count`)",
                                 "the status bar says `\(message)`; the label is not shown as set; earlier labels are all in the store; the same key works once there is room")
    }

    /// Another program (the sqlite3 shell) holds `BEGIN EXCLUSIVE` on the store. A label write waits
    /// for the busy timeout (10 s; 1 s here), then fails with one line; once the lock is released the
    /// same key saves.
    @Test func aStoreLockedByAnotherWriterSaysSoAndRecovers() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let store = try Store.open(path, busyTimeout: 1)
        let (rt, _) = try LabellingFlowTests.session(store)
        let id = try #require(rt.state.detail.sample?.id)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["sqlite3", path]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE;\nINSERT INTO notes VALUES (1, 'holder', 'x', 'now');\n".utf8))
        // Wait until the shell holds the lock: its note is then visible to no one but it.
        usleep(300_000)
        // Reading still works (WAL readers are not blocked by a writer).
        #expect((try? store.sampleCount()) == 300)
        let started = Date()
        LabellingFlowTests.press(rt, "1")
        let waited = Date().timeIntervalSince(started)
        let message = Self.status(rt, path)
        #expect(rt.state.status?.kind == .error)
        #expect(message.contains("locked by another program") && message.contains("STORE"), "\(message)")
        #expect(waited >= 0.9)
        #expect(Self.shown(rt).isEmpty)
        input.fileHandleForWriting.closeFile()   // the shell ends; its transaction rolls back
        holder.waitUntilExit()
        LabellingFlowTests.press(rt, "1")
        #expect(rt.state.status?.kind != .error, "\(Self.status(rt, path))")
        #expect(try Self.mine(path, id) == ["patterns=persona_adoption"])
        #expect(try LabellingFlowTests.stored(path, "SELECT COUNT(*) FROM notes WHERE annotator = 'holder'") == ["0"])
        ConditionRows.shared.add("another program holds the write lock (`sqlite3` in `BEGIN EXCLUSIVE`)",
                                 "browsing goes on (WAL readers are not blocked); a label write waits up to 10 s, then the status bar says `\(message)` and nothing is shown as saved; the same key works once the lock is released")
    }

    @Test func aReadOnlyStoreRefusesLabelsInOneLine() throws {
        let dir = TempDir()
        let path = try LabellingFlowTests.makeStore(dir)
        let (rt, _) = try LabellingFlowTests.session(try Store.open(path, readOnly: true))
        LabellingFlowTests.press(rt, "1")
        let message = Self.status(rt, path)
        #expect(rt.state.status?.kind == .error && message.contains("read-only"))
        #expect(Self.shown(rt).isEmpty)
        let cli = try emscope(["annotate", path, "--read-only", "--annotator", "x"])
        #expect(cli.status != 0)
        ConditionRows.shared.add("read-only store (`--read-only`, or a file the user cannot write)",
                                 "browsing works; a label key says `\(message)`")
    }
}

/// Collects the rows of the store-conditions table and checks them against docs/reliability.md
/// when all three tests have added theirs.
final class ConditionRows: @unchecked Sendable {
    static let shared = ConditionRows()
    private let lock = NSLock()
    private var rows: [String: String] = [:]

    func add(_ condition: String, _ outcome: String) {
        lock.lock()
        rows[condition] = "| \(condition) | \(outcome) |"
        let all = rows.count == 3 ? rows.keys.sorted().map { rows[$0]! } : nil
        lock.unlock()
        if let all { DocSection.check(section: "store-conditions", rows: all) }
    }
}

/// A generated table in docs/reliability.md (see `Tests/EndToEndTests/BadStoreTests.swift`).
enum DocSection {
    static func check(section: String, rows: [String]) {
        let path = packageRoot.appendingPathComponent("docs/reliability.md").path
        let begin = "<!-- BEGIN \(section) -->\n", end = "<!-- END \(section) -->"
        guard var doc = try? String(contentsOfFile: path, encoding: .utf8), let b = doc.range(of: begin),
              let e = doc.range(of: end, range: b.upperBound..<doc.endIndex) else {
            Issue.record("docs/reliability.md has no section \(section)")
            return
        }
        let current = String(doc[b.upperBound..<e.lowerBound])
        let header = current.split(separator: "\n", omittingEmptySubsequences: false).prefix(2).joined(separator: "\n") + "\n"
        let wanted = header + rows.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["EMSCOPE_WRITE_RELIABILITY_DOC"] == "1" {
            doc.replaceSubrange(b.upperBound..<e.lowerBound, with: wanted)
            try? doc.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == wanted, "docs/reliability.md (\(section)) differs from what the tests observed; rerun with EMSCOPE_WRITE_RELIABILITY_DOC=1:\n\(wanted)")
    }
}
