import CLibPQ
import Foundation

/// One libpq connection with its prepared statements. Parameters and results travel in text format;
/// result values are typed from the column's type OID. The handle is finished in `deinit`.
final class PostgresConnection: Connection {
    let dialect = SQLDialect.postgres
    private var handle: OpaquePointer
    private let conninfo: String
    private var prepared: [StatementKey: String] = [:]

    init(conninfo: String) throws {
        self.conninfo = conninfo
        handle = try Self.connect(conninfo)
    }

    deinit { PQfinish(handle) }

    private static func connect(_ conninfo: String) throws -> OpaquePointer {
        guard let conn = PQconnectdb(conninfo) else { throw DatabaseError(.unavailable, "libpq could not allocate a connection") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(conn)
            throw DatabaseError(.unavailable, "cannot connect to PostgreSQL: \(message)")
        }
        // Keep server notices ("relation already exists, skipping") off our stderr: logs are JSON only.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        return conn
    }

    /// Reconnects when the server dropped us (restart, idle timeout), so a pool heals itself.
    func ensureHealthy() throws {
        if PQstatus(handle) != CONNECTION_OK {
            PQfinish(handle)
            prepared = [:]
            handle = try Self.connect(conninfo)
        }
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [Row] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        let rowCount = Int(PQntuples(result)), fieldCount = Int(PQnfields(result))
        let names = ColumnNames((0..<fieldCount).map { String(cString: PQfname(result, Int32($0))) })
        let types = (0..<fieldCount).map { PQftype(result, Int32($0)) }
        var rows: [Row] = []
        rows.reserveCapacity(rowCount)
        for r in 0..<Int32(rowCount) {
            var values: [SQLValue] = []
            values.reserveCapacity(fieldCount)
            for f in 0..<Int32(fieldCount) {
                if PQgetisnull(result, r, f) == 1 { values.append(.null); continue }
                values.append(Self.value(PQgetvalue(result, r, f), length: Int(PQgetlength(result, r, f)), type: types[Int(f)]))
            }
            rows.append(Row(columns: names, values: values))
        }
        return rows
    }

    func executeScript(_ sql: String) throws {
        guard let result = PQexec(handle, sql) else { throw connectionError(sql) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            throw resultError(result, sql: sql)
        }
    }

    /// COPY … FROM STDIN in text format (postgresql.org/docs/15/sql-copy.html "Text Format").
    @discardableResult
    func bulkInsert(table: String, columns: [String], rows: [[SQLValue]]) throws -> Int {
        let sql = "COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN"
        guard let start = PQexec(handle, sql) else { throw connectionError(sql) }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            defer { PQclear(start) }
            throw resultError(start, sql: sql)
        }
        PQclear(start)
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 16)
        func flush() throws {
            let rc = buffer.withUnsafeBufferPointer { p in
                p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { PQputCopyData(handle, $0, Int32(p.count)) }
            }
            guard rc == 1 else { throw connectionError(sql) }
            buffer.removeAll(keepingCapacity: true)
        }
        for row in rows {
            for (i, value) in row.enumerated() {
                if i > 0 { buffer.append(9) }
                CopyText.append(value, to: &buffer)
            }
            buffer.append(10)
            if buffer.count >= 1 << 16 { try flush() }
        }
        if !buffer.isEmpty { try flush() }
        guard PQputCopyEnd(handle, nil) == 1 else { throw connectionError(sql) }
        var failure: DatabaseError? = nil
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) != PGRES_COMMAND_OK { failure = failure ?? resultError(result, sql: sql) }
            PQclear(result)
        }
        if let failure { throw failure }
        return rows.count
    }

    // MARK: - Running statements

    private func run(_ sql: String, _ parameters: [SQLValue]) throws -> OpaquePointer {
        let name = try statementName(for: sql, parameterCount: parameters.count)
        let texts: [String?] = parameters.map(Self.text(for:))
        let result: OpaquePointer? = withCStrings(texts) { pointers in
            PQexecPrepared(handle, name, Int32(parameters.count), pointers, nil, nil, 0)
        }
        guard let result else { throw connectionError(sql) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            defer { PQclear(result) }
            throw resultError(result, sql: sql)
        }
        return result
    }

    private func statementName(for sql: String, parameterCount: Int) throws -> String {
        if let name = prepared[StatementKey(sql)] { return name }
        let name = "s\(prepared.count)"
        let rewritten = PlaceholderRewriter.rewrite(sql)
        guard let result = PQprepare(handle, name, rewritten, Int32(parameterCount), nil) else { throw connectionError(sql) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw resultError(result, sql: sql) }
        prepared[StatementKey(sql)] = name
        return name
    }

    private func withCStrings<T>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        let owned: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
        defer { owned.forEach { free($0) } }
        return body(owned.map { $0.map { UnsafePointer($0) } })
    }

    private static func text(for value: SQLValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return v
        case .blob(let v): return "\\x" + v.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// Types a text-format value by its column's type OID (pg_type.dat).
    private static func value(_ p: UnsafeMutablePointer<CChar>, length: Int, type: Oid) -> SQLValue {
        let s = String(cString: p)
        switch type {
        case 20, 21, 23: return .integer(Int64(s) ?? 0)                 // int8, int2, int4
        case 700, 701: return .real(Double(s) ?? 0)                      // float4, float8
        case 1700: return Int64(s).map { .integer($0) } ?? .real(Double(s) ?? 0)  // numeric (SUM of bigint)
        case 16: return .integer(s == "t" ? 1 : 0)                        // bool
        case 17: return .blob(Self.decodeHex(s))                          // bytea, hex output
        default: return .text(s)
        }
    }

    private static func decodeHex(_ s: String) -> [UInt8] {
        let bytes = Array(s.utf8.dropFirst(2))
        var out = [UInt8]()
        out.reserveCapacity(bytes.count / 2)
        var i = 0
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
        while i + 1 < bytes.count { out.append(nibble(bytes[i]) << 4 | nibble(bytes[i + 1])); i += 2 }
        return out
    }

    // MARK: - Errors

    private func connectionError(_ sql: String) -> DatabaseError {
        DatabaseError(.unavailable, String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines), sql: sql)
    }

    private func resultError(_ result: OpaquePointer, sql: String) -> DatabaseError {
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } // PG_DIAG_SQLSTATE
        let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        return DatabaseError(Self.classify(state), message, sql: sql, engineCode: state)
    }

    /// Maps SQLSTATEs (postgresql.org/docs/15/errcodes-appendix.html) to what callers react to.
    static func classify(_ state: String?) -> DatabaseError.Code {
        switch state {
        case "23505": return .uniqueViolation
        case "23503": return .foreignKeyViolation
        case "23514": return .checkViolation
        case "40001": return .serializationFailure
        case "40P01", "55P03": return .busy
        case "25006": return .readOnly
        case .some(let s) where s.hasPrefix("08"): return .unavailable
        default: return .other
        }
    }
}

/// Escaping for COPY's text format: backslash, tab, newline and carriage return are escaped; NULL is `\N`.
enum CopyText {
    static func append(_ value: SQLValue, to buffer: inout [UInt8]) {
        switch value {
        case .null: buffer.append(contentsOf: [92, 78])
        case .integer(let v): buffer.append(contentsOf: String(v).utf8)
        case .real(let v): buffer.append(contentsOf: String(v).utf8)
        case .blob(let v):
            buffer.append(contentsOf: [92, 92, 120])  // \\x
            for b in v { buffer.append(contentsOf: String(format: "%02x", b).utf8) }
        case .text(let s):
            for b in s.utf8 {
                switch b {
                case 92: buffer.append(contentsOf: [92, 92])
                case 9: buffer.append(contentsOf: [92, 116])
                case 10: buffer.append(contentsOf: [92, 110])
                case 13: buffer.append(contentsOf: [92, 114])
                default: buffer.append(b)
                }
            }
        }
    }
}
