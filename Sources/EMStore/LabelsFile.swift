import Foundation
import GRDB

/// A labels file (`--labels FILE`): an SQLite file that holds only emscope's label tables, attached
/// beside a runs store as the schema `labels`. The runs store is then only read. Each connection
/// gets TEMP views named like the label tables, so every query that reads `ratings`, `notes`, … reads
/// the labels file (TEMP objects shadow the store's own tables); writes name `labels.` explicitly.
enum LabelsFile {
    /// The tables a labels file holds, all read through TEMP views of the same name.
    static let tables = ["codebooks", "ratings", "notes", "adjudications", "reveals", "annotation_time"]
    /// The highest labels-file format this binary knows.
    static let currentVersion = 1

    /// Creates the labels file when missing, or checks and migrates an existing one.
    static func prepare(_ path: String) throws(StoreError) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue {
                throw StoreError(.isDirectory, file: path, problem: "is a directory, not a labels file",
                                 remedy: "pass a file name for --labels (it is created when missing)")
            }
            if !fm.isWritableFile(atPath: path) {
                throw StoreError(.readOnly, file: path, problem: "is read-only, so labels cannot be saved to it",
                                 remedy: "pass a labels file you can write, or copy this one")
            }
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: Store.baseConfiguration(readOnly: false))
            try queue.writeWithoutTransaction { db in
                if try db.tableExists("samples") {
                    throw StoreError(.notAStore, file: path, problem: "is a runs store, not a labels file",
                                     remedy: "pass a new file name for --labels (it is created when missing)")
                }
                if try db.tableExists("emscope_meta"),
                   let v = try String.fetchOne(db, sql: "SELECT value FROM emscope_meta WHERE key = 'labels_version'"),
                   (Int(v) ?? 0) > currentVersion {
                    throw StoreError(.newerSchema, file: path,
                                     problem: "was written by a newer emscope (labels format \(v); this emscope knows \(currentVersion))",
                                     remedy: "update emscope to use it")
                }
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try migrator.migrate(queue)
            try queue.close()
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.from(error, file: path)
        }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("labels-v1") { db in
            try db.execute(sql: Schema.emscopeTablesSQL(temp: false))
            try db.execute(sql: Schema.labellingTablesSQL(temp: false))
            try db.execute(sql: """
                INSERT OR REPLACE INTO emscope_meta(key, value) VALUES ('kind', 'labels'), ('labels_version', '1')
                """)
        }
        return m
    }

    /// Attaches the labels file to a connection and shadows the label tables with TEMP views.
    static func attach(_ path: String, to db: Database) throws {
        try db.execute(sql: "ATTACH DATABASE ? AS labels", arguments: [path])
        if !db.configuration.readonly {
            try db.execute(sql: "PRAGMA labels.synchronous = FULL")
        }
        for table in tables {
            try db.execute(sql: "DROP TABLE IF EXISTS temp.\(table)")
            try db.execute(sql: "CREATE TEMP VIEW IF NOT EXISTS \(table) AS SELECT * FROM labels.\(table)")
        }
    }
}

extension Store {
    /// Opens a runs store with a labels file beside it: the runs are read, never written (no
    /// migration, the search index kept in TEMP tables when the store's own is missing or behind).
    static func openWithLabels(_ path: String, labels: String) throws(StoreError) -> Store {
        try LabelsFile.prepare(labels)
        do {
            // Opened with write access only so that the attached labels file is writable (SQLite opens
            // attached files with the main file's flags); nothing ever writes to the runs tables, and
            // a write-protected runs file is opened read-only by SQLite itself.
            let queue = try DatabaseQueue(path: path, configuration: baseConfiguration(readOnly: false, labels: labels))
            let store = Store(path: path, writer: queue, isReadOnly: true, labelsPath: labels)
            try store.validateExperimentTables()
            try store.checkSchemaVersion()
            try queue.writeWithoutTransaction { db in
                // A new labels file starts with the runs store's codebooks (same ids, so ratings
                // made through either refer to the same versions).
                let empty = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM labels.codebooks") == 0
                if empty, try db.tableExists("codebooks", in: "main") {
                    try db.execute(sql: "INSERT INTO labels.codebooks SELECT * FROM main.codebooks")
                }
                // The session's own filter history and saved filters, when the store has none.
                if !(try db.tableExists("saved_filters")) {
                    try db.execute(sql: """
                        CREATE TEMP TABLE IF NOT EXISTS emscope_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                        CREATE TEMP TABLE IF NOT EXISTS saved_filters (name TEXT PRIMARY KEY, query TEXT NOT NULL, created_at TEXT NOT NULL);
                        CREATE TEMP TABLE IF NOT EXISTS filter_history (id INTEGER PRIMARY KEY, query TEXT NOT NULL, used_at TEXT NOT NULL);
                        """)
                }
            }
            return store
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.from(error, file: path)
        }
    }
}
