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
        return m
    }
}
