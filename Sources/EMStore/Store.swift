import Foundation
import GRDB

/// An emscope store: an SQLite file with the experiment tables (docs/schema.sql) and emscope's own
/// tables (ratings, codebooks, filters), opened through GRDB.
///
/// The store is the only place that speaks SQL. Its API is named after the domain: `info()`,
/// `samplePage(…)`, `sampleDetail(id:)`, `importRecords(…)`. A store whose file cannot be written
/// opens read-only; emscope's tables then live in TEMP tables for the session.
public final class Store: Sendable {
    /// The path as the user gave it (used in messages).
    public let path: String
    /// True when the file could not be opened for writing.
    public let isReadOnly: Bool
    /// The separate labels file attached beside the runs (`--labels FILE`), if any. With one, the
    /// runs file is only read, and every label table (ratings, notes, codebooks, adjudications,
    /// reveals, annotation time) lives in the labels file.
    public let labelsPath: String?
    let writer: any DatabaseWriter

    init(path: String, writer: any DatabaseWriter, isReadOnly: Bool, labelsPath: String? = nil) {
        self.path = path
        self.writer = writer
        self.isReadOnly = isReadOnly
        self.labelsPath = labelsPath
    }

    /// The schema label writes go to: the attached labels file, or the store itself.
    var labelSchema: String { labelsPath == nil ? "main" : "labels" }

    /// True when ratings can be written (a writable store, or any store with a labels file).
    public var canWriteLabels: Bool { labelsPath != nil || !isReadOnly }

    /// How `open` treats a file that does not exist yet.
    public enum OpenMode: Sendable {
        /// The file must exist and be a store (the explorer, `info`, `query`, …).
        case existing
        /// Create the file and the schema when missing (`import --into`, `synth --out`).
        case createIfMissing
    }

    /// Opens a store, checking the file first so every failure is a clear `StoreError`.
    /// `readOnly` forces read-only access even when the file could be written (`--read-only`).
    /// `labels` keeps every label in that separate SQLite file (created when missing) and opens the
    /// runs store without ever writing to it. `busyTimeout` is how long a write waits for another
    /// program's lock before it fails with `.locked` (tests shorten it).
    public static func open(_ path: String, mode: OpenMode = .existing, readOnly: Bool = false,
                            labels: String? = nil, busyTimeout: Double = defaultBusyTimeout) throws(StoreError) -> Store {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDir)
        if exists && isDir.boolValue {
            throw StoreError(.isDirectory, file: path, problem: "is a directory, not a store file",
                             remedy: "pass the .sqlite file itself")
        }
        if !exists {
            guard mode == .createIfMissing else {
                throw StoreError(.missing, file: path, problem: "no such file",
                                 remedy: "check the path, or create a store with 'emscope import' or 'emscope synth --out \(path)'")
            }
            return try create(path)
        }
        let size = (try? fm.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if size == 0 {
            if mode == .createIfMissing { return try create(path) }
            throw StoreError(.empty, file: path, problem: "is an empty file, not an emscope store",
                             remedy: "create one with 'sqlite3 \(path) < docs/schema.sql', 'emscope import' or 'emscope synth'")
        }
        // The header is not read through a file handle of our own: closing any descriptor on a
        // database file drops this process's SQLite locks on it (POSIX advisory locks), which can
        // corrupt a store that is open elsewhere in the process. SQLite reports a non-database
        // file itself (SQLITE_NOTADB), mapped below to the same one-line message.
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw StoreError(.io, file: path, problem: "cannot be read (permission denied)",
                             remedy: "check the file's permissions")
        }
        if let labels {
            return try openWithLabels(path, labels: labels)
        }
        let directory = (path as NSString).deletingLastPathComponent
        let writable = !readOnly && fm.isWritableFile(atPath: path)
            && fm.isWritableFile(atPath: directory.isEmpty ? "." : directory)
        return try openExisting(path, writable: writable, busyTimeout: busyTimeout)
    }

    /// Seconds a write waits for another connection's lock (DECISIONS.md: no "database is locked").
    public static let defaultBusyTimeout = 10.0

    /// A fresh store in memory, with the full schema: for tests and benchmarks.
    public static func inMemory() throws(StoreError) -> Store {
        do {
            let queue = try DatabaseQueue(configuration: baseConfiguration(readOnly: false))
            try queue.write { db in try db.execute(sql: Schema.experimentTablesSQL) }
            let store = Store(path: ":memory:", writer: queue, isReadOnly: false)
            try store.migrate()
            return store
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.from(error, file: ":memory:")
        }
    }

    private static func create(_ path: String) throws(StoreError) -> Store {
        do {
            let pool = try DatabasePool(path: path, configuration: baseConfiguration(readOnly: false))
            try pool.write { db in try db.execute(sql: Schema.experimentTablesSQL) }
            let store = Store(path: path, writer: pool, isReadOnly: false)
            try store.migrate()
            return store
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.from(error, file: path)
        }
    }

    private static func openExisting(_ path: String, writable: Bool, busyTimeout: Double) throws(StoreError) -> Store {
        do {
            let writer: any DatabaseWriter
            if writable {
                writer = try DatabasePool(path: path, configuration: baseConfiguration(readOnly: false, busyTimeout: busyTimeout))
            } else {
                writer = try DatabaseQueue(path: path, configuration: baseConfiguration(readOnly: true, busyTimeout: busyTimeout))
            }
            let store = Store(path: path, writer: writer, isReadOnly: !writable)
            try store.validateExperimentTables()
            try store.checkSchemaVersion()
            if writable {
                try store.migrate()
            } else {
                try store.createTemporaryTables()
            }
            return store
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.from(error, file: path)
        }
    }

    /// Connection settings: foreign keys, a busy timeout instead of "database is locked", and
    /// synchronous=FULL so a rating shown as saved survives a crash or power loss (DECISIONS.md).
    static func baseConfiguration(readOnly: Bool, labels: String? = nil, busyTimeout: Double = defaultBusyTimeout) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = false // harness-written stores may not satisfy them; never enforce on read
        config.label = "emscope"
        config.prepareDatabase { db in
            // A 16 MB page cache per connection: list pages and details come from memory after a first read.
            try db.execute(sql: "PRAGMA cache_size = -16384")
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            if let labels {
                try LabelsFile.attach(labels, to: db)
            }
        }
        return config
    }

    /// Runs emscope's migrations (never touches the experiment tables' contents).
    func migrate() throws {
        try Migrations.migrator.migrate(writer)
    }

    /// emscope's tables as TEMP tables, so a read-only store can still be browsed and filtered.
    func createTemporaryTables() throws {
        try writer.writeWithoutTransaction { db in
            let hasRatings = try db.tableExists("ratings")
            if !hasRatings {
                try db.execute(sql: Schema.emscopeTablesSQL(temp: true))
            }
            if !(try db.tableExists("reveals")) {
                try db.execute(sql: Schema.labellingTablesSQL(temp: true))
            }
        }
    }

    /// Refuses files that lack a table or column of the experiment schema.
    func validateExperimentTables() throws {
        try writer.read { db in
            for (table, columns) in Schema.requiredColumns.sorted(by: { $0.key < $1.key }) {
                guard try db.tableExists(table) else {
                    throw StoreError(.notAStore, file: path, problem: "has no table '\(table)', so it is not an emscope store",
                                     remedy: "see docs/schema.md for the tables a store needs")
                }
                let info = try db.columns(in: table)
                let present = Set(info.map { $0.name.lowercased() })
                if let missing = columns.first(where: { !present.contains($0) }) {
                    throw StoreError(.notAStore, file: path, problem: "table '\(table)' has no column '\(missing)'",
                                     remedy: "see docs/schema.md for the columns a store needs")
                }
                try checkValues(db, table: table, columns: info)
            }
        }
    }

    /// Values the schema requires (`NOT NULL`, INTEGER, REAL) in a table declared without those
    /// constraints, as harness-written stores may be: one NULL answer or a score stored as text
    /// would otherwise stop a command or the explorer when it reaches that row. Columns declared
    /// as in docs/schema.sql are trusted, so emscope's own stores are never scanned.
    func checkValues(_ db: Database, table: String, columns: [ColumnInfo]) throws {
        for column in columns {
            let name = column.name.lowercased()
            guard let rule = Schema.valueRules[table]?[name] else { continue }
            let declared = column.type.uppercased()
            let declaredAsRequired = (!rule.nullable ? column.isNotNull : true)
                && (rule.type == "TEXT" || declared == rule.type)
            if declaredAsRequired { continue }
            var bad: [String] = []
            if !rule.nullable { bad.append("\(name) IS NULL") }
            switch rule.type {
            case "INTEGER": bad.append("typeof(\(name)) NOT IN ('integer', 'null')")
            case "REAL": bad.append("typeof(\(name)) NOT IN ('integer', 'real', 'null')")
            default: break
            }
            guard !bad.isEmpty, let row = try Row.fetchOne(db, sql: """
                SELECT rowid AS id, typeof(\(name)) AS t FROM \(table) WHERE \(bad.joined(separator: " OR ")) LIMIT 1
                """) else { continue }
            let id: Int64 = row["id"], kind: String = row["t"]
            let what = kind == "null" ? "is NULL" : "holds \(kind == "text" ? "text" : kind) where \(rule.type == "REAL" ? "a number" : "an integer") belongs"
            throw StoreError(.notAStore, file: path, problem: "\(table).\(name) \(what) (row id \(id))",
                             remedy: "fix the rows (see docs/schema.md for what each column holds) or re-import the runs")
        }
    }

    /// Refuses a store written by a newer emscope.
    func checkSchemaVersion() throws {
        try writer.read { db in
            let superseded = try Migrations.migrator.hasBeenSuperseded(db)
            var version = 0
            if try db.tableExists("emscope_meta") {
                version = Int(try String.fetchOne(db, sql: "SELECT value FROM emscope_meta WHERE key = 'schema_version'") ?? "0") ?? 0
            }
            if superseded || version > Schema.currentVersion {
                throw StoreError(.newerSchema, file: path,
                                 problem: "was written by a newer emscope (schema version \(max(version, Schema.currentVersion + 1)); this emscope knows \(Schema.currentVersion))",
                                 remedy: "update emscope to open it")
            }
        }
    }

    /// The emscope schema version recorded in the store (0 when emscope never migrated it).
    public func schemaVersion() throws(StoreError) -> Int {
        try read { db in try schemaVersion(db) }
    }

    /// Runs a read, turning any database error into a `StoreError` about this file.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.unsafeReentrantRead(body)
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.from(error, file: path)
        }
    }

    /// Runs a write in one transaction, turning any database error into a `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        if isReadOnly {
            throw StoreError(.readOnly, file: path, problem: "is read-only",
                             remedy: "keep your labels in a separate file with --labels FILE, or work on a copy")
        }
        do {
            return try writer.write(body)
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.from(error, file: path)
        }
    }
}

extension StoreError {
    /// Maps an SQLite/GRDB error to a one-line store error.
    static func from(_ error: Error, file: String) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let db = error as? DatabaseError else {
            return StoreError(.io, file: file, problem: "\(error)", remedy: "")
        }
        let detail = db.message ?? "\(db.resultCode)"
        switch db.resultCode.primaryResultCode {
        case .SQLITE_NOTADB:
            return StoreError(.notSQLite, file: file, problem: "is not an SQLite database",
                              remedy: "pass an emscope store, or convert the file with 'emscope import FORMAT \(file) --into STORE'")
        case .SQLITE_CORRUPT:
            return StoreError(.corrupt, file: file, problem: "is damaged (\(detail))",
                              remedy: "restore it from a backup, or try 'sqlite3 \(file) .recover'")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.locked, file: file, problem: "is locked by another program",
                              remedy: "wait for it to finish, then try again")
        case .SQLITE_FULL:
            return StoreError(.diskFull, file: file, problem: "could not be written: the disk is full",
                              remedy: "free some space; nothing was lost, try again")
        case .SQLITE_READONLY:
            return StoreError(.readOnly, file: file, problem: "is read-only",
                              remedy: "use --labels FILE to keep labels elsewhere, or work on a copy")
        case .SQLITE_CANTOPEN:
            return StoreError(.io, file: file, problem: "cannot be opened (\(detail))",
                              remedy: "check the path and its permissions")
        case .SQLITE_IOERR:
            return StoreError(.io, file: file, problem: "input/output error (\(detail))",
                              remedy: "check the disk; nothing was written")
        default:
            return StoreError(.io, file: file, problem: detail, remedy: "")
        }
    }
}

extension Store {
    /// Checkpoints the WAL into the main file and closes the connections, so the file can be
    /// moved or copied on its own.
    public func close() throws(StoreError) {
        do {
            if let pool = writer as? DatabasePool {
                try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
                try pool.close()
            } else if let queue = writer as? DatabaseQueue {
                try queue.close()
            }
        } catch {
            throw StoreError.from(error, file: path)
        }
    }
}

extension Store {
    /// Creates a brand-new store for a bulk load (synth, the sample runs) with the journal and
    /// fsyncs off: the caller writes it under a temporary name and renames it when complete, so
    /// a crash leaves no half-written store behind, only a temporary file.
    public static func createForBulkLoad(_ path: String) throws(StoreError) -> Store {
        try createAside(path, pragmas: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
    }

    /// A new store file with the full schema, opened on one connection with `pragmas` (the bulk
    /// writers' journal and sync settings). Refuses a file that already exists.
    static func createAside(_ path: String, pragmas: String) throws(StoreError) -> Store {
        if FileManager.default.fileExists(atPath: path) {
            throw StoreError(.io, file: path, problem: "already exists", remedy: "remove it or choose another name")
        }
        do {
            var config = baseConfiguration(readOnly: false)
            config.prepareDatabase { db in try db.execute(sql: pragmas) }
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.write { db in try db.execute(sql: Schema.experimentTablesSQL) }
            let store = Store(path: path, writer: queue, isReadOnly: false)
            try store.migrate()
            return store
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.from(error, file: path)
        }
    }
}

extension Store {
    /// Creates a brand-new store for `emscope import` into a file that did not exist: fsyncs off
    /// and a large page cache, with the rollback journal kept in memory so that a bad file still
    /// rolls back cleanly (one transaction per file). The caller writes it under a temporary name
    /// and renames it when the import ends, so a crash leaves no half-written store, and a
    /// failed first file leaves no empty one.
    public static func createForImport(_ path: String) throws(StoreError) -> Store {
        let store = try createAside(path, pragmas: "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -131072")
        // Secondary indexes are built once at the end (`finishImport`), from sorted data,
        // instead of being updated row by row: a third of the cost of writing a judgment.
        do {
            try store.writer.writeWithoutTransaction { db in
                for index in deferredIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index)") }
            }
        } catch {
            throw StoreError.from(error, file: path)
        }
        return store
    }

    /// The experiment tables' secondary indexes, dropped during a new store's import.
    static let deferredIndexes = ["judgments_by_judge_metric", "samples_by_question", "run_examples_by_example"]

    /// Builds the indexes a store made by `createForImport` left out, then closes it.
    public func finishImport() throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in try db.execute(sql: Schema.experimentTablesSQL) }
        } catch {
            throw StoreError.from(error, file: path)
        }
        try close()
    }
}
