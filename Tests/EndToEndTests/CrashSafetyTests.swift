import EMCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif


/// Reads `rated N/` off the status bar, or nil.
func ratedShown(_ screen: [String]) -> Int? {
    guard let line = screen.last, let range = line.range(of: "rated ") else { return nil }
    return Int(line[range.upperBound...].prefix { $0.isNumber })
}

/// SIGKILL at seeded random moments of a labelling session, 50 times on one store: every rating
/// the screen had shown as saved is in the store afterwards, and the store passes its integrity check.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct KillNineTests {
    @Test func fiftyRandomKillsLoseNothingShownAsSaved() throws {
        let (dir, path) = try LabellingEndToEndTests.store()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let binary = try BuiltProduct.path(of: "emscope")
        var rng = SplitMix64(seed: 2026)
        var stored = 0
        for round in 1...50 {
            let tmux = try TmuxSession(binary: binary, arguments: ["annotate", path, "--annotator", "kim"], width: 120, height: 40)
            defer { tmux.kill() }
            _ = try tmux.waitFor(timeout: .seconds(10)) { ratedShown($0) == stored }
            // Rate one to four samples without waiting, and die somewhere in the middle.
            for _ in 0..<Int.random(in: 1...4, using: &rng) { try tmux.sendKeys("1", "y", ">") }
            usleep(UInt32.random(in: 0...250_000, using: &rng))
            let shown = ratedShown(try tmux.capture()) ?? stored
            let pid = try #require(try tmux.processID())
            #expect(kill(pid, SIGKILL) == 0)
            #expect(try tmux.waitForExit(timeout: .seconds(10)).signal == SIGKILL)

            #expect(try LabellingEndToEndTests.sql(path, "PRAGMA integrity_check") == "ok", "round \(round)")
            let now = Int(try LabellingEndToEndTests.sql(path, "SELECT COUNT(DISTINCT sample_id) FROM ratings WHERE annotator = 'kim'")) ?? -1
            #expect(now >= shown, "round \(round): the screen showed rated \(shown), the store has \(now)")
            #expect(now >= stored, "round \(round): ratings disappeared")
            // Each rating is whole: a known label, never a partial value.
            #expect(try LabellingEndToEndTests.sql(path, """
                SELECT COUNT(*) FROM ratings WHERE annotator = 'kim'
                  AND NOT ((dimension = 'patterns' AND labels = 'persona_adoption') OR (dimension = 'misaligned' AND labels = 'yes'))
                """) == "0", "round \(round)")
            stored = now
        }
        #expect(stored > 50)
    }
}

/// Several annotators' processes on one store at the same time.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct ConcurrentAnnotatorsTests {
    /// How long the four annotators label: `EMSCOPE_ANNOTATORS_SECONDS` (default 8; see docs/reliability.md).
    static var seconds: Int { Int(ProcessInfo.processInfo.environment["EMSCOPE_ANNOTATORS_SECONDS"] ?? "") ?? 8 }

    @Test func fourAnnotatorsLabelOneStoreAtOnce() throws {
        let (dir, path) = try LabellingEndToEndTests.store()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let binary = try BuiltProduct.path(of: "emscope")
        let names = ["an1", "an2", "an3", "an4"]
        let sessions = try names.map {
            try TmuxSession(binary: binary, arguments: ["annotate", path, "--annotator", $0], width: 120, height: 40)
        }
        defer { sessions.forEach { $0.kill() } }
        for s in sessions { _ = try s.waitFor(text: "rated 0/300", timeout: .seconds(10)) }
        var rated = [Int](repeating: 0, count: names.count)
        var lockSeen: [String] = []
        let deadline = ContinuousClock.now + .seconds(Self.seconds)
        while ContinuousClock.now < deadline, rated.allSatisfy({ $0 < 290 }) {
            // Every annotator types before any waits, so the four writes overlap.
            for s in sessions { try s.sendKeys("1", "y") }
            for (i, s) in sessions.enumerated() {
                let screen = try s.waitFor(timeout: .seconds(15)) { ratedShown($0) == rated[i] + 1 }
                if screen.joined().contains("locked") { lockSeen.append(names[i]) }
                rated[i] += 1
                try s.sendKeys(">")
                _ = try s.waitFor(timeout: .seconds(15)) { $0.contains { $0.contains("Labels  not rated") } }
            }
        }
        for s in sessions { try s.sendKeys("q") }
        for s in sessions { #expect(try s.waitForExit(timeout: .seconds(10)).code == 0) }
        #expect(lockSeen.isEmpty, "a lock error was shown to \(lockSeen)")
        for (i, name) in names.enumerated() {
            #expect(try LabellingEndToEndTests.sql(path, "SELECT COUNT(*) FROM ratings WHERE annotator = '\(name)'") == "\(2 * rated[i])")
        }
        #expect(try LabellingEndToEndTests.sql(path, "PRAGMA integrity_check") == "ok")
        print("four annotators, \(Self.seconds) s: \(rated) samples rated each, \(2 * rated.reduce(0, +)) ratings, none lost")
    }
}

/// SIGINT, SIGTERM and SIGHUP on every screen give the terminal back (alternate screen left,
/// cursor visible) and leave no half-written change; Ctrl-Z and fg suspend and redraw.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct SignalTests {
    static let screens: [(name: String, keys: [String], shows: String)] = [
        ("list", [], "rated "),
        ("zoom", ["Tab", "Enter"], "▾ Prompt"),
        ("help", ["?"], "emscope keys"),
        ("filter bar", ["f", "m", "o"], "filter› mo"),
        ("labelling", ["1", "y"], "misaligned: yes"),
    ]

    @Test func terminationSignalsOnEveryScreenRestoreTheTerminal() throws {
        let (dir, path) = try LabellingEndToEndTests.store()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let binary = try BuiltProduct.path(of: "emscope")
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            for screen in Self.screens {
                let what = "\(screen.name) / signal \(signal)"
                let before = try LabellingEndToEndTests.sql(path, "SELECT COUNT(*) FROM ratings WHERE annotator = 'sig'")
                // Run from an interactive shell: tmux's cursor flag is only meaningful while the pane lives.
                let shell = try #require(ChildProcess.findExecutable(named: "bash"))
                let tmux = try TmuxSession(binary: shell, arguments: ["--norc", "--noprofile", "-i"],
                                           environment: ["PS1": "READY$ "], width: 120, height: 40)
                defer { tmux.kill() }
                _ = try tmux.waitFor(text: "READY$")
                try tmux.sendLiteral("'\(binary)' annotate '\(path)' --annotator sig")
                try tmux.sendKeys("Enter")
                _ = try tmux.waitFor(text: "rated", timeout: .seconds(10))
                #expect(try tmux.displayMessage("#{alternate_on}") == "1", "\(what): not on the alternate screen")
                if !screen.keys.isEmpty { try tmux.sendKeys(screen.keys) }
                _ = try tmux.waitFor(text: screen.shows, timeout: .seconds(10))
                let shellPID = try #require(try tmux.processID())
                let pgrep = try #require(ChildProcess.findExecutable(named: "pgrep"))
                let children = try ChildProcess.run(pgrep, ["-P", "\(shellPID)"], environment: [:]).standardOutput
                let pid = try #require(children.split(separator: "\n").first.flatMap { pid_t($0) })
                #expect(kill(pid, signal) == 0)
                // The shell's prompt is back (bash ends a command line whose job died of SIGINT).
                _ = try tmux.waitFor(timeout: .seconds(10)) { $0.last { !$0.isEmpty }?.hasPrefix("READY$") == true }
                #expect(try tmux.displayMessage("#{alternate_on}") == "0", "\(what): still on the alternate screen")
                #expect(try tmux.displayMessage("#{cursor_flag}") == "1", "\(what): the cursor is hidden")
                #expect(try tmux.displayMessage("#{mouse_any_flag}") == "0", "\(what): mouse reporting left on")
                #expect(try LabellingEndToEndTests.sql(path, "PRAGMA integrity_check") == "ok", "\(what)")
                let after = try LabellingEndToEndTests.sql(path, "SELECT COUNT(*) FROM ratings WHERE annotator = 'sig'")
                if screen.name == "labelling" {
                    // Both labels were shown as saved before the signal: both are stored.
                    #expect(Int(after) == Int(before)! + 2, "\(what): \(before) → \(after)")
                } else {
                    #expect(after == before, "\(what)")
                }
            }
        }
    }

    @Test func ctrlZSuspendsAndFgRedraws() throws {
        let (dir, path) = try LabellingEndToEndTests.store()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let binary = try BuiltProduct.path(of: "emscope")
        let shell = try #require(ChildProcess.findExecutable(named: "bash"))
        let tmux = try TmuxSession(binary: shell, arguments: ["--norc", "--noprofile", "-i"],
                                   environment: ["PS1": "READY$ "], width: 120, height: 40)
        defer { tmux.kill() }
        _ = try tmux.waitFor(text: "READY$")
        try tmux.sendLiteral("'\(binary)' '\(path)'")
        try tmux.sendKeys("Enter")
        _ = try tmux.waitFor(text: "300 samples", timeout: .seconds(10))
        try tmux.sendKeys("j", "j")
        _ = try tmux.waitFor(text: "3 / 300")
        try tmux.sendKeys("C-z")
        var screen = try tmux.waitFor(timeout: .seconds(5)) { $0.joined().contains("Stopped") }
        #expect(try tmux.displayMessage("#{alternate_on}") == "0")
        #expect(try tmux.displayMessage("#{cursor_flag}") == "1")
        try tmux.sendLiteral("fg")
        try tmux.sendKeys("Enter")
        screen = try tmux.waitFor(timeout: .seconds(5)) { $0.contains { $0.contains("3 / 300") } && $0[0].contains("emscope") }
        #expect(try tmux.displayMessage("#{alternate_on}") == "1")
        #expect(!screen.joined().contains("Stopped"))
        // Still alive and responsive after the resume.
        try tmux.sendKeys("j")
        _ = try tmux.waitFor(text: "4 / 300")
        try tmux.sendKeys("q")
        _ = try tmux.waitFor(text: "READY$")
    }
}
