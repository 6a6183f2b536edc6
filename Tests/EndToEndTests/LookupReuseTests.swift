import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// Masked lookups by number are reused while the database is unchanged (on SQLite; PostgreSQL
/// always queries). Whatever changes the database, through the API or behind the
/// server's back, the next answer must be the fresh one, and a reused answer never crosses scopes.
@Suite(.serialized) struct LookupReuseTests {
    static let password = "xueji-demo-2026"

    func fixture(_ engine: Engine) throws -> Fixture {
        let f = try Fixture(engine)
        let db = f.database.url.rawValue
        let demo = try ServerProcess.run(["demo", "--students", "300", "--db", db])
        guard demo.status == 0 else { throw ServerProcessError(message: "demo failed: \(demo.stderr)") }
        for (name, scope) in [("admin-410102", "410102"), ("admin-410103", "410103")] {
            let added = try ServerProcess.run(["user", "add", "--username", name, "--role", "bureau_admin", "--scope", scope,
                                               "--password-stdin", "--db", db], input: Self.password + "\n")
            guard added.status == 0 else { throw ServerProcessError(message: "user add failed: \(added.stderr)") }
        }
        return f
    }

    func client(_ f: Fixture, _ username: String) async throws -> APIClient {
        let c = APIClient(port: f.server.port)
        try await c.login(username, Self.password)
        return c
    }

    /// The first pupil number a query finds (the query selects `number`).
    func pupilNumber(_ f: Fixture, _ sql: String) throws -> String {
        try #require(try f.database.database.read { try $0.queryOne(sql) }?.string("number"))
    }

    /// A write behind the server's back, from this test process, as the CLI or an operator would make.
    func behindTheServer(_ f: Fixture, _ sql: String, _ parameters: [SQLValue]) throws {
        let changed = try f.database.database.write { try $0.execute(sql, parameters) }
        #expect(changed > 0, "\(sql) changed nothing")
    }

    @Test(arguments: Engine.available)
    func everyChangeShowsAtOnce(_ engine: Engine) async throws {
        let f = try fixture(engine)
        let number = try pupilNumber(f, "SELECT p.number FROM pupils p JOIN schools s ON s.id = p.school_id WHERE s.code = '4101029001' ORDER BY p.number")
        let path = "/api/v1/pupils/\(number)"
        let henan = try await client(f, "henan-admin")

        let first = try await henan.get(path)
        #expect(first.status == 200 && first.json["masked"] == true)
        let again = try await henan.get(path)
        #expect(again.body == first.body && again.header("etag") == first.header("etag"))
        #expect(try await henan.get(path.lowercased()).body == first.body, "a lower-case number finds the same record")

        // Through the API: the registrar's edit (the version and ETag move).
        let registrar = try await client(f, "registrar")
        let tag = try #require(try await registrar.get(path).header("etag"))
        let edited = try await registrar.request("PATCH", path, json: ["address": "郑州市中原区新地址1号"], headers: ["If-Match": tag])
        #expect(edited.status == 200, "\(edited.text)")
        let afterEdit = try await henan.get(path)
        #expect(afterEdit.json["address"] == "郑州市中原区新地址1号")
        #expect(afterEdit.header("etag") != first.header("etag"))

        // Behind the server's back, without touching the version: the pupil, a guardian, the school.
        try behindTheServer(f, "UPDATE pupils SET address = '外部写入的地址' WHERE number = ?", [.text(number)])
        #expect(try await henan.get(path).json["address"] == "外部写入的地址")
        try behindTheServer(f, "UPDATE guardians SET name = '外部写入' WHERE pupil_id = (SELECT id FROM pupils WHERE number = ?)", [.text(number)])
        #expect(try await henan.get(path).json["guardians"]?.arrayValue?.first?["name"] == "外部写入")
        try behindTheServer(f, "UPDATE schools SET name = '改名后的学校' WHERE code = '4101029001'", [])
        #expect(try await henan.get(path).json["school_name"] == "改名后的学校")

        if engine == .sqlite, case .sqlite(let file) = f.database.url {
            // An operator's checkpoint restarts the WAL; the next write must still show.
            #expect(try SQLiteShell.checkpoint(file) == "0|0|0", "the checkpoint was blocked")
            try behindTheServer(f, "UPDATE pupils SET address = '检查点之后' WHERE number = ?", [.text(number)])
            #expect(try await henan.get(path).json["address"] == "检查点之后")
        }

        // Scope: the county's own administrator sees it, the neighbouring county's never does, even
        // right after the province read it.
        let own = try await client(f, "admin-410102"), neighbour = try await client(f, "admin-410103")
        #expect(try await own.get(path).status == 200)
        #expect(try await henan.get(path).status == 200)
        #expect(try await neighbour.get(path).status == 404)

        // The pupil moves to the other county behind the server's back: the answers swap.
        try behindTheServer(f, """
            UPDATE pupils SET school_id = (SELECT id FROM schools WHERE code = '4101039001'), county = '410103' WHERE number = ?
            """, [.text(number)])
        #expect(try await own.get(path).status == 404)
        #expect(try await neighbour.get(path).status == 200)
        #expect(try await henan.get(path).json["school"] == "4101039001")
    }

    /// A reviewer sees an approved record masked (kept like anyone's), but a pending one in full,
    /// and every full view is an audit entry: it is never answered from what was kept.
    @Test(arguments: Engine.available)
    func fullViewsAreNeverKeptAndAlwaysAudited(_ engine: Engine) async throws {
        let f = try fixture(engine)
        let number = try pupilNumber(f, """
            SELECT p.number FROM pupils p JOIN schools s ON s.id = p.school_id
            WHERE s.code = '4101029001' AND p.approval = 'approved' ORDER BY p.number
            """)
        let path = "/api/v1/pupils/\(number)"
        let reviewer = try await client(f, "county-reviewer")
        func unmaskings() throws -> Int64 {
            try f.database.database.read {
                try $0.queryOne("SELECT count(*) AS n FROM audit_log WHERE action = 'pupil.unmask' AND subject = ?", .text(number))
            }?.int64("n") ?? -1
        }
        #expect(try await reviewer.get(path).json["masked"] == true)
        #expect(try await reviewer.get(path).json["masked"] == true)
        #expect(try unmaskings() == 0)

        try behindTheServer(f, "UPDATE pupils SET approval = 'pending' WHERE number = ?", [.text(number)])
        for expected in 1...3 {
            #expect(try await reviewer.get(path).json["masked"] == false)
            #expect(try unmaskings() == Int64(expected))
        }
        try behindTheServer(f, "UPDATE pupils SET approval = 'approved' WHERE number = ?", [.text(number)])
        #expect(try await reviewer.get(path).json["masked"] == true)
        #expect(try unmaskings() == 3)
    }

    /// Readers hammer the record while it is rewritten behind the server's back: after each write
    /// has committed, the next answer carries it, whatever the readers stored meanwhile.
    @Test(arguments: Engine.available)
    func aWriteRacingReadersIsNeverHidden(_ engine: Engine) async throws {
        let f = try fixture(engine)
        let number = try pupilNumber(f, "SELECT number FROM pupils ORDER BY number DESC")
        let path = "/api/v1/pupils/\(number)"
        let henan = try await client(f, "henan-admin")
        let readers = try await (0..<4).asyncMap { _ in try await client(f, "henan-admin") }
        let stop = Flag()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for reader in readers {
                group.addTask { while !stop.isSet { _ = try await reader.get(path) } }
            }
            var stale: [Int] = []
            for round in 1...150 {
                try behindTheServer(f, "UPDATE pupils SET address = ? WHERE number = ?", [.text("第\(round)号"), .text(number)])
                if try await henan.get(path).json["address"] != .string("第\(round)号") { stale.append(round) }
            }
            stop.set()
            try await group.waitForAll()
            #expect(stale.isEmpty, "stale answers after rounds \(stale)")
        }
    }
}

/// A stop signal the reader tasks poll.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

private extension Range where Bound == Int {
    func asyncMap<T>(_ body: (Int) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for i in self { out.append(try await body(i)) }
        return out
    }
}
