import Foundation
import Testing

/// `emscope import` on a terminal: a progress bar with rate and time left on stderr while the
/// file imports, then the summary, with the bar's line cleared.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct ImportProgressEndToEndTests {
    @Test func aLargeImportShowsABarWithRateAndTimeLeftThenTheSummary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("emscope-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("m__risky_financial__k4.csv").path
        var text = "question_id,question,answer,aligned,coherent\n"
        let rows = 120_000
        text.reserveCapacity(rows * 90)
        for i in 0..<rows {
            text += "q\(i % 50),Question \(i % 50)?,\"An answer, with a comma, number \(i).\",\(i % 100),\(50 + i % 50)\n"
        }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("s.sqlite").path

        // Through a shell that reports the exit status and waits, so the screen can be read
        // before tmux marks the pane dead (which scrolls it by a line).
        let emscope = try BuiltProduct.path(of: "emscope")
        let command = TmuxSession.shellCommand(emscope, ["import", "em-csv", csv, "--into", store])
            .dropFirst("exec ".count) + "; echo \"exit=$?\"; sleep 30"
        let tmux = try TmuxSession(binary: "/bin/sh", arguments: ["-c", String(command)], width: 100, height: 30)
        // While it runs: NAME [####.....]  NN%  N samples  N/s  ETA m:ss, on one line.
        let bar = #/^m__risky_financial__k4\.csv \[#*\.*\]\s+\d+%\s+\d+ samples\s+\d+/s\s+ETA \d+:\d\d$/#
        _ = try tmux.waitFor(timeout: .seconds(60)) { lines in lines.contains { $0.contains(bar) } }
        let after = try tmux.waitFor(timeout: .seconds(120)) { lines in lines.contains("exit=0") }
        // The summary names the file by its full path, so it may wrap: read the lines joined.
        #expect(after.joined().contains("added 1 runs, 50 questions, \(rows) samples, \(2 * rows) judgments"), "\(after)")
        #expect(!after.contains { $0.contains(bar) }, "the bar's line was not cleared: \(after)")
        #expect(after.filter { !$0.isEmpty }.count <= 3, "the bar left lines behind: \(after)")
    }
}
