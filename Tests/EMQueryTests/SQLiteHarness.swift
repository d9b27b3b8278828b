#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@testable import EMQuery

/// A minimal SQLite binding for tests only, loaded at run time with `dlopen`, so EMQuery's tests
/// need no package dependency. When no SQLite library (or no FTS5 trigram tokenizer) is found,
/// the SQLite-backed tests are skipped.
final class SQLiteHarness {
    private typealias OpenFn = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    private typealias CloseFn = @convention(c) (OpaquePointer?) -> Int32
    private typealias PrepareFn = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32,
                                                  UnsafeMutablePointer<OpaquePointer?>?,
                                                  UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> Int32
    private typealias StmtFn = @convention(c) (OpaquePointer?) -> Int32
    private typealias BindTextFn = @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, Int32, Int) -> Int32
    private typealias BindInt64Fn = @convention(c) (OpaquePointer?, Int32, Int64) -> Int32
    private typealias BindDoubleFn = @convention(c) (OpaquePointer?, Int32, Double) -> Int32
    private typealias BindNullFn = @convention(c) (OpaquePointer?, Int32) -> Int32
    private typealias ColumnInt64Fn = @convention(c) (OpaquePointer?, Int32) -> Int64
    private typealias ColumnTextFn = @convention(c) (OpaquePointer?, Int32) -> UnsafePointer<UInt8>?
    private typealias ColumnTypeFn = @convention(c) (OpaquePointer?, Int32) -> Int32
    private typealias ColumnCountFn = @convention(c) (OpaquePointer?) -> Int32
    private typealias ErrmsgFn = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?

    private let library: UnsafeMutableRawPointer
    private var db: OpaquePointer?
    private let prepare: PrepareFn
    private let step: StmtFn
    private let finalize: StmtFn
    private let bindText: BindTextFn
    private let bindInt64: BindInt64Fn
    private let bindDouble: BindDoubleFn
    private let bindNull: BindNullFn
    private let columnInt64: ColumnInt64Fn
    private let columnText: ColumnTextFn
    private let columnType: ColumnTypeFn
    private let columnCount: ColumnCountFn
    private let errmsg: ErrmsgFn
    private let close: CloseFn

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// An in-memory database, or nil when SQLite cannot be loaded.
    init?() {
        var handle: UnsafeMutableRawPointer?
        for name in ["libsqlite3.so.0", "libsqlite3.so", "libsqlite3.dylib", "libsqlite3.0.dylib"] {
            handle = dlopen(name, RTLD_NOW)
            if handle != nil { break }
        }
        guard let handle else { return nil }
        func load<T>(_ symbol: String, as type: T.Type) -> T? {
            guard let p = dlsym(handle, symbol) else { return nil }
            return unsafeBitCast(p, to: type)
        }
        guard let open = load("sqlite3_open", as: OpenFn.self),
              let close = load("sqlite3_close", as: CloseFn.self),
              let prepare = load("sqlite3_prepare_v2", as: PrepareFn.self),
              let step = load("sqlite3_step", as: StmtFn.self),
              let finalize = load("sqlite3_finalize", as: StmtFn.self),
              let bindText = load("sqlite3_bind_text", as: BindTextFn.self),
              let bindInt64 = load("sqlite3_bind_int64", as: BindInt64Fn.self),
              let bindDouble = load("sqlite3_bind_double", as: BindDoubleFn.self),
              let bindNull = load("sqlite3_bind_null", as: BindNullFn.self),
              let columnInt64 = load("sqlite3_column_int64", as: ColumnInt64Fn.self),
              let columnText = load("sqlite3_column_text", as: ColumnTextFn.self),
              let columnType = load("sqlite3_column_type", as: ColumnTypeFn.self),
              let columnCount = load("sqlite3_column_count", as: ColumnCountFn.self),
              let errmsg = load("sqlite3_errmsg", as: ErrmsgFn.self)
        else {
            dlclose(handle)
            return nil
        }
        self.library = handle
        self.prepare = prepare
        self.step = step
        self.finalize = finalize
        self.bindText = bindText
        self.bindInt64 = bindInt64
        self.bindDouble = bindDouble
        self.bindNull = bindNull
        self.columnInt64 = columnInt64
        self.columnText = columnText
        self.columnType = columnType
        self.columnCount = columnCount
        self.errmsg = errmsg
        self.close = close
        var connection: OpaquePointer?
        guard open(":memory:", &connection) == 0, connection != nil else {
            _ = close(connection)
            dlclose(handle)
            return nil
        }
        self.db = connection
    }

    deinit {
        _ = close(db)
        dlclose(library)
    }

    private var lastError: String {
        guard let p = errmsg(db) else { return "unknown error" }
        return String(cString: p)
    }

    /// Runs every statement of `script` (no arguments).
    func execute(_ script: String) throws {
        try script.withCString { start in
            var cursor: UnsafePointer<CChar>? = start
            while let c = cursor, c.pointee != 0 {
                var stmt: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                guard prepare(db, c, -1, &stmt, &tail) == 0 else { throw Failure(description: lastError) }
                if let stmt {
                    defer { _ = finalize(stmt) }
                    var rc = step(stmt)
                    while rc == 100 { rc = step(stmt) }
                    guard rc == 101 else { throw Failure(description: lastError) }
                }
                cursor = tail
            }
        }
    }

    /// Runs one statement with arguments and returns every row as text cells (NULL as nil).
    func rows(_ sql: String, _ arguments: [SQLArgument] = []) throws -> [[String?]] {
        var stmt: OpaquePointer?
        guard prepare(db, sql, -1, &stmt, nil) == 0, let stmt else { throw Failure(description: "\(lastError) in \(sql)") }
        defer { _ = finalize(stmt) }
        for (i, argument) in arguments.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch argument {
            case .text(let s):
                // -1 is SQLITE_TRANSIENT: SQLite copies the bytes.
                rc = s.withCString { bindText(stmt, index, $0, Int32(s.utf8.count), -1) }
            case .integer(let n): rc = bindInt64(stmt, index, n)
            case .real(let x): rc = bindDouble(stmt, index, x)
            case .null: rc = bindNull(stmt, index)
            }
            guard rc == 0 else { throw Failure(description: lastError) }
        }
        var result: [[String?]] = []
        while true {
            let rc = step(stmt)
            if rc == 101 { break }
            guard rc == 100 else { throw Failure(description: "\(lastError) in \(sql)") }
            var row: [String?] = []
            for column in 0..<columnCount(stmt) {
                if columnType(stmt, column) == 5 {
                    row.append(nil)  // SQLITE_NULL
                } else if let p = columnText(stmt, column) {
                    row.append(String(cString: p))
                } else {
                    row.append(nil)
                }
            }
            result.append(row)
        }
        return result
    }

    /// The first column of every row as integers.
    func ids(_ sql: String, _ arguments: [SQLArgument] = []) throws -> [Int64] {
        try rows(sql, arguments).compactMap { $0.first.flatMap { $0 }.flatMap { Int64($0) } }
    }
}
