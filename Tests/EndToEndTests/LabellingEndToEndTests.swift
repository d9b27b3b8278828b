import Foundation
import Testing

/// Labelling with the real binary in tmux: labels survive `kill -9`, and two annotators' processes
/// write to one store at the same time.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct LabellingEndToEndTests {
    /// A fresh folder with a 300-sample synthetic store (it carries the persona codebook).
    static func store() throws -> (dir: String, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-label-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/runs.sqlite"
        let r = try ChildProcess.run(try BuiltProduct.path(of: "emscope"), ["synth", "--samples", "300", "--out", path],
                                     environment: ["PATH": "/usr/bin:/bin"])
        #expect(r.exit.succeeded, "\(r.standardError)")
        return (dir, path)
    }

    static func sql(_ path: String, _ query: String) throws -> String {
        let sqlite = try #require(ChildProcess.findExecutable(named: "sqlite3"))
        let r = try ChildProcess.run(sqlite, [path, query], environment: [:])
        #expect(r.exit.succeeded, "\(r.standardError)")
        return r.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Rates the shown sample (a pattern and the verdict), waits until the status bar's progress
    /// says it is stored, then goes to the next unrated sample.
    static func rateOne(_ tmux: TmuxSession, expecting rated: Int) throws {
        try tmux.sendKeys("1", "y")
        try waitSaved(tmux, rated: rated)
        try next(tmux)
    }

    /// The Labels header shows what the store returned after the commit; the progress counts the store.
    static func waitSaved(_ tmux: TmuxSession, rated: Int) throws {
        _ = try tmux.waitFor(timeout: .seconds(10)) { screen in
            screen.contains { $0.contains("Labels  patterns: persona_adoption · misaligned: yes") }
                && screen.last?.contains("rated \(rated)/") == true
        }
    }

    static func next(_ tmux: TmuxSession) throws {
        try tmux.sendKeys(">")
        _ = try tmux.waitFor(timeout: .seconds(10)) { $0.contains { $0.contains("Labels  not rated") } }
    }

    @Test func everyLabelShownAsSavedSurvivesKillNine() throws {
        let (dir, path) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tmux = try TmuxSession(binary: try BuiltProduct.path(of: "emscope"),
                                   arguments: ["annotate", path, "--annotator", "kim"], width: 120, height: 40)
        defer { tmux.kill() }
        _ = try tmux.waitFor(text: "rated 0/300", timeout: .seconds(10))
        let shown = 12
        for n in 1...shown { try Self.rateOne(tmux, expecting: n) }
        // Keys in flight when the process dies: they may or may not be saved, never half-saved.
        try tmux.sendKeys("1", "y", "0")
        let pid = try #require(try tmux.processID())
        #expect(kill(pid, SIGKILL) == 0)
        let exit = try tmux.waitForExit(timeout: .seconds(10))
        #expect(exit.signal == SIGKILL)

        #expect(try Self.sql(path, "PRAGMA integrity_check") == "ok")
        let rated = Int(try Self.sql(path, "SELECT COUNT(DISTINCT sample_id) FROM ratings WHERE annotator = 'kim'")) ?? -1
        #expect(rated >= shown && rated <= shown + 1)
        let complete = Int(try Self.sql(path, """
            SELECT COUNT(*) FROM (SELECT sample_id FROM ratings WHERE annotator = 'kim' GROUP BY sample_id
                                  HAVING SUM(dimension = 'misaligned' AND labels = 'yes') = 1
                                     AND SUM(dimension = 'patterns' AND labels = 'persona_adoption') = 1)
            """)) ?? -1
        #expect(complete >= shown)
    }

    @Test func twoAnnotatorsLabelOneStoreAtOnce() throws {
        let (dir, path) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let binary = try BuiltProduct.path(of: "emscope")
        let first = try TmuxSession(binary: binary, arguments: ["annotate", path, "--annotator", "ann"], width: 120, height: 40)
        defer { first.kill() }
        let second = try TmuxSession(binary: binary, arguments: ["annotate", path, "--annotator", "ben"], width: 120, height: 40)
        defer { second.kill() }
        _ = try first.waitFor(text: "rated 0/300", timeout: .seconds(10))
        _ = try second.waitFor(text: "rated 0/300", timeout: .seconds(10))
        let rounds = 10
        for n in 1...rounds {
            // Both type before either waits: their writes overlap.
            try first.sendKeys("1", "y")
            try second.sendKeys("1", "y")
            for tmux in [first, second] {
                try Self.waitSaved(tmux, rated: n)
                #expect(!(try tmux.capture()).joined().contains("locked"))
                try Self.next(tmux)
            }
        }
        try first.sendKeys("q")
        try second.sendKeys("q")
        _ = try first.waitForExit(timeout: .seconds(10))
        _ = try second.waitForExit(timeout: .seconds(10))
        for annotator in ["ann", "ben"] {
            #expect(try Self.sql(path, "SELECT COUNT(*) FROM ratings WHERE annotator = '\(annotator)'") == "\(2 * rounds)")
        }
        // Both annotators rated the same samples (the queue starts from the same place): each
        // sample holds both, side by side, and neither overwrote the other.
        #expect(try Self.sql(path, """
            SELECT COUNT(*) FROM (SELECT sample_id FROM ratings WHERE annotator IN ('ann', 'ben') GROUP BY sample_id
                                  HAVING COUNT(DISTINCT annotator) = 2)
            """) == "\(rounds)")
        #expect(try Self.sql(path, "PRAGMA integrity_check") == "ok")
    }
}
