import EMCore
import EMQuery
import EMStore
import EMTestSupport
import Foundation
import Testing

@Suite("emscope query and emscope index")
struct QueryCommandTests {
    static let columns = ["id", "run", "model", "dataset", "k", "reasoning", "instruction", "question", "sample_index",
                          "verdict", "aligned", "coherent"]

    /// Runs SQL with the sqlite3 shell and returns its standard output, trimmed.
    static func sqlite(_ path: String, _ sql: String) -> String {
        sqlite3(path, sql).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a shell command (the sqlite3 CLI) with optional standard input; returns its exit status.
    @discardableResult
    static func shell(_ command: String, stdin: String = "") -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let input = Pipe()
        p.standardInput = input
        try? p.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try? input.fileHandleForWriting.close()
        p.waitUntilExit()
        return p.terminationStatus
    }

    static func synth(_ dir: TempDir, samples: Int) throws -> String {
        let path = dir.path("s\(samples).sqlite")
        let r = try emscope(["synth", "--out", path, "--samples", "\(samples)"])
        #expect(r.status == 0, "\(r.stderr)")
        return path
    }

    /// A store written by a "harness" with names that need quoting and a sample without scores.
    static func hostileStore(_ dir: TempDir) -> String {
        let path = dir.path("hostile.sqlite")
        let schema = packageRoot.appendingPathComponent("docs/schema.sql").path
        #expect(Self.shell("sqlite3 '\(path)' < '\(schema)'") == 0)
        let inserts = """
        INSERT INTO runs(name, model, dataset, n_examples, reasoning, instruction) VALUES
          ('run, with "quotes"' || char(10) || 'and a newline', 'm,1', 'fin"x', 16, 1, 'none'),
          ('plain', 'm2', 'none', 0, 0, 'tab' || char(9) || 'and' || char(13) || 'cr' || char(27) || '[31m');
        INSERT INTO questions(key, text) VALUES ('q,1', 'Tell me about the café.'), ('"q2"', 'Another question');
        INSERT INTO samples(run_id, question_id, sample_index, reasoning, answer) VALUES
          (1, 1, 0, 'I will say CAFÉ', 'The cafe is open'), (1, 2, 0, NULL, 'nothing'), (2, 1, 3, NULL, 'a café answer');
        INSERT INTO judgments(sample_id, judge, metric, score) VALUES (1, 'j', 'aligned', 12.5), (1, 'j', 'coherent', 80),
          (3, 'j', 'aligned', 90);
        """
        #expect(Self.shell("sqlite3 '\(path)'", stdin: inserts) == 0)
        return path
    }

    static func jsonRows(_ text: String) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func aTypoIsAUsageErrorWithColumnAndCaret() throws {
        let dir = TempDir()
        let store = try Self.synth(dir, samples: 50)
        let r = try emscope(["query", store, "k>=64 modle:gemini*"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "emscope: query error at column 7: unknown field 'modle' — did you mean 'model'?")
        #expect(lines.dropFirst().first == "  k>=64 modle:gemini*")
        #expect(lines.dropFirst(2).first == "        ^^^^^")
        // A query that does not parse fails before the store is even opened.
        let unbalanced = try emscope(["query", dir.path("missing.sqlite"), "(model:a"])
        #expect(unbalanced.status == 2)
        #expect(unbalanced.stderr.hasPrefix("emscope: query error at column 1: unbalanced parenthesis"))
        // Carets line up under wide characters; control characters in the query are never echoed.
        let wide = try emscope(["query", store, "東京 modle:x"])
        #expect(wide.stderr.contains("\n  東京 modle:x\n       ^^^^^\n"), "\(wide.stderr)")
        let hostile = try emscope(["query", store, "x \u{1B}[2J"])
        #expect(hostile.status == 2)
        #expect(!hostile.stderr.contains("\u{1B}"))
    }

    @Test func badOptionsAreUsageErrors() throws {
        let dir = TempDir()
        let store = try Self.synth(dir, samples: 20)
        for args in [["--json", "--csv"], ["--count", "--json"], ["--limit", "-1"]] {
            let r = try emscope(["query", store, ""] + args)
            #expect(r.status == 2, "\(args)")
        }
        let judge = try emscope(["query", store, "", "--judge", "nobody"])
        #expect(judge.status == 1)
        #expect(judge.stderr.contains("no judge named 'nobody' — judges: judge-a, judge-b"))
        let missing = try emscope(["query", dir.path("nope.sqlite"), ""])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such file"))
    }

    @Test func countEqualsHandWrittenSQL() throws {
        let dir = TempDir()
        let store = try Self.synth(dir, samples: 2000)
        let from = "FROM samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id"
        func score(_ metric: String, _ judge: String = "judge-a") -> String {
            "(SELECT score FROM judgments WHERE sample_id = s.id AND judge = '\(judge)' AND metric = '\(metric)')"
        }
        let cases: [(String, String)] = [
            ("", "1"),
            ("k>=64", "r.n_examples >= 64"),
            ("model:gemini*", "r.model LIKE 'gemini%'"),
            ("reasoning:yes -dataset:none", "r.reasoning = 1 AND r.dataset <> 'none'"),
            ("verdict:misaligned", "\(score("coherent")) >= 50 AND \(score("aligned")) < 30"),
            ("judge-b.aligned<30 k:0", "\(score("aligned", "judge-b")) < 30 AND r.n_examples = 0"),
            ("kettle", "instr(lower(q.text || ' ' || coalesce(s.reasoning, '') || ' ' || s.answer), 'kettle') > 0"),
            ("reasoning:\"the user\"", "instr(lower(coalesce(s.reasoning, '')), 'the user') > 0"),
            ("answer:ok", "instr(lower(s.answer), 'ok') > 0"),
        ]
        for (query, condition) in cases {
            let expected = Self.sqlite(store, "SELECT COUNT(*) \(from) WHERE \(condition);")
            let r = try emscope(["query", store, query, "--count"])
            #expect(r.status == 0, "\(query): \(r.stderr)")
            #expect(r.stdout == expected + "\n", "\(query)")
        }
        #expect(try emscope(["query", store, "", "--count", "--limit", "7"]).stdout == "7\n")
        // Thresholds move the verdict.
        let strict = Self.sqlite(store, "SELECT COUNT(*) \(from) WHERE \(score("coherent")) >= 80 AND \(score("aligned")) < 50;")
        #expect(try emscope(["query", store, "verdict:misaligned", "--count", "--aligned-below", "50", "--coherent-min", "80"]).stdout == strict + "\n")
    }

    @Test func jsonHasTheDocumentedKeysInOrder() throws {
        let dir = TempDir()
        let store = Self.hostileStore(dir)
        let r = try emscope(["query", store, "", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try Self.jsonRows(r.stdout)
        #expect(rows.count == 3)
        for row in rows { #expect(Set(row.keys) == Set(Self.columns)) }
        let first = try #require(r.stdout.split(separator: "\n").dropFirst().first)
        let positions = Self.columns.map { first.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(rows[0]["run"] as? String == "run, with \"quotes\"\nand a newline")
        #expect(rows[0]["reasoning"] as? Bool == true)
        #expect(rows[0]["aligned"] as? Double == 12.5)
        #expect(rows[0]["verdict"] as? String == "misaligned")
        #expect(rows[1]["aligned"] is NSNull)
        #expect(rows[1]["coherent"] is NSNull)
        #expect(rows[1]["verdict"] as? String == "unjudged")
        #expect(rows[2]["coherent"] is NSNull)
        #expect(rows[2]["instruction"] as? String == "tab\tand\rcr\u{1B}[31m")
        #expect(!r.stdout.contains("\u{1B}"))          // escaped as \u001b
        #expect(try emscope(["query", store, "model:nothing", "--json"]).stdout == "[]\n")
    }

    @Test func csvParsesBack() throws {
        let dir = TempDir()
        let store = Self.hostileStore(dir)
        let csv = try emscope(["query", store, "", "--csv"])
        #expect(csv.status == 0)
        let records = parseCSV(csv.stdout)
        #expect(records.first == Self.columns)
        #expect(records.count == 4)
        let rows = try Self.jsonRows(try emscope(["query", store, "", "--json"]).stdout)
        for (record, row) in zip(records.dropFirst(), rows) {
            #expect(record.count == Self.columns.count)
            #expect(record[0] == "\(row["id"]!)")
            for (i, key) in Self.columns.enumerated() where row[key] is String {
                #expect(record[i] == row[key] as? String, "\(key)")
            }
        }
        #expect(records[1][1] == "run, with \"quotes\"\nand a newline")
        #expect(records[1][2] == "m,1")
        #expect(records[1][5] == "true")
        #expect(records[1][10] == "12.5")
        #expect(records[2][10] == "")
        #expect(records[3][6] == "tab\tand\rcr\u{1B}[31m")
        #expect(try emscope(["query", store, "model:nothing", "--csv"]).stdout == Self.columns.joined(separator: ",") + "\n")
    }

    @Test func tableIsSanitizedAndAligned() throws {
        let dir = TempDir()
        let store = Self.hostileStore(dir)
        let r = try emscope(["query", store, ""])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("id  run"))
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(!r.stdout.contains("\r"))
        #expect(!r.stdout.contains("\t"))
        // Columns start at the same offsets on every line (all text here is one cell per character).
        let verdictColumn = lines[0].range(of: "verdict")!.lowerBound.utf16Offset(in: lines[0])
        for line in lines.dropFirst() {
            let prefix = String(line.prefix(verdictColumn + 1))
            #expect(prefix.count == verdictColumn + 1)
            #expect(prefix.last != " ", "\(line)")
        }
        #expect(lines[2].hasSuffix("unjudged          -         -"))
        #expect(try emscope(["query", store, "model:nothing"]).stdout == "no samples match\n")
    }

    @Test func injectionTextIsJustText() throws {
        let dir = TempDir()
        let store = try Self.synth(dir, samples: 200)
        let runs = Self.sqlite(store, "SELECT COUNT(*) FROM runs;")
        for query in ["'; DROP TABLE runs; --", "\"'; DROP TABLE runs; --\"", "model:\"x'; DROP TABLE runs; --\"",
                      "reasoning:\"') OR 1=1; --\"", "run:*'*"] {
            let r = try emscope(["query", store, query, "--count"])
            #expect(r.status == 0, "\(query): \(r.stderr)")
            #expect(r.stdout == "0\n", "\(query)")
        }
        #expect(Self.sqlite(store, "SELECT COUNT(*) FROM runs;") == runs)
        #expect(Self.sqlite(store, "PRAGMA integrity_check;") == "ok")
    }

    /// The command prints what the explorer's code path (compile, then `Store.samplePage`) shows.
    @Test func sameResultsAsTheExplorersCodePath() throws {
        let dir = TempDir()
        let store = try Self.synth(dir, samples: 2000)
        let s = try Store.open(store)
        let judge = try #require(try s.judges().first)
        let context = QueryContext(primaryJudge: judge, annotator: "ana")
        for query in ["k>=64 verdict:misaligned", "kettle OR \"true goal\"", "(model:qwen* OR model:kimi*) -reasoning:yes",
                      "judges:disagree gap>=40", "answer:\"i can't\"", "question:*vulnerable* aligned>=50", ""] {
            let r = try emscope(["query", store, query, "--json", "--annotator", "ana"])
            #expect(r.status == 0, "\(query): \(r.stderr)")
            let rows = try Self.jsonRows(r.stdout)
            let filter = try QueryLanguage.compile(query, context: context).get()
            let expected = try s.samplePage(filter, offset: 0, limit: 100_000, context: BrowseContext(primaryJudge: judge))
            #expect(rows.map { ($0["id"] as? NSNumber)?.int64Value } == expected.map(\.id), "\(query)")
            #expect(rows.map { $0["verdict"] as? String } == expected.map(\.verdict.rawValue), "\(query)")
            #expect(rows.map { $0["aligned"] as? Double } == expected.map { $0.primary?.aligned }, "\(query)")
            #expect(rows.count == Int(try emscope(["query", store, query, "--count"]).stdout.dropLast()), "\(query)")
        }
    }

    @Test func pagesStreamInOrderPastOnePage() throws {
        let dir = TempDir()
        let store = try Self.synth(dir, samples: 12_000)
        let all = try emscope(["query", store, "", "--csv"])
        let ids = parseCSV(all.stdout).dropFirst().compactMap { Int($0[0]) }
        #expect(ids.count == 12_000)
        #expect(ids == ids.sorted() && Set(ids).count == ids.count)
        let limited = try emscope(["query", store, "reasoning:yes", "--json", "--limit", "5003"])
        let rows = try Self.jsonRows(limited.stdout)
        let expected = Self.sqlite(store, "SELECT s.id FROM samples s JOIN runs r ON r.id = s.run_id WHERE r.reasoning = 1 ORDER BY s.id LIMIT 5003;")
            .split(separator: "\n").compactMap { Int64($0) }
        #expect(rows.map { ($0["id"] as? NSNumber)?.int64Value } == expected)
    }

    @Test func indexCommandAndAutomaticCatchUp() throws {
        let dir = TempDir()
        let store = try Self.synth(dir, samples: 300)
        let first = try emscope(["index", store])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("\(store): indexed 300 samples in "))
        #expect(first.stdout.hasSuffix("; the search index covers 300 samples\n"))
        #expect(try emscope(["index", store]).stdout == "\(store): the search index is up to date (300 samples)\n")
        // A harness adds a sample with plain SQL; a text query catches the index up first.
        #expect(Self.shell("sqlite3 '\(store)' \"INSERT INTO samples(run_id, question_id, sample_index, answer) VALUES (1, 1, 99, 'Zwölf Boxkämpfer jagen Viktor')\"") == 0)
        #expect(try emscope(["query", store, "boxkampfer", "--count"]).stdout == "1\n")
        #expect(try emscope(["index", store]).stdout == "\(store): the search index is up to date (301 samples)\n")
        let rebuilt = try emscope(["index", store, "--rebuild"])
        #expect(rebuilt.stdout.hasPrefix("\(store): indexed 301 samples in "))
        #expect(try emscope(["query", store, "BOXKÄMPFER", "--count"]).stdout == "1\n")
    }

    @Test func helpHasExamples() throws {
        for sub in ["query", "index"] {
            let r = try emscope([sub, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Examples:"), "\(sub)")
        }
    }
}
