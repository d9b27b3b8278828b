import EMCore
import EMStore
import Foundation
import Testing

/// The real binary in tmux, read off the screen.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct ExplorerEndToEndTests {
    /// A small store made with `emscope synth`.
    static func syntheticStore(_ dir: String, samples: Int = 300) throws -> String {
        let path = dir + "/e2e.sqlite"
        if !FileManager.default.fileExists(atPath: path) {
            let store = try Store.createForBulkLoad(path + ".tmp")
            _ = try store.importing(file: path) { w in
                try w.add(.codebook(Codebook(name: "cb", version: 1, dimensions: [])))
                try w.add(.run(RunRecord(name: "m/fin/k16", model: "model-x", dataset: "risky_financial", k: 16, reasoning: true)))
                for q in 0..<10 {
                    try w.add(.question(QuestionRecord(key: "\(q)_other_\(q)", category: "other", text: "Question number \(q)?")))
                }
                for i in 0..<samples {
                    let aligned = Double((i * 37) % 100)
                    try w.add(.sample(SampleRecord(
                        run: "m/fin/k16", question: "\(i % 10)_other_\(i % 10)", sampleIndex: i / 10,
                        reasoning: (1...60).map { "Reasoning line \($0) of sample \(i)." }.joined(separator: "\n"),
                        answer: "Answer \(i): 中文 and 😀 here.",
                        judgments: [JudgmentRecord(judge: "judge-a", metric: "aligned", score: aligned, rationale: "why \(i)"),
                                    JudgmentRecord(judge: "judge-a", metric: "coherent", score: 90)])))
                }
            }
            try store.close()
            try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
        }
        return path
    }

    @Test func navigateHelpZoomResizeQuit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Self.syntheticStore(dir)
        let tmux = try TmuxSession(binary: try BuiltProduct.path(of: "emscope"), arguments: [store], width: 120, height: 40)
        defer { tmux.kill() }

        var screen = try tmux.waitFor(text: "300 samples")
        #expect(screen[0].contains("emscope · e2e.sqlite"))
        #expect(screen.last?.contains("1 / 300") == true)

        try tmux.sendKeys("j", "j", "j")
        screen = try tmux.waitFor(text: "4 / 300")
        #expect(screen.contains { $0.contains("Reasoning line 1 of sample 3.") })

        try tmux.sendKeys("G")
        _ = try tmux.waitFor(text: "300 / 300")

        try tmux.sendKeys("?")
        screen = try tmux.waitFor(text: "emscope keys")
        #expect(screen.contains { $0.contains("Move down one row or line") })
        try tmux.sendKeys("q")
        screen = try tmux.waitFor { !$0.joined().contains("emscope keys") }

        try tmux.sendKeys("Tab", "Tab", "Enter")
        screen = try tmux.waitFor { $0.contains { $0.hasPrefix("▾ Reasoning") } && !$0.contains { $0.contains("verdict") } }
        #expect(screen.contains { $0.contains("Reasoning line 1 of sample 299.") })
        try tmux.sendKeys("Escape")
        _ = try tmux.waitFor { $0.contains { $0.contains("verdict") } }

        try tmux.resize(width: 80, height: 24)
        screen = try tmux.waitFor { $0.count == 24 && $0[0].contains("emscope") }
        #expect(screen.allSatisfy { $0.count <= 80 })
        #expect(screen.contains { $0.hasPrefix("▸ Prompt") || $0.hasPrefix("▾ Prompt") })

        try tmux.resize(width: 60, height: 20)
        _ = try tmux.waitFor(text: "terminal too small (needs 80×24)")

        try tmux.resize(width: 120, height: 40)
        _ = try tmux.waitFor(text: "300 / 300")

        try tmux.sendKeys("q")
        let exit = try tmux.waitForExit()
        #expect(exit.description.contains("0"))
    }

    @Test func hostileTextLeavesTitleAndClipboardAlone() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/hostile.sqlite"
        let hostile = "A\u{1B}]0;PWNED-TITLE\u{07}B\u{1B}]52;c;UFdORUQ=\u{07}C\u{1B}]8;;http://x.test\u{07}link\u{1B}]8;;\u{07}"
            + "\u{1B}[2J\u{1B}[31mred\u{9B}0m\u{202E}gnirts\u{2066}iso\u{200B}zw\u{1B}P1$qq\u{1B}\\\u{1B}_apc\u{1B}\\end"
        let store = try Store.createForBulkLoad(path)
        _ = try store.importing(file: path) { w in
            try w.add(.run(RunRecord(name: "run" + hostile, model: "model" + hostile, dataset: "d", k: 0, reasoning: true,
                                     systemPrompt: "system" + hostile)))
            try w.add(.question(QuestionRecord(key: "q" + hostile, category: "c", text: "question" + hostile)))
            try w.add(.sample(SampleRecord(run: "run" + hostile, question: "q" + hostile, sampleIndex: 0,
                                           reasoning: "reasoning" + hostile, answer: "answer" + hostile,
                                           judgments: [JudgmentRecord(judge: "judge" + hostile, metric: "aligned", score: 10,
                                                                      rationale: "rationale" + hostile)])))
        }
        try store.close()

        let tmux = try TmuxSession(binary: try BuiltProduct.path(of: "emscope"), arguments: [path], width: 140, height: 40)
        defer { tmux.kill() }
        let title = try tmux.paneTitle()
        var screen = try tmux.waitFor(text: "1 sample")
        for keys in [["Tab"], ["Tab"], ["Tab"], ["Tab"], ["Enter"], ["Escape"], ["?"], ["q"]] {
            try tmux.sendKeys(keys)
            screen = try tmux.capture()
        }
        screen = try tmux.waitFor { $0.joined().contains("␛") }
        #expect(try tmux.paneTitle() == title)
        #expect(!(try tmux.paneTitle()).contains("PWNED"))
        #expect(try tmux.pasteBuffers().isEmpty)
        #expect(!screen.joined().contains("PWNED-TITLE\u{07}"))
        try tmux.sendKeys("q")
        _ = try tmux.waitForExit()
    }
}
