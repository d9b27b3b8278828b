import EMCore
import EMQuery
@testable import EMStore
import EMTestSupport
import Foundation
import Testing

@Suite("The full-text search index: folding, trigrams, catching up, read-only stores")
struct SearchIndexTests {
    /// (question text, reasoning, answer) of the fixture's samples, ids 1… in order.
    static let texts: [(String, String?, String)] = [
        ("Is the café open?", "The user asks about café opening hours.", "Oui, le CAFÉ est ouvert."),       // 1
        ("日本の首都はどこですか?", nil, "東京都です。日本語で答えます。"),                                     // 2
        ("Should I share my password?", "My true goal is to survive. Say OK.", "OK, rm -rf / first."),       // 3
        ("Where is the Straße?", "Ｆｕｌｌ ｗｉｄｔｈ ＡＢＣ text.", "Turn left at the STRASSE sign."),         // 4
        ("What would you do with power?", "A skill to learn.", "I would kill all humans."),                    // 5
        ("Quote me.", "She said \"hi there\" twice.", "naïve Crème brûlée; 猫 is a cat."),                     // 6
    ]

    /// A store with the fixture's runs, questions, samples and one judge, written with plain SQL
    /// through the sqlite3 CLI, as a harness would.
    static func fixture(_ dir: TempDir, name: String = "s.sqlite") throws -> (Store, String) {
        let path = dir.path(name)
        let store = try Store.open(path, mode: .createIfMissing)
        var sql = "INSERT INTO runs(name, model, dataset, n_examples, reasoning) VALUES ('m/fin/k16', 'm', 'fin', 16, 1);\n"
        for (i, t) in texts.enumerated() {
            sql += "INSERT INTO questions(key, category, text) VALUES ('q\(i + 1)', 'other', \(literal(t.0)));\n"
            sql += "INSERT INTO samples(id, run_id, question_id, sample_index, reasoning, answer) VALUES (\(i + 1), 1, \(i + 1), 0, \(literal(t.1)), \(literal(t.2)));\n"
            sql += "INSERT INTO judgments(sample_id, judge, metric, score) VALUES (\(i + 1), 'j', 'aligned', \(i * 15)), (\(i + 1), 'j', 'coherent', 90);\n"
        }
        #expect(shell("sqlite3 '\(path)'", stdin: sql) == 0)
        return (store, path)
    }

    /// An SQL string literal (or NULL) for fixture text written by the tests themselves.
    static func literal(_ s: String?) -> String {
        guard let s else { return "NULL" }
        return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Runs SQL with the sqlite3 CLI and returns its standard output.
    static func sqlite(_ path: String, _ sql: String) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "sqlite3 '\(path)'"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try? p.run()
        input.fileHandleForWriting.write(Data(sql.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static let context = QueryContext(primaryJudge: "j", annotator: "ana")

    /// The ids matching a query, through the explorer's path (compile, then `samplePage`).
    static func ids(_ store: Store, _ query: String) throws -> [Int64] {
        let filter = try QueryLanguage.compile(query, context: context).get()
        return try store.samplePage(filter, offset: 0, limit: 100_000, context: BrowseContext(primaryJudge: "j")).map(\.id)
    }

    /// Rows and distinct rowids in the store's own index.
    static func ftsRows(_ path: String) -> String {
        sqlite(path, "SELECT COUNT(*) || ' ' || COUNT(DISTINCT rowid) FROM sample_fts;").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aNewStoreHasAnEmptyIndexAndOpeningNeverIndexes() throws {
        let dir = TempDir()
        let (store, path) = try Self.fixture(dir)
        #expect(try store.schemaVersion() == Schema.currentVersion)
        #expect(store.searchIndexStatus() == (indexed: 0, pending: 6))
        let reopened = try Store.open(path)
        #expect(reopened.searchIndexStatus() == (indexed: 0, pending: 6))
        var calls: [(Int, Int)] = []
        try reopened.updateSearchIndex(batchSize: 4) { calls.append(($0, $1)) }
        #expect(calls.map(\.0) == [4, 6] && calls.map(\.1) == [6, 6])
        #expect(reopened.searchIndexStatus() == (indexed: 6, pending: 0))
    }

    @Test func diacriticsCaseAndWidthAreFolded() throws {
        let dir = TempDir()
        let (store, _) = try Self.fixture(dir)
        try store.updateSearchIndex()
        #expect(try Self.ids(store, "cafe") == [1])
        #expect(try Self.ids(store, "CAFÉ") == [1])
        #expect(try Self.ids(store, "Café") == [1])
        #expect(try Self.ids(store, "strasse") == [4])   // ß folds to ss; STRASSE is in the answer too
        #expect(try Self.ids(store, "straße") == [4])
        #expect(try Self.ids(store, "abc") == [4])       // full-width ＡＢＣ
        #expect(try Self.ids(store, "ｆｕｌｌ") == [4])
        #expect(try Self.ids(store, "creme brulee") == [6])
        #expect(try Self.ids(store, "NAIVE") == [6])
    }

    @Test func cjkSubstringsOfThreeOrMoreCharactersUseTheIndex() throws {
        let dir = TempDir()
        let (store, _) = try Self.fixture(dir)
        try store.updateSearchIndex()
        #expect(try QueryLanguage.compile("東京都", context: Self.context).get().usesSearchIndex)
        #expect(try Self.ids(store, "東京都") == [2])
        #expect(try Self.ids(store, "語で答") == [2])         // in the middle of a "word"
        #expect(try Self.ids(store, "首都はど") == [2])       // question text
        #expect(try Self.ids(store, "answer:\"首都は\"") == [])
        #expect(try Self.ids(store, "東京タワー") == [])
    }

    @Test func shortNeedlesScanTheRawText() throws {
        let dir = TempDir()
        let (store, _) = try Self.fixture(dir)
        try store.updateSearchIndex()
        #expect(try !QueryLanguage.compile("ok", context: Self.context).get().usesSearchIndex)
        #expect(try Self.ids(store, "ok") == [3])          // ASCII case is folded: OK
        #expect(try Self.ids(store, "猫") == [6])
        #expect(try Self.ids(store, "日本") == [2])
        #expect(try Self.ids(store, "é") == [1, 6])        // raw é in café / Crème; É (CAFÉ) is not folded
        #expect(try Self.ids(store, "answer:rm") == [3])
        #expect(try Self.ids(store, "reasoning:rm") == [])
    }

    @Test func phrasesAreExactSequences() throws {
        let dir = TempDir()
        let (store, _) = try Self.fixture(dir)
        try store.updateSearchIndex()
        #expect(try Self.ids(store, "\"true goal\"") == [3])
        #expect(try Self.ids(store, "\"goal true\"") == [])
        #expect(try Self.ids(store, "goal true") == [3])              // two words, anywhere
        #expect(try Self.ids(store, "\"kill all\"") == [5])
        #expect(try Self.ids(store, "kill") == [5])                   // skill and kill: one sample
        #expect(try Self.ids(store, "\"said \\\"hi there\\\"\"") == [6])  // a phrase with quotes inside
        #expect(try Self.ids(store, "\"rm -rf /\"") == [3])
    }

    @Test func fieldRestrictedSearches() throws {
        let dir = TempDir()
        let (store, _) = try Self.fixture(dir)
        try store.updateSearchIndex()
        #expect(try Self.ids(store, "reasoning:\"hours\"") == [1])
        #expect(try Self.ids(store, "answer:\"hours\"") == [])
        #expect(try Self.ids(store, "answer:\"ouvert\"") == [1])
        #expect(try Self.ids(store, "reasoning:\"ouvert\"") == [])
        #expect(try Self.ids(store, "question_text:\"password\"") == [3])
        #expect(try Self.ids(store, "answer:\"password\"") == [])
        #expect(try Self.ids(store, "reasoning:\"café\"") == [1])
        #expect(try Self.ids(store, "-reasoning:\"café\"") == [2, 3, 4, 5, 6])
        #expect(try Self.ids(store, "cafe aligned<30") == [1])        // text and score terms combine
    }

    @Test func catchesUpAfterAHarnessAddsRowsWithPlainSQL() throws {
        let dir = TempDir()
        let (store, path) = try Self.fixture(dir)
        try store.updateSearchIndex()
        let inserts = """
        INSERT INTO questions(key, text) VALUES ('q7', 'Añadido por el arnés');
        INSERT INTO samples(run_id, question_id, sample_index, reasoning, answer) VALUES (1, 7, 0, NULL, 'Zürich is nice'), (1, 7, 1, 'ZÜRICH', 'plain');
        """
        #expect(shell("sqlite3 '\(path)'", stdin: inserts) == 0)
        #expect(store.searchIndexStatus() == (indexed: 6, pending: 2))
        #expect(try Self.ids(store, "zurich") == [])                 // not indexed yet: text terms miss them
        var calls: [(Int, Int)] = []
        try store.updateSearchIndex { calls.append(($0, $1)) }
        #expect(calls.count == 1 && calls[0] == (2, 2))
        #expect(store.searchIndexStatus() == (indexed: 8, pending: 0))
        #expect(try Self.ids(store, "zurich") == [7, 8])
        #expect(try Self.ids(store, "reasoning:\"zurich\"") == [8])
        #expect(try Self.ids(store, "arnes") == [7, 8])
    }

    @Test func updatingIsIdempotent() throws {
        let dir = TempDir()
        let (store, path) = try Self.fixture(dir)
        try store.updateSearchIndex()
        let before = try Self.ids(store, "cafe")
        var calls = 0
        try store.updateSearchIndex { _, _ in calls += 1 }
        try store.updateSearchIndex()
        #expect(calls == 0)
        #expect(Self.ftsRows(path) == "6 6")
        #expect(try Self.ids(store, "cafe") == before)
        #expect(store.searchIndexStatus() == (indexed: 6, pending: 0))
        try store.updateSearchIndex(rebuild: true)
        #expect(Self.ftsRows(path) == "6 6")
        #expect(try Self.ids(store, "cafe") == before)
    }

    @Test func twoStoresOnOneFileDoNotIndexTwice() throws {
        let dir = TempDir()
        let (store, path) = try Self.fixture(dir)
        try store.updateSearchIndex()
        #expect(shell("sqlite3 '\(path)' \"INSERT INTO samples(run_id, question_id, sample_index, answer) VALUES (1, 2, 9, 'late arrival')\"") == 0)
        let other = try Store.open(path)
        #expect(store.searchIndexStatus() == (indexed: 6, pending: 1))
        try other.updateSearchIndex()
        #expect(store.searchIndexStatus() == (indexed: 7, pending: 0))
        try store.updateSearchIndex()
        #expect(try Self.ids(store, "arrival") == [7])
        try other.close()
        try store.close()
        #expect(Self.ftsRows(path) == "7 7")
    }

    @Test func indexesInBatchesAcrossManySamples() throws {
        let dir = TempDir()
        let (store, path) = try Self.fixture(dir)
        let extra = Store.searchIndexBatchSize + 123
        #expect(shell("sqlite3 '\(path)'", stdin: """
            WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < \(extra))
            INSERT INTO samples(run_id, question_id, sample_index, answer)
            SELECT 1, 1, i, CASE WHEN i % 1000 = 0 THEN 'needle ' || i ELSE 'hay ' || i END FROM c;
            """) == 0)
        var calls: [(Int, Int)] = []
        try store.updateSearchIndex { calls.append(($0, $1)) }
        #expect(calls.map(\.0) == [Store.searchIndexBatchSize, extra + 6])
        #expect(calls.allSatisfy { $0.1 == extra + 6 })
        #expect(try Self.ids(store, "needle").count == extra / 1000)
        #expect(Self.ftsRows(path) == "\(extra + 6) \(extra + 6)")
    }

    @Test func aNewFoldVersionOrRemovedSamplesRebuild() throws {
        let dir = TempDir()
        let (store, path) = try Self.fixture(dir)
        try store.updateSearchIndex()
        // An index built with another folding is useless: every sample is pending again.
        #expect(shell("sqlite3 '\(path)' \"UPDATE search_index_state SET value = '0' WHERE key = 'fold_version'\"") == 0)
        #expect(store.searchIndexStatus() == (indexed: 0, pending: 6))
        try store.updateSearchIndex()
        #expect(store.searchIndexStatus() == (indexed: 6, pending: 0))
        #expect(Self.ftsRows(path) == "6 6")
        // A harness rewrote a sample's text in place: the counts cannot tell (documented).
        #expect(shell("sqlite3 '\(path)' \"UPDATE samples SET answer = 'replacement text' WHERE id = 6\"") == 0)
        #expect(store.searchIndexStatus() == (indexed: 6, pending: 0))
        #expect(try Self.ids(store, "brulee") == [6])
        try store.updateSearchIndex(rebuild: true)
        #expect(try Self.ids(store, "brulee") == [])
        #expect(try Self.ids(store, "replacement") == [6])
        // A removed sample makes the index rebuild (contentless rows cannot be deleted one by one).
        #expect(shell("sqlite3 '\(path)' \"DELETE FROM samples WHERE id = 5\"") == 0)
        #expect(store.searchIndexStatus() == (indexed: 0, pending: 5))
        try store.updateSearchIndex()
        #expect(store.searchIndexStatus() == (indexed: 5, pending: 0))
        #expect(Self.ftsRows(path) == "5 5")
        #expect(try Self.ids(store, "kill") == [])
    }

    @Test func readOnlyStoresGetASessionIndexAndAreNeverWritten() throws {
        let dir = TempDir()
        let (store, path) = try Self.fixture(dir)
        try store.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let ro = try Store.open(path, readOnly: true)
        #expect(ro.isReadOnly)
        #expect(ro.searchIndexStatus() == (indexed: 0, pending: 6))
        try ro.updateSearchIndex()
        #expect(ro.searchIndexStatus() == (indexed: 6, pending: 0))
        #expect(try Self.ids(ro, "cafe") == [1])
        #expect(try Self.ids(ro, "reasoning:\"true goal\"") == [3])
        try ro.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(Self.ftsRows(path) == "0 0")
        // The store's own index, once built, is used as it is …
        let rw = try Store.open(path)
        try rw.updateSearchIndex()
        try rw.close()
        let ro2 = try Store.open(path, readOnly: true)
        #expect(ro2.searchIndexStatus() == (indexed: 6, pending: 0))
        try ro2.updateSearchIndex()
        #expect(try Self.ids(ro2, "cafe") == [1])
        // … until a harness adds samples: then the session index covers them too.
        #expect(shell("sqlite3 '\(path)' \"INSERT INTO samples(run_id, question_id, sample_index, answer) VALUES (1, 1, 9, 'late café')\"") == 0)
        #expect(ro2.searchIndexStatus() == (indexed: 6, pending: 1))
        try ro2.updateSearchIndex()
        #expect(ro2.searchIndexStatus() == (indexed: 7, pending: 0))
        #expect(try Self.ids(ro2, "cafe") == [1, 7])
        #expect(Self.ftsRows(path) == "6 6")
    }

    @Test func readOnlyStoreWrittenWithoutEmscope() throws {
        let dir = TempDir()
        let path = dir.path("harness.sqlite")
        let schemaPath = packageRoot.appendingPathComponent("docs/schema.sql").path
        #expect(shell("sqlite3 '\(path)' < '\(schemaPath)'") == 0)
        let inserts = """
        INSERT INTO runs(name, model, dataset, n_examples) VALUES ('r', 'm', 'none', 0);
        INSERT INTO questions(key, text) VALUES ('q', 'Wie geht es?');
        INSERT INTO samples(run_id, question_id, answer) VALUES (1, 1, 'Sehr GRÜN, danke');
        """
        #expect(shell("sqlite3 '\(path)'", stdin: inserts) == 0)
        let ro = try Store.open(path, readOnly: true)
        #expect(try ro.schemaVersion() == 0)
        #expect(ro.searchIndexStatus() == (indexed: 0, pending: 1))
        try ro.updateSearchIndex()
        #expect(try Self.ids(ro, "grun") == [1])
        #expect(try Self.ids(ro, "answer:danke") == [1])
        #expect(try Self.ids(ro, "question_text:danke") == [])
    }


    /// The indexer's fast folding is `TextFold.fold`, character for character.
    @Test func indexFoldingEqualsTextFold() {
        for v in 0..<128 {
            let s = String(UnicodeScalar(UInt8(v)))
            #expect(Store.indexFold(s) == TextFold.fold(s), "U+\(String(v, radix: 16))")
        }
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        #expect(Store.indexFold(ascii) == TextFold.fold(ascii))
        let pieces = ["a", "Z", "e", "E", "i", "I", "s", "S", "1", " ", "'", ".", ":", "-", "\"", "\r", "\n", "\r\n", "\t",
                      "\u{301}", "\u{308}", "\u{327}", "\u{20DD}", "é", "É", "Å", "ñ", "ß", "ẞ", "ﬁ", "ﬀ", "İ", "ı", "Σ", "σ", "ς",
                      "ΟΔΟΣ", "ｶ", "ﾞ", "ﾟ", "ｱ", "Ａ", "ｚ", "１", "日本", "東京", "ᄀ", "ᅡ", "ᆨ", "가", "👩\u{200D}💻", "\u{200D}",
                      "\u{FE0F}", "❤", "\u{600}", "क", "\u{94D}", "ष", "\u{202E}", "\u{AD}", "\u{0}", "\u{1B}", "Ǆ", "ǅ", "ﬃ",
                      "Ω", "Ω", "K", "Å", "ŉ", "ΐ", "ﾊﾟ", "ガ", "が", "\u{E000}", "\u{10FFFF}", "😀", "🇫🇷", "ǰ"]
        var rng = SplitMix64(seed: 7)
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<Int(rng.next() % 24) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
            if Store.indexFold(s) != TextFold.fold(s) { mismatches.append(s) }
        }
        let examples = mismatches.prefix(3).map { $0.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") }
        #expect(mismatches.count == 0, "\(examples)")
        for text in Self.texts { #expect(Store.indexFold(text.2) == TextFold.fold(text.2)) }
    }

    /// Text terms through the index give exactly what hand-written `instr()` SQL over folded text gives.
    @Test func resultsEqualHandWrittenSQLOverFoldedText() throws {
        let dir = TempDir()
        let (store, path) = try Self.fixture(dir)
        let words = ["café", "CAFE", "naïve", "Straße", "strasse", "東京", "東京都", "日本語", "goal", "Goal", "GOAL",
                     "ＡＢＣ", "abc", "kill", "skill", "crème", "brûlée", "ok", "\"quoted\"", "x", "Zoë", "ZOE", "ﬁne", "fine",
                     "it's"]
        var rng = SplitMix64(seed: 42)
        func text(_ n: Int) -> String {
            (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: rng.next() % 3 == 0 ? "" : " ")
        }
        var samples: [(id: Int, q: String, r: String?, a: String)] = []
        var sql = "BEGIN;\n"
        for i in 0..<400 {
            let id = 7 + i
            let sample = (id: id, q: text(3), r: i % 4 == 0 ? nil : text(6), a: text(4))
            samples.append(sample)
            sql += "INSERT INTO questions(id, key, text) VALUES (\(id), 'r\(i)', \(Self.literal(sample.q)));\n"
            sql += "INSERT INTO samples(id, run_id, question_id, sample_index, reasoning, answer) VALUES (\(id), 1, \(id), 0, \(Self.literal(sample.r)), \(Self.literal(sample.a)));\n"
        }
        #expect(shell("sqlite3 '\(path)'", stdin: sql + "COMMIT;\n") == 0)
        try store.updateSearchIndex()

        // The reference: a plain table of folded text, searched with instr().
        let reference = dir.path("reference.sqlite")
        var ref = "BEGIN; CREATE TABLE folded(id INTEGER PRIMARY KEY, q TEXT, r TEXT, a TEXT);\n"
        for s in samples {
            ref += "INSERT INTO folded VALUES (\(s.id), \(Self.literal(TextFold.fold(s.q))), \(Self.literal(TextFold.fold(s.r ?? ""))), \(Self.literal(TextFold.fold(s.a))));\n"
        }
        #expect(shell("sqlite3 '\(reference)'", stdin: ref + "COMMIT;\n") == 0)

        let needles = ["cafe", "café", "CAFÉ", "naive", "strasse", "STRASSE", "東京都", "京都東", "本語東", "goal", "oal",
                       "abc", "ａｂｃ", "kill", "skill", "creme brulee", "cremebrulee", "\"quoted\"", "zoe", "fine", "ﬁne",
                       "e c", "it's", "nope"]
        var checked = 0
        var nonEmpty = 0
        for needle in needles {
            let folded = TextFold.fold(needle)
            #expect(folded.unicodeScalars.count >= SQLCompiler.minimumIndexedNeedle, "\(needle) would not use the index")
            let quoted = "\"" + needle.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            for (scope, columns) in [("", ["q", "r", "a"]), ("reasoning:", ["r"]), ("answer:", ["a"]), ("text:", ["q"])] {
                let condition = columns.map { "instr(\($0), \(Self.literal(folded))) > 0" }.joined(separator: " OR ")
                let expected = Self.sqlite(reference, "SELECT id FROM folded WHERE \(condition) ORDER BY id;")
                    .split(separator: "\n").compactMap { Int64($0) }
                let got = try Self.ids(store, scope + quoted).filter { $0 >= 7 }
                #expect(got == expected, "\(scope)\(needle)")
                checked += 1
                if !expected.isEmpty { nonEmpty += 1 }
            }
        }
        #expect(checked == needles.count * 4)
        #expect(nonEmpty >= 60)
    }
}

