import GRDB
import GRDBSQLite

/// A prepared INSERT run with values bound straight onto the SQLite statement: the import's hot
/// path (one sample and its judgments per line). `Statement.execute(arguments:)` built a
/// `StatementArguments` array and went through GRDB's binding layer for every row, about a
/// fifth of the writer's time at 100k samples.
final class FastInsert {
    let statement: Statement
    let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// Binds `values` in order (nil binds NULL), runs the statement, and returns true when it
    /// inserted a row.
    @discardableResult
    func run(_ values: (any DatabaseValueConvertible)?...) throws -> Bool {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        for (i, value) in values.enumerated() {
            let code = value?.databaseValue.bind(to: s, at: CInt(i + 1)) ?? sqlite3_bind_null(s, CInt(i + 1))
            if code != SQLITE_OK { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql) }
        }
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
        return sqlite3_changes(db.sqliteConnection) > 0
    }
}
