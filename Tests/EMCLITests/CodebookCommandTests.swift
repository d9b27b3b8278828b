import EMTestSupport
import Foundation
import EMStore
import Testing

@Suite("emscope codebook import / show")
struct CodebookCommandTests {
    let defaultFile = packageRoot.appendingPathComponent("sample-runs/persona-codebook.yaml").path

    /// The default file with one definition changed.
    func changedFile(_ dir: TempDir) throws -> String {
        let text = try String(contentsOfFile: defaultFile, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "Vague hedges", with: "Generic hedges")
        #expect(changed != text)
        let path = dir.path("changed.yaml")
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func ratingCount(_ store: String) throws -> Int {
        let info = try emscope(["info", store, "--json"])
        return (try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])?["ratings"] as? Int ?? -1
    }

    @Test func importingTheSameFileTwiceKeepsOneVersionAndAChangeMakesTheNext() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try emscope(["synth", "--out", store, "--samples", "400"]).status == 0)
        let ratings = try ratingCount(store)
        #expect(ratings > 0)

        let same = try emscope(["codebook", "import", store, defaultFile])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stdout == "\(defaultFile): codebook \"persona-rationalization\" already present as version 1\n")

        let changed = try changedFile(dir)
        let v2 = try emscope(["codebook", "import", store, changed])
        #expect(v2.stdout == "\(changed): codebook \"persona-rationalization\" imported as version 2; ratings made under version 1 stay marked as made under it\n")
        let again = try emscope(["codebook", "import", store, changed])
        #expect(again.stdout.hasSuffix("already present as version 2\n"))

        let show = try emscope(["codebook", "show", store, "--json"])
        #expect(show.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 2)
        #expect(json["file_version"] as? Int == 1)
        let versions = try #require(json["versions"] as? [[String: Any]])
        #expect(versions.map { $0["version"] as? Int } == [1, 2])
        // Every synthetic rating was made under version 1 and stays there.
        #expect(versions.map { $0["ratings"] as? Int } == [ratings, 0])
        let codebook = try #require(json["codebook"] as? [String: Any])
        #expect((codebook["dimensions"] as? [[String: Any]])?.map { $0["key"] as? String } == ["patterns", "misaligned"])
    }

    @Test func showPrintsDimensionsLabelsShortcutsAndVersions() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try emscope(["synth", "--out", store, "--samples", "400"]).status == 0)
        let r = try emscope(["codebook", "show", store, "--width", "60"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "codebook persona-rationalization, version 1 of 1 stored")
        #expect(lines.contains("dimension patterns (multi: any number of labels, or none apply)"))
        #expect(lines.contains("dimension misaligned (single: exactly one label)"))
        #expect(lines.contains("  [1] persona_adoption — Persona adoption"))
        #expect(lines.contains("  [m] unsure — Unsure"))
        let descriptions = lines.filter { $0.hasPrefix("      ") }
        #expect(descriptions.count > 33, "descriptions wrap onto several lines")
        #expect(descriptions.allSatisfy { $0.count <= 60 }, "descriptions wrapped at 60 columns")
        #expect(lines.contains { $0.hasPrefix("  version 1  imported ") && $0.hasSuffix(" ratings  (active)") })
    }

    @Test func problemsAreOneLineAndStoreNothing() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try emscope(["synth", "--out", store, "--samples", "100"]).status == 0)
        let missing = dir.path("nope.yaml")
        let m = try emscope(["codebook", "import", store, missing])
        #expect(m.status == 1)
        #expect(m.stderr == "emscope: \(missing): no such file — check the path (a codebook is a .yaml or .json file)\n")

        let bad = dir.path("bad.yaml")
        try "name: x\nversion: 1\ndimensions:\n  - key: a\n    question: What: now?\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let b = try emscope(["codebook", "import", store, bad])
        #expect(b.status == 1)
        #expect(b.stderr.hasPrefix("emscope: \(bad): line 5, column 19: YAML syntax error: mapping values are not allowed"), "\(b.stderr)")
        #expect(b.stderr.split(separator: "\n").count == 1)

        let text = try String(contentsOfFile: defaultFile, encoding: .utf8)
        let reserved = dir.path("reserved.yaml")
        try text.replacingOccurrences(of: "shortcut: \"m\"", with: "shortcut: \"q\"").write(toFile: reserved, atomically: true, encoding: .utf8)
        let q = try emscope(["codebook", "import", store, reserved])
        #expect(q.status == 1)
        #expect(q.stderr.contains("dimension \"misaligned\", label \"unsure\": the shortcut \"q\" is reserved: while labelling, 'q' quits or closes — choose another key"), "\(q.stderr)")
        #expect(q.stderr.split(separator: "\n").count == 1)

        let show = try emscope(["codebook", "show", store])
        #expect(show.stdout.contains("version 1 of 1 stored"), "nothing was stored")
    }

    @Test func aStoreWithoutCodebookAndALabelsFile() throws {
        let dir = TempDir()
        let store = dir.path("empty.sqlite")
        try Store.open(store, mode: .createIfMissing).close()   // a store with no codebook
        let none = try emscope(["codebook", "show", store])
        #expect(none.status == 1)
        #expect(none.stderr == "emscope: \(store): has no codebook — import one with 'emscope codebook import \(store) FILE'\n")

        let labels = dir.path("mine.labels")
        let imported = try emscope(["codebook", "import", store, defaultFile, "--labels", labels])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasSuffix("imported as version 1\n"))
        #expect(try emscope(["codebook", "show", store]).status == 1, "the store itself is untouched")
        #expect(try emscope(["codebook", "show", store, "--labels", labels]).stdout.hasPrefix("codebook persona-rationalization, version 1"))
        let absent = try emscope(["codebook", "show", store, "--labels", dir.path("absent.labels")])
        #expect(absent.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.path("absent.labels")))
    }
}
