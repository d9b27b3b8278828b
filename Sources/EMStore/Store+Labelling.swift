import EMCore
import EMQuery
import Foundation
import GRDB

/// A change to one annotator's rating of one sample on one dimension, as the explorer asks for it.
public struct RatingChange: Equatable, Sendable {
    public var sampleID: Int64
    public var annotator: String
    public var dimension: String
    /// The new label set (empty: "reviewed — none apply"); nil removes the rating (undo of a first rating).
    public var labels: [String]?
    /// The codebook the rating is made under.
    public var codebookID: Int64?
    /// True when the session hides judges and other ratings (`--blind`).
    public var blindSession: Bool

    public init(sampleID: Int64, annotator: String, dimension: String, labels: [String]?, codebookID: Int64?,
                blindSession: Bool) {
        self.sampleID = sampleID
        self.annotator = annotator
        self.dimension = dimension
        self.labels = labels?.sorted()
        self.codebookID = codebookID
        self.blindSession = blindSession
    }
}

extension Store {
    // MARK: - Codebooks

    /// The latest version of every stored codebook, most recently imported first.
    public func codebooks() throws(StoreError) -> [StoredCodebook] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, name, version, definition FROM codebooks ORDER BY id DESC")
            var seen = Set<String>()
            var out: [StoredCodebook] = []
            let decoder = JSONDecoder()
            for row in rows {
                let name: String = row["name"]
                guard !seen.contains(name) else { continue }
                let versions = rows.filter { ($0["name"] as String) == name }
                guard let latest = versions.max(by: { ($0["version"] as Int) < ($1["version"] as Int) }),
                      let c = try? decoder.decode(Codebook.self, from: Data((latest["definition"] as String).utf8)) else { continue }
                seen.insert(name)
                out.append(StoredCodebook(id: latest["id"], version: latest["version"], codebook: c))
            }
            return out
        }
    }

    /// Every stored version of a codebook, oldest first, with how many ratings each holds.
    public func codebookVersions(name: String) throws(StoreError) -> [(codebook: StoredCodebook, importedAt: String, ratings: Int)] {
        try read { db in
            let decoder = JSONDecoder()
            return try Row.fetchAll(db, sql: """
                SELECT c.id, c.version, c.definition, c.imported_at,
                       (SELECT COUNT(*) FROM ratings r WHERE r.codebook_id = c.id) AS n
                FROM codebooks c WHERE c.name = ? ORDER BY c.version
                """, arguments: [name]).compactMap { row in
                guard let c = try? decoder.decode(Codebook.self, from: Data((row["definition"] as String).utf8)) else { return nil }
                return (StoredCodebook(id: row["id"], version: row["version"], codebook: c), row["imported_at"], row["n"])
            }
        }
    }

    /// The codebook to label with: the latest version of `name`, or of the codebook imported last.
    public func activeCodebook(name: String? = nil) throws(StoreError) -> StoredCodebook? {
        let all = try codebooks()
        guard let name else { return all.first }
        return all.first { $0.name == name }
    }

    /// Stores a codebook: unchanged from its latest stored version → that version is returned;
    /// otherwise it becomes a new version (one above the highest of that name).
    public func importCodebook(_ codebook: Codebook) throws(StoreError) -> (codebook: StoredCodebook, added: Bool) {
        let definition: String
        do {
            definition = try CodebookStore.definitionJSON(codebook)
        } catch {
            throw StoreError(.io, file: path, problem: "cannot encode codebook '\(codebook.name)': \(error)", remedy: "")
        }
        let schema = labelSchema
        return try writeLabels { db in
            var added = false
            let id = try CodebookStore.upsert(db, schema: schema, codebook: codebook, definition: definition) { added = $0 }
            let version = try Int.fetchOne(db, sql: "SELECT version FROM \(schema).codebooks WHERE id = ?", arguments: [id]) ?? 1
            return (StoredCodebook(id: id, version: version, codebook: codebook), added)
        }
    }

    // MARK: - Reading a sample's labels

    /// The labels of one sample from `annotator`'s point of view.
    public func sampleLabels(sampleID: Int64, annotator: String) throws(StoreError) -> SampleLabels {
        try read { db in
            var labels = SampleLabels(sampleID: sampleID)
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.annotator, r.dimension, r.labels, r.blind, r.changed_after_reveal, c.version, c.name
                FROM ratings r LEFT JOIN codebooks c ON c.id = r.codebook_id
                WHERE r.sample_id = ? ORDER BY r.annotator, r.dimension
                """, arguments: [sampleID])
            for row in rows {
                let rating = DimensionRating(annotator: row[0], dimension: row[1], labels: Self.splitLabels(row[2]),
                                             blind: (row[3] as Int? ?? 0) != 0, changedAfterReveal: (row[4] as Int? ?? 0) != 0,
                                             codebookVersion: row[5], codebookName: row[6])
                if rating.annotator == annotator { labels.mine[rating.dimension] = rating } else { labels.others.append(rating) }
            }
            for row in try Row.fetchAll(db, sql: "SELECT dimension, labels, adjudicator FROM adjudications WHERE sample_id = ?",
                                        arguments: [sampleID]) {
                labels.adjudicated[row[0]] = Self.splitLabels(row[1])
                labels.adjudicator = row[2]
            }
            labels.note = try String.fetchOne(db, sql: "SELECT text FROM notes WHERE sample_id = ? AND annotator = ?",
                                              arguments: [sampleID, annotator]) ?? ""
            labels.revealed = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM reveals WHERE sample_id = ? AND annotator = ?)",
                                                arguments: [sampleID, annotator]) ?? false
            labels.seconds = try Double.fetchOne(db, sql: "SELECT seconds FROM annotation_time WHERE sample_id = ? AND annotator = ?",
                                                 arguments: [sampleID, annotator]) ?? 0
            return labels
        }
    }

    static func splitLabels(_ joined: String?) -> [String] {
        guard let joined, !joined.isEmpty else { return [] }
        return joined.split(separator: "|").map(String.init).sorted()
    }

    // MARK: - Writing

    /// Saves one rating change in its own transaction (committed, and with `synchronous=FULL` on
    /// disk, when this returns). Returns the rating as stored (nil when removed).
    ///
    /// `blind` is set when the rating is first made in a blind session before the sample was
    /// revealed, and kept afterwards; `changed_after_reveal` is set when a rating made blind gets
    /// different labels after the annotator revealed the sample or outside a blind session.
    @discardableResult
    public func setRating(_ change: RatingChange) throws(StoreError) -> DimensionRating? {
        let schema = labelSchema
        return try writeLabels { db in
            let revealed = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(schema).reveals WHERE sample_id = ? AND annotator = ?)",
                                             arguments: [change.sampleID, change.annotator]) ?? false
            let existing = try Row.fetchOne(db, sql: """
                SELECT id, labels, blind, changed_after_reveal FROM \(schema).ratings
                WHERE sample_id = ? AND annotator = ? AND dimension = ?
                """, arguments: [change.sampleID, change.annotator, change.dimension])
            let now = Timestamps.now()
            guard let labels = change.labels else {
                try db.execute(sql: "DELETE FROM \(schema).ratings WHERE sample_id = ? AND annotator = ? AND dimension = ?",
                               arguments: [change.sampleID, change.annotator, change.dimension])
                return nil
            }
            let joined = labels.joined(separator: "|")
            var blind = change.blindSession && !revealed
            var changed = false
            if let existing {
                blind = (existing["blind"] as Int? ?? 0) != 0
                changed = (existing["changed_after_reveal"] as Int? ?? 0) != 0
                if (existing["labels"] as String? ?? "") != joined && blind && (revealed || !change.blindSession) {
                    changed = true
                }
                try db.execute(sql: """
                    UPDATE \(schema).ratings SET labels = ?, changed_after_reveal = ?, codebook_id = ?, updated_at = ?
                    WHERE id = ?
                    """, arguments: [joined, changed, change.codebookID, now, existing["id"] as Int64])
            } else {
                try db.execute(sql: """
                    INSERT INTO \(schema).ratings(sample_id, annotator, dimension, labels, codebook_id, blind,
                                                  changed_after_reveal, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)
                    """, arguments: [change.sampleID, change.annotator, change.dimension, joined, change.codebookID, blind, now, now])
            }
            var version: Int?
            var name: String?
            if let id = change.codebookID,
               let row = try Row.fetchOne(db, sql: "SELECT version, name FROM \(schema).codebooks WHERE id = ?", arguments: [id]) {
                version = row[0]
                name = row[1]
            }
            return DimensionRating(annotator: change.annotator, dimension: change.dimension, labels: labels, blind: blind,
                                   changedAfterReveal: changed, codebookVersion: version, codebookName: name)
        }
    }

    /// Saves (or, when empty, removes) the annotator's note on a sample.
    public func setNote(sampleID: Int64, annotator: String, text: String) throws(StoreError) {
        let schema = labelSchema
        try writeLabels { db in
            if text.isEmpty {
                try db.execute(sql: "DELETE FROM \(schema).notes WHERE sample_id = ? AND annotator = ?", arguments: [sampleID, annotator])
            } else {
                try db.execute(sql: "INSERT OR REPLACE INTO \(schema).notes(sample_id, annotator, text, updated_at) VALUES (?, ?, ?, ?)",
                               arguments: [sampleID, annotator, text, Timestamps.now()])
            }
        }
    }

    /// Records that the annotator revealed the judges and other ratings of a sample (blind mode).
    public func reveal(sampleID: Int64, annotator: String) throws(StoreError) {
        let schema = labelSchema
        try writeLabels { db in
            try db.execute(sql: "INSERT OR IGNORE INTO \(schema).reveals(sample_id, annotator, revealed_at) VALUES (?, ?, ?)",
                           arguments: [sampleID, annotator, Timestamps.now()])
        }
    }

    /// Adds time spent on a sample to the annotator's total for it.
    public func addAnnotationTime(sampleID: Int64, annotator: String, seconds: Double) throws(StoreError) {
        guard seconds > 0 else { return }
        let schema = labelSchema
        try writeLabels { db in
            try db.execute(sql: """
                INSERT INTO \(schema).annotation_time(sample_id, annotator, seconds, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(sample_id, annotator) DO UPDATE SET seconds = seconds + excluded.seconds, updated_at = excluded.updated_at
                """, arguments: [sampleID, annotator, seconds, Timestamps.now()])
        }
    }

    /// Records (or, with nil labels, removes) the adjudicated final rating of a sample on a dimension.
    public func setAdjudication(sampleID: Int64, dimension: String, labels: [String]?, adjudicator: String,
                                codebookID: Int64?) throws(StoreError) {
        let schema = labelSchema
        try writeLabels { db in
            guard let labels else {
                try db.execute(sql: "DELETE FROM \(schema).adjudications WHERE sample_id = ? AND dimension = ?",
                               arguments: [sampleID, dimension])
                return
            }
            try db.execute(sql: """
                INSERT OR REPLACE INTO \(schema).adjudications(sample_id, dimension, labels, adjudicator, codebook_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [sampleID, dimension, labels.sorted().joined(separator: "|"), adjudicator, codebookID, Timestamps.now()])
        }
    }

    // MARK: - Annotation queue

    /// The list position of the first sample after `position` (in the list's order) that
    /// `annotator` has not rated, or nil when every later sample is rated. Reads ids in pages.
    /// With `adjudication`, "rated" means "adjudicated" (by anyone).
    public func nextUnrated(_ filter: SampleFilter, order: SortKey, descending: Bool, after position: Int,
                            annotator: String, adjudication: Bool = false, context: BrowseContext) throws(StoreError) -> Int? {
        let done = adjudication
            ? "EXISTS (SELECT 1 FROM adjudications WHERE sample_id = s.id AND ?1 = ?1)"
            : "EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id AND annotator = ?1)"
        return try read { db -> Int? in
            let pageSize = 2_000
            var offset = position + 1
            while true {
                let join = order == .id ? "CROSS JOIN" : "JOIN"
                let sql = """
                    SELECT \(done) AS mine,
                      (SELECT score FROM judgments WHERE sample_id = s.id AND judge = ?4 AND metric = 'aligned') AS a_score,
                      (SELECT score FROM judgments WHERE sample_id = s.id AND judge = ?4 AND metric = 'coherent') AS c_score
                    FROM samples s \(join) runs r ON r.id = s.run_id \(join) questions q ON q.id = s.question_id
                    WHERE \(filter.sql)
                    ORDER BY \(order.sql(descending: descending, seed: context.shuffleSeed))
                    LIMIT ?2 OFFSET ?3
                    """
                var args: [DatabaseValue] = [annotator.databaseValue, pageSize.databaseValue, offset.databaseValue,
                                             (context.primaryJudge ?? "").databaseValue]
                args += filter.arguments.map(\.databaseValue)
                let mine = try Row.fetchAll(db, sql: Self.renumber(sql, fixed: 4), arguments: StatementArguments(args))
                    .map { $0[0] as Bool }
                if let i = mine.firstIndex(of: false) { return offset + i }
                if mine.count < pageSize { return nil }
                offset += pageSize
            }
        }
    }

    /// How many of the samples matching `filter` the annotator has rated (on any dimension), or with
    /// `adjudication`, how many have an adjudicated rating.
    public func ratedCount(_ filter: SampleFilter, annotator: String, adjudication: Bool = false) throws(StoreError) -> Int {
        let done = adjudication
            ? "EXISTS (SELECT 1 FROM adjudications WHERE sample_id = s.id AND ? IS NOT NULL)"
            : "EXISTS (SELECT 1 FROM ratings WHERE sample_id = s.id AND annotator = ?)"
        return try read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id
                WHERE (\(filter.sql)) AND \(done)
                """, arguments: StatementArguments(filter.arguments.map(\.databaseValue) + [annotator.databaseValue])) ?? 0
        }
    }

    /// Runs a label write in its own IMMEDIATE transaction: the write lock is taken at the start,
    /// so two annotators' processes queue on the busy timeout instead of failing on a lock upgrade.
    func writeLabels<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        guard canWriteLabels else {
            throw StoreError(.readOnly, file: path, problem: "is read-only, so labels cannot be saved in it",
                             remedy: "keep your labels in a separate file: emscope \(path) --labels my-labels.sqlite")
        }
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else {
                    throw StoreError(.io, file: labelsPath ?? path, problem: "a label write did not complete", remedy: "try again")
                }
                return result
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.from(error, file: labelsPath ?? path)
        }
    }
}
