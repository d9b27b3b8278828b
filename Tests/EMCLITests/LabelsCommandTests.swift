import EMTestSupport
import Foundation
import Testing

/// Parses RFC 4180 CSV (quoted fields with doubled quotes, CRLF or LF line ends) into records: the
/// tests' independent reader of what `query --csv` and `labels export` write.
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            record.append(field); field = ""
        } else if c == "\r" || c == "\n" {
            if c == "\r" && chars.first == "\n" { chars.removeFirst() }
            record.append(field); field = ""
            records.append(record); record = []
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}

/// The native export's rating records of a store, as JSON objects.
func ratingRecords(_ store: String) throws -> [[String: Any]] {
    let r = try emscope(["export", "jsonl", store])
    return r.stdout.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }.filter { $0["type"] as? String == "rating" }
}

let exportColumns = ["sample_id", "run", "model", "dataset", "k", "question", "sample_index", "annotator", "dimension",
                     "label", "blind", "changed_after_reveal", "codebook", "codebook_version", "created_at", "updated_at",
                     "seconds"]

@Suite("emscope labels export")
struct LabelsExportCommandTests {
    @Test func csvHasOneRowPerLabelAndOneForEachNoneApplyRating() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try emscope(["synth", "--out", store, "--samples", "600"]).status == 0)
        let r = try emscope(["labels", "export", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix(exportColumns.joined(separator: ",") + "\r\n"))
        let records = parseCSV(r.stdout)
        #expect(records.first == exportColumns)
        let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(exportColumns, $0)) }
        #expect(rows.allSatisfy { $0.count == exportColumns.count })

        // The same ratings as the native export, expanded: one row per label, one empty for none apply.
        let ratings = try ratingRecords(store)
        #expect(!ratings.isEmpty)
        var expected: [String] = []
        for g in ratings {
            let labels = g["labels"] as? [String] ?? []
            for label in labels.isEmpty ? [""] : labels {
                expected.append([g["run"], g["question"], g["sample_index"], g["annotator"], g["dimension"], label,
                                 g["blind"], g["changed_after_reveal"], g["codebook_version"]].map { "\($0 ?? "")" }.joined(separator: "|"))
            }
        }
        let got = rows.map { [$0["run"], $0["question"], $0["sample_index"], $0["annotator"], $0["dimension"], $0["label"],
                              $0["blind"] == "true" ? "1" : "0", $0["changed_after_reveal"] == "true" ? "1" : "0",
                              $0["codebook_version"]].map { $0 ?? "" }.joined(separator: "|") }
        #expect(got.count == expected.count)
        #expect(got.sorted() == expected.sorted())
        #expect(rows.contains { $0["label"] == "" }, "the synthetic ratings include 'none apply'")
        #expect(Set(rows.map { $0["dimension"] ?? "" }) == ["patterns", "misaligned"])
        #expect(rows.allSatisfy { Int($0["sample_id"] ?? "") != nil && Int($0["k"] ?? "") != nil })
    }

    @Test func quotesCommasAndNewlinesInNamesSurviveTheCSV() throws {
        let dir = TempDir()
        let input = dir.path("in.jsonl")
        let hostile = "o\"brien, jr\nline2"
        let name = String(data: try JSONSerialization.data(withJSONObject: [hostile], options: []), encoding: .utf8)!.dropFirst().dropLast()
        try """
        {"type":"run","name":"m/d/k0","model":"m","dataset":"d","k":0}
        {"type":"question","key":"q","text":"?"}
        {"type":"sample","run":"m/d/k0","question":"q","sample_index":0,"answer":"a"}
        {"type":"rating","run":"m/d/k0","question":"q","sample_index":0,"annotator":\(name),"dimension":"patterns","labels":[],"created_at":"2026-01-01T00:00:00Z"}
        {"type":"rating","run":"m/d/k0","question":"q","sample_index":0,"annotator":"b","dimension":"patterns","labels":["x","y"],"blind":true,"seconds":4.5,"created_at":"2026-01-01T00:00:00Z"}
        """.write(toFile: input, atomically: true, encoding: .utf8)
        let store = dir.path("s.sqlite")
        #expect(try emscope(["import", "jsonl", input, "--into", store]).status == 0)
        let out = dir.path("labels.csv")
        let r = try emscope(["labels", "export", store, "--out", out])
        #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
        let records = parseCSV(try String(contentsOfFile: out, encoding: .utf8))
        #expect(records.count == 4)
        // Sorted by annotator: "b" comes before "o\"brien…".
        #expect(records[1][7] == "b" && records[1][9] == "x" && records[1][10] == "true" && records[1][16] == "4.5")
        #expect(records[2][7] == "b" && records[2][9] == "y")
        #expect(records[3][7] == hostile)
        #expect(records[3][9] == "")
        #expect(records[3].count == exportColumns.count)

        let j = try emscope(["labels", "export", store, "--format", "jsonl"])
        let objects = j.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 3)
        #expect(objects.last?["annotator"] as? String == hostile)
        #expect(objects.last?["label"] as? String == "")
        #expect(Set(objects.last?.keys.map { $0 } ?? []) == Set(exportColumns))
        #expect(objects.last?["codebook"] is NSNull)
    }

    @Test func aMissingLabelsFileIsOneLineAndNotCreated() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try emscope(["synth", "--out", store, "--samples", "50"]).status == 0)
        let labels = dir.path("none.labels")
        let r = try emscope(["labels", "export", store, "--labels", labels])
        #expect(r.status == 1)
        #expect(r.stderr == "emscope: \(labels): no such labels file — check the path (export never creates one)\n")
        #expect(!FileManager.default.fileExists(atPath: labels))
    }

    static let pythonHasKrippendorff: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import pandas, krippendorff"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// The CSV loads as is in pandas, and Python's krippendorff package computes the same nominal α
    /// for the `misaligned` dimension as `emscope agreement`.
    @Test(.enabled(if: pythonHasKrippendorff, "needs python3 with pandas and krippendorff (pip install pandas krippendorff)"))
    func pandasAndKrippendorffReadTheCSV() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try emscope(["synth", "--out", store, "--samples", "800"]).status == 0)
        #expect(try emscope(["labels", "export", store, "--out", dir.path("l.csv")]).status == 0)
        let script = """
        import sys, pandas as pd, numpy as np, krippendorff
        df = pd.read_csv(sys.argv[1], keep_default_na=False)
        assert list(df.columns) == [\(exportColumns.map { "'\($0)'" }.joined(separator: ", "))], list(df.columns)
        m = df[df.dimension == "misaligned"]
        table = m.pivot(index="annotator", columns="sample_id", values="label")
        codes = {"yes": 0, "no": 1, "unsure": 2}
        data = table.apply(lambda col: col.map(lambda v: codes.get(v, np.nan))).to_numpy(dtype=float)
        print(repr(float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))))
        """
        try script.write(toFile: dir.path("alpha.py"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", dir.path("alpha.py"), dir.path("l.csv")]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(errors)")
        let python = try #require(Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), "\(text) \(errors)")

        let a = try emscope(["agreement", store, "--dimension", "misaligned", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any]
        let dimension = (json?["dimensions"] as? [[String: Any]])?.first
        let alpha = ((dimension?["krippendorff_alpha"] as? [String: Any])?["nominal"] as? [String: Any])?["value"] as? Double
        let ours = try #require(alpha)
        #expect(abs(ours - python) < 1e-9, "emscope \(ours), krippendorff \(python)")
    }
}

@Suite("emscope labels merge")
struct LabelsMergeCommandTests {
    /// A synthetic store with ratings and a copy of it made through the native JSONL.
    func twoCopies(_ dir: TempDir) throws -> (String, String) {
        let a = dir.path("a.sqlite"), b = dir.path("b.sqlite")
        #expect(try emscope(["synth", "--out", a, "--samples", "400"]).status == 0)
        #expect(try emscope(["export", "jsonl", a, "--out", dir.path("a.jsonl")]).status == 0)
        #expect(try emscope(["import", "jsonl", dir.path("a.jsonl"), "--into", b]).status == 0)
        return (a, b)
    }

    func sqlite(_ file: String, _ sql: String) -> Int32 { sqlite3(file, sql).status }

    @Test func identicalCopiesMergeAndTheResultHasEveryRating() throws {
        let dir = TempDir()
        let (a, b) = try twoCopies(dir)
        let n = try ratingRecords(a).count
        let out = dir.path("team.labels")
        let r = try emscope(["labels", "merge", out, a, b])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("\(out): \(n) ratings (\(n) found identical in more than one input)"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix("from 2 inputs\n"))
        let exported = try emscope(["labels", "export", a, "--labels", out])
        let direct = try emscope(["labels", "export", a])
        #expect(exported.status == 0)
        #expect(exported.stdout == direct.stdout)
    }

    @Test func aConflictIsListedAndStopsTheMergeUnlessKeepFirst() throws {
        let dir = TempDir()
        let (a, b) = try twoCopies(dir)
        #expect(sqlite(b, """
            UPDATE ratings SET labels = CASE labels WHEN 'yes' THEN 'no' ELSE 'yes' END
            WHERE id = (SELECT MIN(id) FROM ratings WHERE dimension = 'misaligned');
            """) == 0)
        let out = dir.path("team.labels")
        let r = try emscope(["labels", "merge", out, a, b])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(r.stderr)")
        #expect(lines.first?.hasPrefix("conflict: rating by \"ann-") == true, "\(r.stderr)")
        #expect(lines.first?.contains("on \"misaligned\": \(a) has [") == true && lines.first?.contains(", \(b) has [") == true)
        #expect(lines.last == "emscope: \(out): 1 conflict (listed above); nothing was written — settle them in the inputs, or pass --keep-first to keep the first input's labels")
        #expect(!FileManager.default.fileExists(atPath: out))

        let kept = try emscope(["labels", "merge", out, a, b, "--keep-first"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.hasSuffix("; 1 conflict kept the first input's labels\n"))
        #expect(try emscope(["labels", "export", a, "--labels", out]).stdout == emscope(["labels", "export", a]).stdout)
    }

    @Test func aLabelsFileWithoutAStoreIsOneLine() throws {
        let dir = TempDir()
        let store = dir.path("s.sqlite")
        #expect(try emscope(["synth", "--out", store, "--samples", "50"]).status == 0)
        let labels = dir.path("mine.labels")
        #expect(try emscope(["codebook", "import", store, packageRoot.appendingPathComponent("sample-runs/persona-codebook.yaml").path,
                             "--labels", labels]).status == 0)
        let r = try emscope(["labels", "merge", dir.path("out.labels"), labels])
        #expect(r.status == 1)
        #expect(r.stderr == "emscope: \(labels): is a labels file, which holds sample ids only — pass the runs store the labels were made beside with --store RUNS\n")
        let ok = try emscope(["labels", "merge", dir.path("out.labels"), labels, "--store", store])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("1 codebook version"))
        let missing = try emscope(["labels", "merge", dir.path("out2.labels"), dir.path("nope.labels"), "--store", store])
        #expect(missing.status == 1)
        #expect(missing.stderr == "emscope: \(dir.path("nope.labels")): no such file — check the path\n")
    }
}
