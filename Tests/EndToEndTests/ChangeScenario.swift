import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// A demo database with a server, and the helpers the change tests share: demo logins, extra
/// accounts made through the API, fresh pupils registered through the API, and proof uploads.
final class ChangeScenario: @unchecked Sendable {
    static let password = "xueji-demo-2026"
    let fixture: Fixture
    let admin: APIClient
    private var serial = 0

    init(_ engine: Engine) async throws {
        fixture = try Fixture(engine)
        let demo = try ServerProcess.run(["demo", "--students", "300", "--db", fixture.database.url.rawValue])
        guard demo.status == 0 else { throw ServerProcessError(message: "demo failed: \(demo.stderr)") }
        admin = try await fixture.adminClient()
    }

    /// A logged-in client for a demo account (or one made by `account`).
    func client(_ username: String) async throws -> APIClient {
        let c = APIClient(port: fixture.server.port)
        let reply = try await c.login(username, Self.password)
        guard reply.status == 200 else { throw ServerProcessError(message: "login \(username): \(reply.text)") }
        return c
    }

    /// Creates an account through the API and logs it in.
    func account(_ username: String, role: String, scope: String) async throws -> APIClient {
        let made = try await admin.post("/api/v1/users", ["username": .string(username), "role": .string(role), "scope": .string(scope),
                                                          "password": .string(Self.password)])
        guard made.status == 201 else { throw ServerProcessError(message: "user \(username): \(made.text)") }
        return try await client(username)
    }

    func query(_ sql: String, _ parameters: [SQLValue] = []) throws -> [Row] {
        try fixture.database.database.read { try $0.query(sql, parameters) }
    }

    func execute(_ sql: String, _ parameters: [SQLValue] = []) throws {
        _ = try fixture.database.database.write { try $0.execute(sql, parameters) }
    }

    func className(_ school: String, grade: Int) throws -> String {
        try #require(try query("SELECT c.name FROM classes c JOIN schools s ON s.id = c.school_id WHERE s.code = ? AND c.grade = ? ORDER BY c.name",
                               [.text(school), .integer(Int64(grade))]).first?[0].string)
    }

    /// Registers a new pupil at `school` in `grade` through its registrar; returns number and name.
    func register(_ registrar: APIClient, school: String, grade: Int, county: String = "410102") async throws -> (number: String, name: String) {
        serial += 1
        // A valid resident ID: county, birth date, a 3-digit sequence whose last digit gives the sex.
        let year = 2026 - 6 - grade + 1, month = serial % 9 + 1, day = 10 + serial % 10
        let birth = "\(year)-0\(month)-\(day)"
        let id = RegistryTests.validID("\(county)\(year)0\(month)\(day)" + String(format: "%03d", serial % 1000))
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]   // names take no digits
        let name = "转学生" + String(serial).map { digits[Int(String($0))!] }.joined()
        guard case .object(var fields) = RegistryTests.registration(id: id, name: name, birth: birth, sex: serial % 2 == 1 ? "1" : "2") else {
            throw ServerProcessError(message: "registration body")
        }
        func set(_ key: String, _ value: JSON) { fields.removeAll { $0.0 == key }; fields.append((key, value)) }
        set("school", .string(school)); set("grade", .int(Int64(grade))); set("class", .string(try className(school, grade: grade)))
        set("entry_mode", grade >= 10 ? "21" : "11")
        let reply = try await registrar.post("/api/v1/pupils", .object(fields))
        guard reply.status == 201, let number = reply.json["number"]?.stringValue else { throw ServerProcessError(message: "register: \(reply.text)") }
        return (number, name)
    }

    static let pdf = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]

    /// Uploads a proof file and returns its id.
    func proof(_ client: APIClient, _ bytes: [UInt8] = ChangeScenario.pdf, name: String = "证明.pdf") async throws -> String {
        let reply = try await client.upload("/api/v1/attachments", filename: name, contentType: "application/pdf", bytes: bytes)
        return try #require(reply.json["id"]?.stringValue, "\(reply.text)")
    }

    /// The change's steps as `code:state`, for compact expectations.
    static func steps(_ change: JSON) -> [String] {
        (change["steps"]?.arrayValue ?? []).map { "\($0["code"]?.stringValue ?? ""):\($0["state"]?.stringValue ?? "")" }
    }
}

extension JSON {
    /// The element at `index` of an array (nil otherwise), for reading answers in tests.
    subscript(_ index: Int) -> JSON? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
