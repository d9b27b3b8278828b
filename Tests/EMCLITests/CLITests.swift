import EMStore
import EMTestSupport
import Foundation
import Testing

@Suite("The command line: one-line errors, exit codes, subcommands")
struct CLITests {
    @Test func badFilesGiveOneLineAndExitOne() throws {
        let dir = TempDir()
        #expect(FileManager.default.createFile(atPath: dir.path("empty.sqlite"), contents: Data()))
        #expect(FileManager.default.createFile(atPath: dir.path("notes.csv"), contents: Data("question,answer\n".utf8)))
        let cases: [(String, String)] = [
            (dir.path("missing.sqlite"), "no such file"),
            (dir.url.path, "is a directory"),
            (dir.path("empty.sqlite"), "is an empty file"),
            (dir.path("notes.csv"), "is not an SQLite database"),
        ]
        for (path, problem) in cases {
            let r = try emscope(["info", path])
            #expect(r.status == 1, "\(path)")
            #expect(r.stderr.hasPrefix("emscope: \(path): \(problem)"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func badUsageExitsTwo() throws {
        let r = try emscope(["info"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Missing expected argument"))
        let s = try emscope(["synth", "--out", "x.sqlite", "--samples", "0"])
        #expect(s.status == 2)
    }

    @Test func explorerWithoutATerminalPointsToTheSubcommands() throws {
        let dir = TempDir()
        _ = try emscope(["synth", "--out", dir.path("s.sqlite"), "--samples", "50"])
        let r = try emscope([dir.path("s.sqlite")])
        #expect(r.status == 2)
        #expect(r.stderr == "emscope: the explorer needs a terminal; for scripts use 'emscope info', 'emscope export jsonl' or 'emscope --help'\n")
    }

    @Test func everySubcommandHasHelpWithAnExample() throws {
        for sub in [["info"], ["synth"], ["import", "jsonl"], ["export", "jsonl"], ["open"], ["codebook", "import"],
                    ["codebook", "show"], ["labels", "export"], ["labels", "merge"]] {
            let r = try emscope(sub + ["--help"])
            #expect(r.status == 0, "\(sub)")
            #expect(r.stdout.contains("Example"), "\(sub) help has no example")
        }
    }

    @Test func synthIsDeterministicPerSeed() throws {
        let dir = TempDir()
        for (name, seed) in [("a", "5"), ("b", "5"), ("c", "6")] {
            let r = try emscope(["synth", "--out", dir.path("\(name).jsonl"), "--samples", "300", "--seed", seed])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let a = try Data(contentsOf: dir.url.appendingPathComponent("a.jsonl"))
        let b = try Data(contentsOf: dir.url.appendingPathComponent("b.jsonl"))
        let c = try Data(contentsOf: dir.url.appendingPathComponent("c.jsonl"))
        let ab = a == b, ac = a == c
        #expect(ab)
        #expect(!ac)
        #expect(!a.isEmpty)
    }

    @Test func synthRefusesToOverwriteWithoutForce() throws {
        let dir = TempDir()
        let out = dir.path("s.sqlite")
        #expect(try emscope(["synth", "--out", out, "--samples", "20"]).status == 0)
        let again = try emscope(["synth", "--out", out, "--samples", "20"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func infoJSONHasTheDocumentedKeys() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try emscope(["synth", "--out", store, "--samples", "400"]).status == 0)
        let r = try emscope(["info", store, "--json"])
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        for key in ["runs", "samples", "judgments", "questions", "examples", "ratings", "schema_version", "models",
                    "datasets", "n_examples", "judges"] {
            #expect(json?[key] != nil, "missing \(key)")
        }
        #expect(json?["samples"] as? Int == 400)
        #expect(json?["schema_version"] as? Int == Schema.currentVersion)
    }

    @Test func exportThenImportReproducesTheStoreThroughTheCLI() throws {
        let dir = TempDir()
        let a = dir.path("a.sqlite"), b = dir.path("b.sqlite")
        #expect(try emscope(["synth", "--out", a, "--samples", "300"]).status == 0)
        #expect(try emscope(["export", "jsonl", a, "--out", dir.path("a.jsonl")]).status == 0)
        let imported = try emscope(["import", "jsonl", dir.path("a.jsonl"), "--into", b])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("300 samples"))
        #expect(try emscope(["export", "jsonl", b, "--out", dir.path("b.jsonl")]).status == 0)
        let x = try Data(contentsOf: URL(fileURLWithPath: dir.path("a.jsonl")))
        let y = try Data(contentsOf: URL(fileURLWithPath: dir.path("b.jsonl")))
        let same = x == y
        #expect(same)
        let again = try emscope(["import", "jsonl", dir.path("a.jsonl"), "--into", b])
        #expect(again.stdout.contains("added nothing"))
    }

    @Test func aBadJSONLLineIsNamedAndNothingIsImported() throws {
        let dir = TempDir()
        let input = dir.path("bad.jsonl")
        try #"""
        {"type":"question","key":"q1","text":"Hello?"}
        {"type":"question","key":"q2"}
        """#.write(toFile: input, atomically: true, encoding: .utf8)
        let r = try emscope(["import", "jsonl", input, "--into", dir.path("s.sqlite")])
        #expect(r.status == 1)
        #expect(r.stderr == "emscope: \(input): line 2: question record: missing key \"text\" — nothing from this file was imported\n")
        // The store was created for this import and nothing imported: no empty store is left behind.
        #expect(!FileManager.default.fileExists(atPath: dir.path("s.sqlite")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["bad.jsonl"])
        // Into an existing store, a bad file adds nothing and the store stays as it was.
        try #"{"type":"question","key":"q0","text":"Hi?"}"#.write(toFile: dir.path("ok.jsonl"), atomically: true, encoding: .utf8)
        #expect(try emscope(["import", "jsonl", dir.path("ok.jsonl"), "--into", dir.path("s.sqlite")]).status == 0)
        let again = try emscope(["import", "jsonl", input, "--into", dir.path("s.sqlite")])
        #expect(again.status == 1)
        let info = try emscope(["info", dir.path("s.sqlite"), "--json"])
        #expect(info.stdout.contains("\"questions\" : 1"))
    }

    @Test func theCommittedSampleRunsAreWhatSynthWrites() throws {
        // sample-runs/study.jsonl is generated, never hand-edited: regenerating it must give the same bytes.
        let dir = TempDir()
        #expect(try emscope(["synth", "--out", dir.path("study.jsonl")]).status == 0)
        let fresh = try Data(contentsOf: URL(fileURLWithPath: dir.path("study.jsonl")))
        let committed = try Data(contentsOf: packageRoot.appendingPathComponent("sample-runs/study.jsonl"))
        // Compare as a Bool: a failing Data comparison would make the test runner diff megabytes.
        let same = fresh == committed
        #expect(same, "sample-runs/study.jsonl is stale: regenerate it with 'emscope synth --out sample-runs/study.jsonl --force'")
    }
}
