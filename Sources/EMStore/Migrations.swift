import EMQuery
import GRDB

/// emscope's versioned migrations. They create emscope's own tables and never rewrite the
/// experiment tables. Each migration bumps `emscope_meta.schema_version`.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: Schema.emscopeTablesSQL(temp: false))
            try db.execute(sql: "INSERT OR REPLACE INTO emscope_meta(key, value) VALUES ('schema_version', '1')")
        }
        m.registerMigration("v2") { db in
            // The search index starts empty; `Store.updateSearchIndex` fills it (never on open).
            try db.execute(sql: Schema.searchIndexSQL(temp: false))
            try db.execute(sql: """
                INSERT OR REPLACE INTO search_index_state(key, value)
                VALUES ('high_water', '0'), ('indexed', '0'), ('fold_version', ?)
                """, arguments: [String(TextFold.version)])
            try db.execute(sql: "INSERT OR REPLACE INTO emscope_meta(key, value) VALUES ('schema_version', '2')")
        }
        m.registerMigration("v3") { db in
            try db.execute(sql: Schema.labellingTablesSQL(temp: false))
            try db.execute(sql: "INSERT OR REPLACE INTO emscope_meta(key, value) VALUES ('schema_version', '3')")
        }
        return m
    }
}
