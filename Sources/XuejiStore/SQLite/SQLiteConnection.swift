import CSQLite
import Foundation

/// One SQLite connection with its prepared-statement cache. Owned by one pool slot; the handle is
/// closed in `deinit`. Every C call's result is checked (the GRDB habit).
final class SQLiteConnection: Connection {
    let dialect = SQLDialect.sqlite
    private let handle: OpaquePointer
    private var statements: [StatementKey: OpaquePointer] = [:]
    /// Column names per prepared statement: a result's names are the same every time it runs.
    private var columnNames: [OpaquePointer: ColumnNames] = [:]

    /// Configures the library once per process, before the first connection opens it.
    private static let configured: Void = { _ = xj_sqlite_disable_memstatus() }()

    init(path: String, readOnly: Bool) throws {
        _ = Self.configured
        var db: OpaquePointer?
        // NOMUTEX: the pool guarantees one thread per connection, so SQLite's own mutex is redundant.
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw DatabaseError(.unavailable, "cannot open SQLite database \(path): \(message)", engineCode: String(rc))
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        // Readers wait for a checkpoint or the writer rather than failing at once (sqlite.org/c3ref/busy_timeout.html).
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement); sqlite3_clear_bindings(statement) }
        try bind(parameters, to: statement, sql: sql)
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            if rc != SQLITE_ROW { throw error(rc, sql: sql) }
        }
        return Int(sqlite3_changes(handle))
    }

    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [Row] {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement); sqlite3_clear_bindings(statement) }
        try bind(parameters, to: statement, sql: sql)
        let count = Int(sqlite3_column_count(statement))
        let names: ColumnNames
        if let cached = columnNames[statement] { names = cached } else {
            names = ColumnNames((0..<count).map { String(cString: sqlite3_column_name(statement, Int32($0))) })
            columnNames[statement] = names
        }
        var rows: [Row] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(rc, sql: sql) }
            var values: [SQLValue] = []
            values.reserveCapacity(count)
            for i in 0..<Int32(count) { values.append(column(statement, i)) }
            rows.append(Row(columns: names, values: values))
        }
        return rows
    }

    func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw DatabaseError(Self.classify(rc), text, sql: sql, engineCode: String(rc))
        }
    }

    @discardableResult
    func bulkInsert(table: String, columns: [String], rows: [[SQLValue]]) throws -> Int {
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(marks))"
        for row in rows { try execute(sql, row) }
        return rows.count
    }

    // MARK: - Statements

    private func prepared(_ sql: String) throws -> OpaquePointer {
        let key = StatementKey(sql)
        if let cached = statements[key] { return cached }
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw error(rc, sql: sql) }
        statements[key] = statement
        return statement
    }

    private func bind(_ parameters: [SQLValue], to statement: OpaquePointer, sql: String) throws {
        for (i, value) in parameters.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(statement, index)
            case .integer(let v): rc = sqlite3_bind_int64(statement, index, v)
            case .real(let v): rc = sqlite3_bind_double(statement, index, v)
            case .text(let v): rc = sqlite3_bind_text(statement, index, v, -1, xj_sqlite_transient())
            case .blob(let v):
                rc = v.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), xj_sqlite_transient()) }
            }
            guard rc == SQLITE_OK else { throw error(rc, sql: sql) }
        }
    }

    private func column(_ statement: OpaquePointer, _ i: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, i))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(statement, i)))
        case SQLITE_BLOB:
            let n = Int(sqlite3_column_bytes(statement, i))
            guard n > 0, let p = sqlite3_column_blob(statement, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: p, count: n)))
        default: return .null
        }
    }

    private func error(_ rc: Int32, sql: String) -> DatabaseError {
        DatabaseError(Self.classify(rc), String(cString: sqlite3_errmsg(handle)), sql: sql, engineCode: String(rc))
    }

    /// Maps SQLite's extended result codes (sqlite.org/rescode.html) to what callers react to.
    static func classify(_ rc: Int32) -> DatabaseError.Code {
        switch rc {
        case 2067, 1555: return .uniqueViolation      // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        case 787: return .foreignKeyViolation         // SQLITE_CONSTRAINT_FOREIGNKEY
        case 275: return .checkViolation              // SQLITE_CONSTRAINT_CHECK
        case SQLITE_NOTADB: return .notADatabase
        case SQLITE_READONLY, 264, 520, 776, 1032, 1288: return .readOnly
        case SQLITE_CANTOPEN, 270, 526, 782, 1038, 1294: return .unavailable
        default:
            switch rc & 0xff {
            case SQLITE_BUSY, SQLITE_LOCKED: return .busy
            case SQLITE_READONLY: return .readOnly
            case SQLITE_NOTADB: return .notADatabase
            default: return .other
            }
        }
    }
}
