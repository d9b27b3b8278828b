import GRDB
import GRDBSQLite

/// A prepared INSERT run with values bound straight onto the SQLite statement: the import's hot
/// path (one sample and its judgments per line). `Statement.execute(arguments:)` built a
/// `StatementArguments` array and went through GRDB's binding layer for every row, about a
/// fifth of the writer's time at 100k samples; a variadic list of `DatabaseValueConvertible`
/// existentials still cost an array, a box and a dynamic conversion per value (callgrind:
/// ~8 % of the writer thread), so the values are bound by type, one call each.
///
/// Use: `reset()`, `bind(_:_:)` for every parameter in order (1-based), then `step()`.
final class FastInsert {
    let statement: Statement
    let db: Database
    private let s: OpaquePointer

    /// SQLite copies the bytes before `bind` returns (the Swift string's buffer may not outlive it).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        s = statement.sqliteStatement
    }

    /// Clears the previous row's values: every parameter not bound again is NULL.
    func reset() {
        sqlite3_reset(s)
        sqlite3_clear_bindings(s)
    }

    func bind(_ index: CInt, _ value: Int64) throws {
        try check(sqlite3_bind_int64(s, index, value))
    }

    func bind(_ index: CInt, _ value: Int) throws {
        try check(sqlite3_bind_int64(s, index, Int64(value)))
    }

    func bind(_ index: CInt, _ value: Double?) throws {
        guard let value else { return try check(sqlite3_bind_null(s, index)) }
        try check(sqlite3_bind_double(s, index, value))
    }

    func bind(_ index: CInt, _ value: String?) throws {
        guard var value else { return try check(sqlite3_bind_null(s, index)) }
        let code = value.withUTF8 { bytes -> CInt in
            guard let start = bytes.baseAddress else {
                return sqlite3_bind_text(s, index, "", 0, Self.transient) // "" stays an empty TEXT, not NULL
            }
            return UnsafeRawPointer(start).withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(s, index, $0, CInt(bytes.count), Self.transient)
            }
        }
        try check(code)
    }

    /// Runs the statement with the values bound since `reset()`; true when it inserted a row.
    @discardableResult
    func step() throws -> Bool {
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
        return sqlite3_changes(db.sqliteConnection) > 0
    }

    private func check(_ code: CInt) throws {
        if code != SQLITE_OK {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
    }
}
