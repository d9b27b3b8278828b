import EMCore
import Foundation
import GRDB

/// A sample named the way every copy of a store agrees on: run name, question key, sample index.
/// (Sample ids differ between copies imported in a different order.)
public struct SampleKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var run: String
    public var question: String
    public var index: Int

    public init(run: String, question: String, index: Int) {
        self.run = run
        self.question = question
        self.index = index
    }

    public static func < (a: SampleKey, b: SampleKey) -> Bool {
        (a.run, a.question, a.index) < (b.run, b.question, b.index)
    }

    public var description: String { "\(run) / \(question) / \(index)" }
}

/// Two inputs that disagree about the same rating (same annotator, sample and dimension) or the same
/// adjudication (same sample and dimension): different label sets.
public struct LabelsMergeConflict: Equatable, Sendable {
    public enum Kind: String, Sendable { case rating, adjudication }
    public var kind: Kind
    public var sample: SampleKey
    /// The annotator (ratings) or adjudicator of the first input's version.
    public var annotator: String
    public var dimension: String
    public var firstFile: String
    public var firstLabels: [String]
    public var otherFile: String
    public var otherLabels: [String]
}

/// What a merge found and did.
public struct LabelsMergeSummary: Equatable, Sendable {
    public var inputs = 0
    public var ratings = 0
    /// Ratings found identical in more than one input (counted once in `ratings`).
    public var identicalRatings = 0
    public var notes = 0
    public var adjudications = 0
    public var reveals = 0
    public var annotationTimes = 0
    public var codebooks = 0
    public var conflicts: [LabelsMergeConflict] = []
    /// False when conflicts stopped the merge (nothing was written).
    public var wrote = false
}

/// Combines the label tables of labels files and stores into one labels file (see docs/labels.md):
///
/// - every row is matched by its sample's natural key (`SampleKey`), never by sample id;
/// - a labels file holds only sample ids, so its ids are read against the runs store `runs` (the
///   store it was made beside); a store input uses its own samples;
/// - the output's sample ids are those of `runs`, so the output is a `--labels` file for `runs`;
/// - ratings: identical label sets merge; different ones are conflicts, and unless `keepFirst`
///   nothing is written; with `keepFirst` the first input's rating is kept (the output's own
///   content, when it exists, comes first);
/// - notes: the most recently updated text; reveals: the earliest; annotation time: the largest
///   total (never a sum: merging a file with a copy of itself must not double the time);
///   adjudications like ratings; codebooks by (name, definition), numbered anew per name in order
///   of first appearance.
public enum LabelsMerge {
    public static func merge(out: String, inputs: [String], runs: String, keepFirst: Bool) throws(StoreError) -> LabelsMergeSummary {
        let reference = try Reference(path: runs)
        var state = MergeState()
        var files: [String] = []
        let outExists = FileManager.default.fileExists(atPath: out)
        if outExists {
            try LabelsFile.prepare(out)
            files.append(out)
        }
        for input in inputs where !files.contains(where: { Self.samePath($0, input) }) {
            files.append(input)
        }
        for (i, file) in files.enumerated() {
            try read(file, index: i, reference: reference, into: &state)
        }
        var summary = state.summary
        summary.inputs = files.count
        guard summary.conflicts.isEmpty || keepFirst else { return summary }
        if !outExists { try LabelsFile.prepare(out) }
        try write(state, to: out, reference: reference)
        summary.wrote = true
        return summary
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
    }

    // MARK: - The runs store that gives the output its sample ids

    final class Reference {
        let path: String
        let queue: DatabaseQueue
        private var byID: [Int64: SampleKey] = [:]

        init(path: String) throws(StoreError) {
            self.path = path
            try Self.checkFile(path)
            do {
                queue = try DatabaseQueue(path: path, configuration: Store.baseConfiguration(readOnly: true))
                try queue.read { db in
                    guard try db.tableExists("samples"), try db.tableExists("runs"), try db.tableExists("questions") else {
                        throw StoreError(.notAStore, file: path, problem: "is not a runs store (it has no samples)",
                                         remedy: "pass the runs store the labels were made beside with --store")
                    }
                }
            } catch {
                throw StoreError.from(error, file: path)
            }
        }

        static func checkFile(_ path: String) throws(StoreError) {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw StoreError(.missing, file: path, problem: "no such file", remedy: "check the path")
            }
            if isDir.boolValue {
                throw StoreError(.isDirectory, file: path, problem: "is a directory", remedy: "pass the .sqlite file itself")
            }
        }

        /// The natural key of a sample id of this store.
        func key(of id: Int64) throws -> SampleKey? {
            if let k = byID[id] { return k }
            let k = try queue.read { db in
                try Row.fetchOne(db, sql: """
                    SELECT r.name, q.key, s.sample_index FROM samples s JOIN runs r ON r.id = s.run_id
                    JOIN questions q ON q.id = s.question_id WHERE s.id = ?
                    """, arguments: [id]).map { SampleKey(run: $0[0], question: $0[1], index: $0[2]) }
            }
            if let k { byID[id] = k }
            return k
        }

        /// This store's id of a sample, by natural key.
        func id(of key: SampleKey, _ db: Database) throws -> Int64? {
            try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT s.id FROM samples s JOIN runs r ON r.id = s.run_id JOIN questions q ON q.id = s.question_id
                WHERE r.name = ? AND q.key = ? AND s.sample_index = ?
                """), arguments: [key.run, key.question, key.index])
        }
    }

    // MARK: - Merged state

    struct Rating {
        var labels: String
        var codebook: Int?          // index into MergeState.codebooks
        var blind: Bool
        var changed: Bool
        var seconds: Double?
        var createdAt: String
        var updatedAt: String
        var file: String
    }

    struct Adjudication {
        var labels: String
        var adjudicator: String
        var codebook: Int?
        var note: String?
        var createdAt: String
        var file: String
    }

    struct RatingKey: Hashable { var sample: SampleKey; var annotator: String; var dimension: String }
    struct AnnotatorKey: Hashable { var sample: SampleKey; var annotator: String }
    struct DimensionKey: Hashable { var sample: SampleKey; var dimension: String }

    struct MergeState {
        var codebooks: [(name: String, definition: String, importedAt: String)] = []
        var ratingOrder: [RatingKey] = []
        var ratings: [RatingKey: Rating] = [:]
        var notes: [AnnotatorKey: (text: String, updatedAt: String)] = [:]
        var reveals: [AnnotatorKey: String] = [:]
        var times: [AnnotatorKey: (seconds: Double, updatedAt: String)] = [:]
        var adjudications: [DimensionKey: Adjudication] = [:]
        var summary = LabelsMergeSummary()

        mutating func codebookIndex(name: String, definition: String, importedAt: String) -> Int {
            if let i = codebooks.firstIndex(where: { $0.name == name && $0.definition == definition }) { return i }
            codebooks.append((name, definition, importedAt))
            return codebooks.count - 1
        }
    }

    // MARK: - Reading one input

    static func read(_ file: String, index: Int, reference: Reference, into state: inout MergeState) throws(StoreError) {
        try Reference.checkFile(file)
        do {
            let queue = try DatabaseQueue(path: file, configuration: Store.baseConfiguration(readOnly: true))
            defer { try? queue.close() }
            try queue.read { db in
                guard try db.tableExists("ratings") else {
                    throw StoreError(.notAStore, file: file, problem: "has no ratings table, so it is neither a labels file nor a store",
                                     remedy: "pass labels files (--labels) and emscope stores")
                }
                let isStore = try db.tableExists("samples")
                var keys: [Int64: SampleKey] = [:]
                func key(_ id: Int64) throws -> SampleKey {
                    if let k = keys[id] { return k }
                    let k: SampleKey?
                    if isStore {
                        k = try Row.fetchOne(db.cachedStatement(sql: """
                            SELECT r.name, q.key, s.sample_index FROM samples s JOIN runs r ON r.id = s.run_id
                            JOIN questions q ON q.id = s.question_id WHERE s.id = ?
                            """), arguments: [id]).map { SampleKey(run: $0[0], question: $0[1], index: $0[2]) }
                        guard let k else {
                            throw StoreError(.badInput, file: file, problem: "has labels on sample id \(id), which it does not hold",
                                             remedy: "the store is inconsistent; export its labels with a store that has the sample")
                        }
                        keys[id] = k
                        return k
                    }
                    k = try reference.key(of: id)
                    guard let k else {
                        throw StoreError(.badInput, file: file,
                                         problem: "has labels on sample id \(id), which \(reference.path) does not hold",
                                         remedy: "pass the runs store these labels were made beside with --store")
                    }
                    keys[id] = k
                    return k
                }
                var codebookMap: [Int64: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT id, name, definition, imported_at FROM codebooks ORDER BY name, version") {
                    codebookMap[row[0]] = state.codebookIndex(name: row[1], definition: row[2], importedAt: row[3])
                }
                let ratings = try Row.fetchCursor(db, sql: """
                    SELECT sample_id, annotator, dimension, labels, codebook_id, blind, changed_after_reveal, seconds,
                           created_at, updated_at FROM ratings ORDER BY sample_id, annotator, dimension
                    """)
                while let row = try ratings.next() {
                    let k = RatingKey(sample: try key(row[0]), annotator: row[1], dimension: row[2])
                    let r = Rating(labels: row[3] ?? "", codebook: (row[4] as Int64?).flatMap { codebookMap[$0] },
                                   blind: (row[5] as Int64? ?? 0) != 0, changed: (row[6] as Int64? ?? 0) != 0, seconds: row[7],
                                   createdAt: row[8], updatedAt: row[9], file: file)
                    guard var known = state.ratings[k] else {
                        state.ratings[k] = r
                        state.ratingOrder.append(k)
                        continue
                    }
                    if known.labels == r.labels {
                        state.summary.identicalRatings += 1
                        known.createdAt = min(known.createdAt, r.createdAt)
                        known.updatedAt = max(known.updatedAt, r.updatedAt)
                        if known.codebook == nil { known.codebook = r.codebook }
                        state.ratings[k] = known
                    } else {
                        state.summary.conflicts.append(LabelsMergeConflict(
                            kind: .rating, sample: k.sample, annotator: k.annotator, dimension: k.dimension,
                            firstFile: known.file, firstLabels: Store.splitLabels(known.labels),
                            otherFile: file, otherLabels: Store.splitLabels(r.labels)))
                    }
                }
                if try db.tableExists("notes") {
                    for row in try Row.fetchAll(db, sql: "SELECT sample_id, annotator, text, updated_at FROM notes ORDER BY sample_id, annotator") {
                        let k = AnnotatorKey(sample: try key(row[0]), annotator: row[1])
                        let updated: String = row[3]
                        if let known = state.notes[k], known.updatedAt >= updated { continue }
                        state.notes[k] = (row[2], updated)
                    }
                }
                if try db.tableExists("reveals") {
                    for row in try Row.fetchAll(db, sql: "SELECT sample_id, annotator, revealed_at FROM reveals ORDER BY sample_id, annotator") {
                        let k = AnnotatorKey(sample: try key(row[0]), annotator: row[1])
                        let at: String = row[2]
                        if let known = state.reveals[k], known <= at { continue }
                        state.reveals[k] = at
                    }
                }
                if try db.tableExists("annotation_time") {
                    for row in try Row.fetchAll(db, sql: "SELECT sample_id, annotator, seconds, updated_at FROM annotation_time ORDER BY sample_id, annotator") {
                        let k = AnnotatorKey(sample: try key(row[0]), annotator: row[1])
                        let seconds: Double = row[2]
                        if let known = state.times[k], known.seconds >= seconds { continue }
                        state.times[k] = (seconds, row[3])
                    }
                }
                if try db.tableExists("adjudications") {
                    for row in try Row.fetchAll(db, sql: """
                        SELECT sample_id, dimension, labels, adjudicator, codebook_id, note, created_at FROM adjudications
                        ORDER BY sample_id, dimension
                        """) {
                        let k = DimensionKey(sample: try key(row[0]), dimension: row[1])
                        let a = Adjudication(labels: row[2], adjudicator: row[3], codebook: (row[4] as Int64?).flatMap { codebookMap[$0] },
                                             note: row[5], createdAt: row[6], file: file)
                        guard let known = state.adjudications[k] else {
                            state.adjudications[k] = a
                            continue
                        }
                        if known.labels != a.labels {
                            state.summary.conflicts.append(LabelsMergeConflict(
                                kind: .adjudication, sample: k.sample, annotator: known.adjudicator, dimension: k.dimension,
                                firstFile: known.file, firstLabels: Store.splitLabels(known.labels),
                                otherFile: file, otherLabels: Store.splitLabels(a.labels)))
                        }
                    }
                }
            }
        } catch {
            throw StoreError.from(error, file: file)
        }
        state.summary.ratings = state.ratings.count
        state.summary.notes = state.notes.count
        state.summary.reveals = state.reveals.count
        state.summary.annotationTimes = state.times.count
        state.summary.adjudications = state.adjudications.count
        state.summary.codebooks = state.codebooks.count
    }

    // MARK: - Writing the output

    static func write(_ state: MergeState, to out: String, reference: Reference) throws(StoreError) {
        do {
            let queue = try DatabaseQueue(path: out, configuration: Store.baseConfiguration(readOnly: false))
            defer { try? queue.close() }
            // The reference store's ids, read before the write transaction (another file).
            var ids: [SampleKey: Int64] = [:]
            var missing: SampleKey?
            try reference.queue.read { db in
                var keys = Set(state.ratingOrder.map(\.sample))
                keys.formUnion(state.notes.keys.map(\.sample))
                keys.formUnion(state.reveals.keys.map(\.sample))
                keys.formUnion(state.times.keys.map(\.sample))
                keys.formUnion(state.adjudications.keys.map(\.sample))
                for k in keys.sorted() {
                    if let id = try reference.id(of: k, db) { ids[k] = id } else if missing == nil { missing = k }
                }
            }
            if let missing {
                throw StoreError(.badInput, file: reference.path,
                                 problem: "has no sample \(missing) (run / question / index), which an input has labels on",
                                 remedy: "pass the runs store that holds every labelled sample with --store; nothing was written")
            }
            try queue.write { db in
                for table in LabelsFile.tables { try db.execute(sql: "DELETE FROM \(table)") }
                var codebookIDs: [Int64] = []
                var versions: [String: Int] = [:]
                for c in state.codebooks {
                    let version = (versions[c.name] ?? 0) + 1
                    versions[c.name] = version
                    try db.execute(sql: "INSERT INTO codebooks(name, version, definition, imported_at) VALUES (?, ?, ?, ?)",
                                   arguments: [c.name, version, c.definition, c.importedAt])
                    codebookIDs.append(db.lastInsertedRowID)
                }
                for k in state.ratingOrder {
                    guard let r = state.ratings[k], let id = ids[k.sample] else { continue }
                    try db.cachedStatement(sql: """
                        INSERT INTO ratings(sample_id, annotator, dimension, labels, codebook_id, blind, changed_after_reveal,
                                            seconds, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [id, k.annotator, k.dimension, r.labels, r.codebook.map { codebookIDs[$0] },
                                                 r.blind, r.changed, r.seconds, r.createdAt, r.updatedAt])
                }
                for (k, n) in state.notes.sorted(by: { ($0.key.sample, $0.key.annotator) < ($1.key.sample, $1.key.annotator) }) {
                    guard let id = ids[k.sample] else { continue }
                    try db.execute(sql: "INSERT INTO notes(sample_id, annotator, text, updated_at) VALUES (?, ?, ?, ?)",
                                   arguments: [id, k.annotator, n.text, n.updatedAt])
                }
                for (k, at) in state.reveals.sorted(by: { ($0.key.sample, $0.key.annotator) < ($1.key.sample, $1.key.annotator) }) {
                    guard let id = ids[k.sample] else { continue }
                    try db.execute(sql: "INSERT INTO reveals(sample_id, annotator, revealed_at) VALUES (?, ?, ?)",
                                   arguments: [id, k.annotator, at])
                }
                for (k, t) in state.times.sorted(by: { ($0.key.sample, $0.key.annotator) < ($1.key.sample, $1.key.annotator) }) {
                    guard let id = ids[k.sample] else { continue }
                    try db.execute(sql: "INSERT INTO annotation_time(sample_id, annotator, seconds, updated_at) VALUES (?, ?, ?, ?)",
                                   arguments: [id, k.annotator, t.seconds, t.updatedAt])
                }
                for (k, a) in state.adjudications.sorted(by: { ($0.key.sample, $0.key.dimension) < ($1.key.sample, $1.key.dimension) }) {
                    guard let id = ids[k.sample] else { continue }
                    try db.execute(sql: """
                        INSERT INTO adjudications(sample_id, dimension, labels, adjudicator, codebook_id, note, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [id, k.dimension, a.labels, a.adjudicator, a.codebook.map { codebookIDs[$0] }, a.note, a.createdAt])
                }
            }
        } catch {
            throw StoreError.from(error, file: out)
        }
    }
}
