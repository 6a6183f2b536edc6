import Foundation
import Testing
@testable import XuejiStore
import XuejiTestSupport

struct DatabaseTests {
    static let awkward: [SQLValue] = [
        .text("tab\there"), .text("line\nbreak\r\n"), .text("back\\slash \\N"), .text("引号'\"😀"), .text(""),
        .null, .integer(Int64.max), .integer(Int64.min), .real(1.25), .blob([0, 1, 255, 92, 10]),
    ]

    func makeTable(_ connection: Connection) throws {
        let blob = connection.dialect == .sqlite ? "BLOB" : "BYTEA"
        try connection.executeScript("CREATE TABLE t (n INTEGER NOT NULL, s TEXT, i BIGINT, r REAL, b \(blob))")
    }

    func row(_ n: Int, _ value: SQLValue) -> [SQLValue] {
        var r: [SQLValue] = [.integer(Int64(n)), .null, .null, .null, .null]
        switch value {
        case .text: r[1] = value
        case .integer: r[2] = value
        case .real: r[3] = value
        case .blob: r[4] = value
        case .null: break
        }
        return r
    }

    func readBack(_ connection: Connection) throws -> [SQLValue] {
        try connection.query("SELECT n, s, i, r, b FROM t ORDER BY n", []).map { row in
            for column in ["s", "i", "r", "b"] where !row[column].isNull { return row[column] }
            return .null
        }
    }

    @Test(arguments: Engine.available)
    func valuesRoundTripThroughStatements(_ engine: Engine) throws {
        let test = try TestDatabase(engine, migrate: false)
        let values = try test.database.write { connection -> [SQLValue] in
            try makeTable(connection)
            for (n, value) in Self.awkward.enumerated() {
                try connection.execute("INSERT INTO t (n, s, i, r, b) VALUES (?, ?, ?, ?, ?)", row(n, value))
            }
            return try readBack(connection)
        }
        #expect(values == Self.awkward)
    }

    @Test(arguments: Engine.available)
    func valuesRoundTripThroughBulkLoad(_ engine: Engine) throws {
        let test = try TestDatabase(engine, migrate: false)
        let values = try test.database.write { connection -> [SQLValue] in
            try makeTable(connection)
            try connection.bulkInsert(table: "t", columns: ["n", "s", "i", "r", "b"], rows: Self.awkward.enumerated().map { row($0, $1) })
            return try readBack(connection)
        }
        #expect(values == Self.awkward)
    }

    @Test(arguments: Engine.available)
    func aThrowingWriteLeavesNothingBehind(_ engine: Engine) throws {
        let test = try TestDatabase(engine, migrate: false)
        try test.database.write { try makeTable($0) }
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try test.database.write { connection in
                try connection.execute("INSERT INTO t (n) VALUES (1)", [])
                throw Abort()
            }
        }
        #expect(try test.database.read { try $0.query("SELECT n FROM t", []) }.isEmpty)
    }

    @Test(arguments: Engine.available)
    func uniqueAndForeignKeyViolationsAreClassified(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        let insert = "INSERT INTO users (username, password_hash, role, scope, created_at) VALUES ('a', 'h', 'analyst', '000000', 0)"
        try test.database.write { try $0.execute(insert, []) }
        #expect { try test.database.write { try $0.execute(insert, []) } } throws: { ($0 as? DatabaseError)?.code == .uniqueViolation }
        #expect {
            try test.database.write { try $0.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ('x', 999, 'c', 0, 0)", []) }
        } throws: { ($0 as? DatabaseError)?.code == .foreignKeyViolation }
    }

    @Test(arguments: Engine.available)
    func questionMarksInsideQuotesAreLeftAlone(_ engine: Engine) throws {
        let test = try TestDatabase(engine, migrate: false)
        let row = try test.database.read { try $0.queryOne("SELECT 'why?' AS q, ? AS p", .text("x")) }
        #expect(row?.string("q") == "why?" && row?.string("p") == "x")
    }

    @Test(arguments: Engine.available)
    func readersAndTheWriterWorkInParallel(_ engine: Engine) async throws {
        let test = try TestDatabase(engine, migrate: false)
        try test.database.write { try makeTable($0) }
        let database = test.database
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for n in 0..<50 {
                        try database.write { try $0.execute("INSERT INTO t (n) VALUES (?)", [.integer(Int64(worker * 1000 + n))]) }
                        _ = try database.read { try $0.query("SELECT COUNT(*) AS c FROM t", []) }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try test.database.read { try $0.queryOne("SELECT COUNT(*) AS c FROM t", []) }?.int("c") == 400)
    }
}

struct OpeningTests {
    func temporaryFile(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xueji-open-\(UUID().uuidString).sqlite").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aFileThatIsNotSQLiteIsRefusedClearly() throws {
        let path = try temporaryFile(String(repeating: "this is a spreadsheet, not a database\n", count: 200))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect { try SQLiteDatabase(path: path) } throws: { error in
            guard let e = error as? DatabaseError else { return false }
            return e.code == .notADatabase && e.message.contains("is not a SQLite database")
        }
    }

    @Test func aReadOnlyFileIsRefusedClearly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xueji-ro-\(UUID().uuidString).sqlite").path
        try SQLiteDatabase(path: path).close()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect { try SQLiteDatabase(path: path) } throws: { error in
            guard let e = error as? DatabaseError else { return false }
            return e.code == .readOnly && e.message.contains("read-only")
        }
    }

    @Test func anUnreachablePostgresFailsWithinSeconds() throws {
        let started = Date()
        // Port 1 on loopback refuses at once; a TEST-NET address would wait for connect_timeout.
        #expect { try PostgresDatabase(url: "postgres://xueji@127.0.0.1:1/xueji") } throws: { error in
            (error as? DatabaseError)?.code == .unavailable
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func databaseURLsParseAndHidePasswords() {
        #expect(DatabaseURL("sqlite:./data/x.sqlite") == .sqlite(path: "./data/x.sqlite"))
        #expect(DatabaseURL("postgres://u:secret@h:5432/d")?.description == "postgres://u:***@h:5432/d")
        #expect(DatabaseURL("mysql://x") == nil)
        #expect(DatabaseURL("sqlite:") == nil)
    }
}
