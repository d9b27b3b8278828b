import EMCore
import Foundation
import GRDB

/// Reading and versioning codebooks in the store.
enum CodebookStore {
    /// The canonical JSON text of a codebook (sorted keys), used to detect changes.
    static func definitionJSON(_ c: Codebook) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(c), as: UTF8.self)
    }

    /// Stores a codebook: identical to the latest stored version of that name → present;
    /// otherwise a new stored version (one above the highest). Returns its row id.
    static func upsert(_ db: Database, schema: String = "main", codebook c: Codebook, definition: String,
                       counted: (Bool) -> Void) throws -> Int64 {
        let rows = try Row.fetchAll(db, sql: "SELECT id, version, definition FROM \(schema).codebooks WHERE name = ? ORDER BY version",
                                    arguments: [c.name])
        if let same = rows.first(where: { ($0["definition"] as String) == definition }) {
            counted(false)
            return same["id"]
        }
        let version = (rows.map { $0["version"] as Int }.max() ?? 0) + 1
        try db.execute(sql: "INSERT INTO \(schema).codebooks(name, version, definition, imported_at) VALUES (?, ?, ?, ?)",
                       arguments: [c.name, version, definition, Timestamps.now()])
        counted(true)
        return db.lastInsertedRowID
    }
}

/// ISO 8601 timestamps in UTC, as stored in emscope's tables.
public enum Timestamps {
    /// The current time, e.g. `2026-11-29T01:02:03Z`.
    public static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}
