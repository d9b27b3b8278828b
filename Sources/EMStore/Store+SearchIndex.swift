import EMQuery
import GRDB

/// The full-text search index behind text terms of the query language (`bleach`, `"true goal"`,
/// `reasoning:"…"`): the FTS5 table `sample_fts` (trigram tokenizer, contentless), one row per
/// sample with rowid = `samples.id` and each column written as `TextFold.fold(text)`.
///
/// emscope indexes in Swift, because the text must be folded exactly like query needles are, and
/// harnesses add samples with plain INSERTs (no SQL trigger could call `TextFold`). The index keeps
/// a high-water mark: samples with a larger id are pending, and `updateSearchIndex` indexes them in
/// batches, each its own short transaction, so other readers and writers interleave. Opening a store
/// never indexes; callers decide when (`emscope index`, `emscope query`, the explorer).
///
/// The index is rebuilt from scratch when `TextFold.version` differs from the one it was built
/// with, or when samples at or below the high-water mark disappeared (their contentless rows cannot
/// be deleted one by one). Samples whose text a harness changed in place are not noticed: run
/// `emscope index --rebuild` after rewriting text.
///
/// A store emscope cannot write keeps a session index in TEMP tables (`temp.sample_fts` shadows
/// the store's own table for every query): when the store's index is missing or behind,
/// `updateSearchIndex` builds the TEMP index from all samples, and it is gone when the store closes.
extension Store {
    /// Samples read, folded and written per transaction by default. One batch of the synthetic
    /// study (~1.6 KB of text per sample) takes about half a second, the longest the index holds the
    /// write lock; batches of 1,000 and 5,000 index equally fast.
    public static let searchIndexBatchSize = 1_000

    /// How much of the store the search index covers: `indexed` samples are searchable, `pending`
    /// ones are not yet (text terms miss them until `updateSearchIndex` runs). When the index must
    /// be rebuilt (new `TextFold.version`, samples removed) every sample is pending. A store that
    /// cannot be read reports (0, 0); the query that follows reports the error itself.
    public func searchIndexStatus() -> (indexed: Int, pending: Int) {
        guard let status = try? read({ db in try Self.searchIndexState(db) }) else { return (0, 0) }
        return (status.current ? status.indexed : 0, status.pending)
    }

    /// True when this session keeps its own search index in TEMP tables (a read-only store whose
    /// index was missing or behind): only this store's connection can see it.
    public func hasSessionSearchIndex() -> Bool {
        (try? read { db in try Self.indexExists(db, "temp") }) ?? false
    }

    /// Brings the search index up to date: indexes every sample with an id above the high-water
    /// mark, in batches of `batchSize` samples (each batch one transaction), after resetting the
    /// index when it was built with another `TextFold.version`, when indexed samples disappeared, or
    /// when `rebuild` is true. Idempotent: with nothing pending it reads a few counts and returns.
    /// Safe against a second emscope indexing the same store at the same time (a batch is written
    /// only if the high-water mark is still where it was read).
    ///
    /// `progress(done, total)` is called after each batch with the samples indexed so far by this
    /// call and the number that were pending when it started.
    public func updateSearchIndex(rebuild: Bool = false, batchSize: Int = Store.searchIndexBatchSize,
                                  progress: ((Int, Int) -> Void)? = nil) throws(StoreError) {
        let schema = try prepareSearchIndex(rebuild: rebuild)
        if isReadOnly && schema == "main" { return } // the store's own index is complete, and cannot be written
        let total = try read { db in try Self.searchIndexState(db, schema: schema).pending }
        var done = 0
        while true {
            // Read and fold outside the write transaction: folding is the slow part.
            let (mark, rows) = try read { db -> (Int64, [Row]) in
                let mark = try Self.indexValue(db, schema, "high_water") ?? 0
                let rows = try Row.fetchAll(db, sql: """
                    SELECT s.id, q.text, s.reasoning, s.answer
                    FROM samples s LEFT JOIN questions q ON q.id = s.question_id
                    WHERE s.id > ? ORDER BY s.id LIMIT ?
                    """, arguments: [mark, max(1, batchSize)])
                return (mark, rows)
            }
            if rows.isEmpty { break }
            let folded: [FoldedSample] = rows.map { row in
                FoldedSample(id: row[0],
                             question: Self.indexFold(row[1] ?? ""),
                             reasoning: Self.indexFold(row[2] ?? ""),
                             answer: Self.indexFold(row[3] ?? ""))
            }
            let written = try indexWrite { db -> Bool in
                guard try Self.indexValue(db, schema, "high_water") ?? 0 == mark else { return false }
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO \(schema).sample_fts(rowid, question, reasoning, answer) VALUES (?, ?, ?, ?)
                    """)
                for s in folded {
                    try insert.execute(arguments: [s.id, s.question, s.reasoning, s.answer])
                }
                let indexed = try Self.indexValue(db, schema, "indexed") ?? 0
                try Self.setIndexValues(db, schema, ["high_water": folded[folded.count - 1].id,
                                                     "indexed": indexed + Int64(folded.count)])
                return true
            }
            if written {
                done += folded.count
                progress?(done, max(total, done))
            }
        }
    }

    // MARK: - Internals

    struct FoldedSample {
        var id: Int64
        var question: String
        var reasoning: String
        var answer: String
    }

    /// What the index in `schema` holds compared with the samples table.
    struct SearchIndexState {
        /// "main" or "temp"; nil when no index exists.
        var schema: String?
        var highWater: Int64
        var indexed: Int
        var foldVersion: Int?
        /// All samples.
        var samples: Int
        /// Samples with an id above the high-water mark.
        var newer: Int

        /// True when the index can be extended: same folding, and every sample at or below the
        /// high-water mark is still there (so none was removed).
        var current: Bool {
            schema != nil && foldVersion == TextFold.version && samples - newer == indexed
        }

        /// Samples that the next update writes.
        var pending: Int { current ? newer : samples }
    }

    /// The state of the index that queries use: the session's TEMP index when there is one, else
    /// the store's own; or of the index in `schema`.
    static func searchIndexState(_ db: Database, schema wanted: String? = nil) throws -> SearchIndexState {
        let samples = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM samples") ?? 0
        let schema: String?
        if let wanted {
            schema = try indexExists(db, wanted) ? wanted : nil
        } else {
            schema = try activeIndexSchema(db)
        }
        guard let schema else {
            return SearchIndexState(schema: nil, highWater: 0, indexed: 0, foldVersion: nil, samples: samples, newer: samples)
        }
        let mark = try indexValue(db, schema, "high_water") ?? 0
        let newer = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM samples WHERE id > ?", arguments: [mark]) ?? 0
        return SearchIndexState(schema: schema, highWater: mark, indexed: Int(try indexValue(db, schema, "indexed") ?? 0),
                                foldVersion: try indexValue(db, schema, "fold_version").map(Int.init), samples: samples,
                                newer: newer)
    }

    /// "temp" when this session built a TEMP index, "main" when the store has its own, else nil.
    static func activeIndexSchema(_ db: Database) throws -> String? {
        if try indexExists(db, "temp") { return "temp" }
        if try indexExists(db, "main") { return "main" }
        return nil
    }

    static func indexExists(_ db: Database, _ schema: String) throws -> Bool {
        // sqlite_temp_master exists even before the TEMP database does (GRDB's tableExists(in: "temp") throws then).
        let catalog = schema == "temp" ? "sqlite_temp_master" : "main.sqlite_master"
        return try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM \(catalog) WHERE type = 'table' AND name IN ('sample_fts', 'search_index_state')
            """) == 2
    }

    static func indexValue(_ db: Database, _ schema: String, _ key: String) throws -> Int64? {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM \(schema).search_index_state WHERE key = ?",
                                             arguments: [key]) else { return nil }
        return Int64(text)
    }

    static func setIndexValues(_ db: Database, _ schema: String, _ values: [String: Int64]) throws {
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT OR REPLACE INTO \(schema).search_index_state(key, value) VALUES (?, ?)",
                           arguments: [key, String(value)])
        }
    }

    /// Chooses where the index lives ("main", or "temp" for a store emscope cannot write), creates
    /// it when missing and empties it when it must be rebuilt. Returns the schema.
    func prepareSearchIndex(rebuild: Bool) throws(StoreError) -> String {
        let state = try read { db in try Self.searchIndexState(db) }
        let schema: String
        if !isReadOnly {
            schema = "main"
        } else if state.schema == "main" && state.current && state.newer == 0 && !rebuild {
            return "main" // the store's own index is complete: use it as it is
        } else {
            schema = "temp"
        }
        let ownState = schema == state.schema ? state : try read { db in try Self.searchIndexState(db, schema: schema) }
        if ownState.schema != nil && ownState.current && !rebuild { return schema }
        try indexWrite { db in
            try db.execute(sql: Schema.searchIndexSQL(temp: schema == "temp"))
            // A contentless FTS5 table cannot delete rows without their old text: empty it whole.
            try db.execute(sql: "INSERT INTO \(schema).sample_fts(sample_fts) VALUES ('delete-all')")
            try Self.setIndexValues(db, schema, ["high_water": 0, "indexed": 0, "fold_version": Int64(TextFold.version)])
        }
        return schema
    }

    /// Exactly `TextFold.fold(text)` (the query side folds needles with it), about four times faster
    /// on typical model output, where folding took most of the indexing time:
    /// - the text is cut into lines at line feeds followed by ASCII (folding never looks across
    ///   such a boundary; a line feed followed by a combining mark is not a boundary to Foundation);
    /// - a line of ASCII is lowercased byte by byte (for ASCII, folding is lowercasing A–Z);
    /// - in other lines, ASCII characters are lowercased, and every run of characters with a
    ///   non-ASCII scalar goes through `TextFold.fold` whole, together with the ASCII character
    ///   before it (a combining mark after a tab or line feed belongs to it for Foundation).
    /// `SearchIndexTests` checks the equality on ASCII and on random hostile mixed text.
    static func indexFold(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var start = 0
        while start < bytes.count {
            var end = start
            var ascii = true
            while end < bytes.count {
                let b = bytes[end]
                if b == 0x0A && (end + 1 == bytes.count || bytes[end + 1] < 0x80) { break }
                if b >= 0x80 { ascii = false }
                end += 1
            }
            if ascii {
                for b in bytes[start..<end] { out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b) }
            } else {
                foldMixedLine(String(decoding: bytes[start..<end], as: UTF8.self), into: &out)
            }
            if end < bytes.count { out.append(0x0A) }
            start = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func foldMixedLine(_ line: String, into out: inout [UInt8]) {
        var runStart: String.Index?
        var previousASCII: (index: String.Index, bytes: Int)?
        var i = line.startIndex
        while i < line.endIndex {
            let next = line.index(after: i)
            if line[i].isASCII {
                if let start = runStart {
                    out.append(contentsOf: TextFold.fold(String(line[start..<i])).utf8)
                    runStart = nil
                }
                let scalars = line.utf8[i..<next]
                for b in scalars { out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b) }
                previousASCII = (i, scalars.count)
            } else {
                if runStart == nil {
                    if let p = previousASCII {
                        out.removeLast(p.bytes)
                        runStart = p.index
                    } else {
                        runStart = i
                    }
                }
                previousASCII = nil
            }
            i = next
        }
        if let start = runStart { out.append(contentsOf: TextFold.fold(String(line[start...])).utf8) }
    }

    /// A write transaction for the index. Unlike `write`, it is allowed on a read-only store: there
    /// it only ever touches the TEMP index (SQLite refuses anything else).
    func indexWrite<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw StoreError.from(error, file: path)
        }
    }
}

extension SQLFragment {
    /// True when the filter reads the search index (it has a text term of 3 or more characters):
    /// bring the index up to date before running it, or text terms miss unindexed samples.
    public var usesSearchIndex: Bool { sql.contains("sample_fts") }
}
