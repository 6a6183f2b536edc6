import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// The pupil registry through the real server, on both engines, with the demo data set.
@Suite(.serialized) struct RegistryTests {
    static let password = "xueji-demo-2026"

    /// A demo database (a small one) and a server on it.
    func demoFixture(_ engine: Engine) throws -> Fixture {
        let f = try Fixture(engine)
        let demo = try ServerProcess.run(["demo", "--students", "300", "--db", f.database.url.rawValue])
        guard demo.status == 0 else { throw ServerProcessError(message: "demo failed: \(demo.stderr)") }
        return f
    }

    static func validID(_ body: String) -> String {
        let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let s = zip(body, w).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[s % 11])
    }

    static func registration(id: String, idType: String = "1", name: String = "李小华", birth: String = "2020-03-15", sex: String = "2") -> JSON {
        ["school": "4101029001", "grade": 1, "class": "一年级1班", "entry_date": "2026-09-01", "entry_mode": "11", "study_mode": "1",
         "name": .string(name), "sex": .string(sex), "birth_date": .string(birth), "birthplace": "410102", "native_place": "410102",
         "ethnicity": "01", "nationality": "CHN", "id_type": .string(idType), "id_number": .string(id), "overseas": "00", "health": "10",
         "hukou_place": "410102", "hukou_nature": "2", "address": "郑州市中原区建设路1号", "phone": "13812345678",
         "only_child": true, "preschool": true, "left_behind": "0", "migrant": false, "orphan": false, "martyr_family": false,
         "guardians": [["name": "李大华", "relation": "51", "is_guardian": true, "phone": "13900001111"]]]
    }

    @Test(arguments: Engine.available)
    func registerApproveAndRead(_ engine: Engine) async throws {
        let f = try demoFixture(engine)
        let registrar = APIClient(port: f.server.port)
        try await registrar.login("registrar", Self.password)
        let id = Self.validID("41010220200315002")
        let created = try await registrar.post("/api/v1/pupils", Self.registration(id: id))
        #expect(created.status == 201, "\(created.text)")
        #expect(created.json["number"] == .string("G" + id) && created.json["approval"] == "pending")

        let again = try await registrar.post("/api/v1/pupils", Self.registration(id: id.lowercased()))
        #expect(again.status == 409 && again.json["code"] == "duplicate_identity")
        #expect(again.json["existing"]?["number"] == .string("G" + id) && again.json["existing"]?["school_code"] == "4101029001")

        let list = try await registrar.get("/api/v1/pupils?q=\("G" + id)")
        let row = try #require(list.json["items"]?.arrayValue?.first)
        #expect(row["id_number"] == .string(String(id.prefix(6)) + "********" + String(id.suffix(4))))
        #expect(row["phone"] == "138****5678")

        let other = APIClient(port: f.server.port)
        try await other.login("registrar2", Self.password)
        #expect(try await other.get("/api/v1/pupils/G\(id)").status == 404)
        let analyst = APIClient(port: f.server.port)
        try await analyst.login("county-analyst", Self.password)
        #expect(try await analyst.get("/api/v1/pupils").status == 403)

        let reviewer = APIClient(port: f.server.port)
        try await reviewer.login("county-reviewer", Self.password)
        let approved = try await reviewer.post("/api/v1/registrations/approve", ["numbers": [.string("G" + id), "G11010519491231002X"]])
        #expect(approved.json["approved"] == [.string("G" + id)])
        #expect(approved.json["refused"]?.arrayValue?.first?["code"] == "not_found")
        let history = try await registrar.get("/api/v1/pupils/G\(id)/history")
        #expect(history.json["events"]?.arrayValue?.first?["entry_code"] == "11")

        // No personal data in the server's log (DOMAIN.md §7): not the ID, the phone or the name.
        try await Task.sleep(nanoseconds: 400_000_000)  // the access log is written in batches
        let log = f.server.log
        #expect(log.contains(#""route":"/api/v1/pupils/{number}""#))
        for secret in [id, String(id.dropLast()), "13812345678", "13900001111", "李小华"] {
            #expect(!log.contains(secret), "the log contains \(secret)")
        }
    }

    @Test(arguments: Engine.available)
    func pupilsWithoutAResidentIDGetATemporaryNumberAndDuplicateCandidatesAreFlagged(_ engine: Engine) async throws {
        let f = try demoFixture(engine)
        let registrar = APIClient(port: f.server.port)
        try await registrar.login("registrar", Self.password)
        let first = try await registrar.post("/api/v1/pupils", Self.registration(id: "E12345678", idType: "A", name: "玛丽"))
        #expect(first.status == 201, "\(first.text)")
        let number = try #require(first.json["number"]?.stringValue)
        #expect(number.hasPrefix("L410102" + "20200315") && number.count == 19)
        let second = try await registrar.post("/api/v1/pupils", Self.registration(id: "E87654321", idType: "A", name: "玛丽"))
        #expect(second.status == 201)
        let reviewer = APIClient(port: f.server.port)
        try await reviewer.login("county-reviewer", Self.password)
        let decided = try await reviewer.post("/api/v1/registrations/approve", ["numbers": [.string(number), second.json["number"] ?? nil]])
        #expect(decided.json["approved"] == [.string(number)])   // the first has no candidate; the second is a problem record
        #expect(decided.json["refused"]?.arrayValue?.first?["code"] == "problem_record")
    }

    @Test(arguments: Engine.available)
    func theSameChildRegisteredTwiceAtOnceGetsOneRecord(_ engine: Engine) async throws {
        let f = try demoFixture(engine)
        let id = Self.validID("41010220200101004")
        let clients = (0..<8).map { _ in APIClient(port: f.server.port) }
        for c in clients { try await c.login("registrar", Self.password) }
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for c in clients { group.addTask { try await c.post("/api/v1/pupils", Self.registration(id: id, birth: "2020-01-01")).status } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 201 }.count == 1, "\(statuses)")
        #expect(statuses.filter { $0 == 409 }.count == 7, "\(statuses)")
    }

    @Test(arguments: Engine.available)
    func auditVerifyCatchesAnAlteredRow(_ engine: Engine) async throws {
        let f = try demoFixture(engine)
        let registrar = APIClient(port: f.server.port)
        try await registrar.login("registrar", Self.password)
        #expect(try await registrar.post("/api/v1/pupils", Self.registration(id: Self.validID("41010220200315006"))).status == 201)
        let db = f.database.url.rawValue
        let intact = try ServerProcess.run(["audit", "verify", "--db", db])
        #expect(intact.status == 0 && intact.stdout.contains("last hash: ") && !intact.stdout.contains("(empty log)"))
        try f.database.database.write { try $0.execute("UPDATE audit_log SET subject = 'G000000000000000000' WHERE seq = 2", []) }
        let broken = try ServerProcess.run(["audit", "verify", "--db", db])
        #expect(broken.status == 1 && broken.stderr.contains("broken at entry 2"))
    }

    @Test func badRegistrationsListEveryField() async throws {
        let f = try demoFixture(.sqlite)
        let registrar = APIClient(port: f.server.port)
        try await registrar.login("registrar", Self.password)
        var body = Self.registration(id: "４１０１０２２０２００３１５００２x")
        if case .object(var m) = body {
            for (i, (k, _)) in m.enumerated() {
                switch k {
                case "ethnicity": m[i].1 = "99"
                case "name": m[i].1 = .string(String(repeating: "名", count: 200))
                case "phone": m[i].1 = "138abcd5678"
                case "guardians": m[i].1 = []
                case "birth_date": m[i].1 = "2019-02-30"
                default: break
                }
            }
            body = .object(m)
        }
        let reply = try await registrar.post("/api/v1/pupils", body)
        #expect(reply.status == 422)
        let fields = Set(reply.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? [])
        #expect(fields == ["ethnicity", "name", "phone", "guardians", "birth_date", "id_number"], "\(reply.text)")
        let control = try await registrar.post("/api/v1/pupils", Self.registration(id: Self.validID("41010220200315052"), name: "张\u{0007}三"))
        #expect(control.status == 422 && control.json["errors"]?.arrayValue?.first?["code"] == "control_characters")
        let script = try await registrar.post("/api/v1/pupils", Self.registration(id: Self.validID("41010220200315060"), name: "<script>"))
        #expect(script.status == 422 && script.json["errors"]?.arrayValue?.first?["code"] == "invalid_name")
        let check = try await registrar.get("/api/v1/identity/check?id_type=1&id_number=11010519491231002x")
        #expect(check.json["valid"] == true && check.json["birth_date"] == "1949-12-31" && check.json["sex"] == "2")
        let codes = try await registrar.get("/api/v1/codes/ethnicity")
        #expect(codes.json["items"]?.arrayValue?.count == 56)
    }
}

/// Editing, renumbering and problem records through the real server.
@Suite(.serialized) struct RecordMaintenanceTests {
    let password = RegistryTests.password

    @Test(arguments: Engine.available)
    func editsNeedTheCurrentETagAndLeaveHistory(_ engine: Engine) async throws {
        let f = try RegistryTests().demoFixture(engine)
        let registrar = APIClient(port: f.server.port)
        try await registrar.login("registrar", password)
        let created = try await registrar.post("/api/v1/pupils", RegistryTests.registration(id: "P1234567", idType: "A", name: "安娜"))
        let lNumber = try #require(created.json["number"]?.stringValue)
        let tag = try #require(created.header("etag"))
        let noTag = try await registrar.request("PATCH", "/api/v1/pupils/\(lNumber)", json: ["address": "新地址2号"])
        #expect(noTag.status == 428 && noTag.json["code"] == "if_match_required")
        let edited = try await registrar.request("PATCH", "/api/v1/pupils/\(lNumber)", json: ["address": "新地址2号"], headers: ["If-Match": tag])
        #expect(edited.status == 200 && edited.json["address"] == "新地址2号")
        let stale = try await registrar.request("PATCH", "/api/v1/pupils/\(lNumber)", json: ["address": "又一个地址"], headers: ["If-Match": tag])
        #expect(stale.status == 412 && stale.json["code"] == "stale_etag")
        let moved = try await registrar.request("PATCH", "/api/v1/pupils/\(lNumber)", json: ["school": "4101039001"], headers: ["If-Match": edited.header("etag") ?? ""])
        #expect(moved.status == 422 && moved.json["errors"]?.arrayValue?.first?["code"] == "field_not_editable")

        // Adding a verified resident ID gives the G number; the L number still finds the pupil.
        let id = RegistryTests.validID("41010220200315004")
        let renumbered = try await registrar.request("PATCH", "/api/v1/pupils/\(lNumber)", json: ["id_type": "1", "id_number": .string(id)],
                                                     headers: ["If-Match": edited.header("etag") ?? ""])
        #expect(renumbered.status == 200, "\(renumbered.text)")
        #expect(renumbered.json["number"] == .string("G" + id))
        let byOld = try await registrar.get("/api/v1/pupils/\(lNumber)")
        #expect(byOld.status == 200 && byOld.json["number"] == .string("G" + id))
        let history = try await registrar.get("/api/v1/pupils/G\(id)/history")
        let edits = history.json["events"]?.arrayValue?.filter { $0["kind"] == "field_edit" }.compactMap { $0["field"]?.stringValue } ?? []
        #expect(Set(edits) == ["address", "id_type", "id_number"])

        // After graduation the identity part is read-only (DOMAIN.md §3).
        try f.database.database.write { try $0.execute("UPDATE pupils SET status = 'graduated' WHERE number = ?", .text("G" + id)) }
        let locked = try await registrar.request("PATCH", "/api/v1/pupils/G\(id)", json: ["name": "安妮"], headers: ["If-Match": renumbered.header("etag") ?? ""])
        #expect(locked.status == 409 && locked.json["code"] == "identity_locked")
    }

    @Test(arguments: Engine.available)
    func identityResultsOpenProblemRecordsThatTheSchoolResolves(_ engine: Engine) async throws {
        let f = try RegistryTests().demoFixture(engine)
        let registrar = APIClient(port: f.server.port)
        try await registrar.login("registrar", password)
        var numbers: [String] = []
        for body in ["41010220200315010", "41010220200315028", "41010220200315036"] {
            let made = try await registrar.post("/api/v1/pupils", RegistryTests.registration(id: RegistryTests.validID(body)))
            numbers.append(try #require(made.json["number"]?.stringValue))
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString).csv")
        try "number,result,detail\n\(numbers[0]),mismatch,姓名与身份证号不符\n\(numbers[1]),invalid,\n\(numbers[2]),ok,\nG000000000000000000,mismatch,\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let imported = try ServerProcess.run(["identity", "import", file.path, "--db", f.database.url.rawValue])
        #expect(imported.status == 65 && imported.stdout.contains("2 problem records opened") && imported.stderr.contains("row 4"))

        let open = try await registrar.get("/api/v1/problems?school=4101029001")
        let items = open.json["items"]?.arrayValue ?? []
        #expect(Set(items.compactMap { $0["kind"]?.stringValue }) == ["identity_mismatch", "invalid_id"])
        let reviewer = APIClient(port: f.server.port)
        try await reviewer.login("county-reviewer", password)
        let blocked = try await reviewer.post("/api/v1/registrations/approve", ["numbers": [.string(numbers[0])]])
        #expect(blocked.json["refused"]?.arrayValue?.first?["code"] == "problem_record")

        let mismatch = try #require(items.first { $0["kind"] == "identity_mismatch" }?["id"]?.stringValue)
        let invalid = try #require(items.first { $0["kind"] == "invalid_id" }?["id"]?.stringValue)
        let noProof = try await registrar.post("/api/v1/problems/\(mismatch)/resolve", ["action": "confirm"])
        #expect(noProof.status == 422 && noProof.json["errors"]?.arrayValue?.first?["code"] == "proof_required")
        #expect(try await registrar.post("/api/v1/problems/\(mismatch)/resolve", ["action": "correct", "corrections": ["name": "李晓华"]]).status == 200)
        #expect(try await registrar.get("/api/v1/pupils/\(numbers[0])").json["name"] == "李晓华")
        #expect(try await registrar.post("/api/v1/problems/\(mismatch)/resolve", ["action": "delete"]).status == 409)
        #expect(try await registrar.post("/api/v1/problems/\(invalid)/resolve", ["action": "delete"]).status == 200)
        #expect(try await registrar.get("/api/v1/pupils/\(numbers[1])").status == 404)
        #expect(try await reviewer.post("/api/v1/registrations/approve", ["numbers": [.string(numbers[0])]]).json["approved"] == [.string(numbers[0])])
        #expect(try ServerProcess.run(["audit", "verify", "--db", f.database.url.rawValue]).status == 0)
    }
}

/// Roles that may not act get 403 before their input is examined: field errors would tell them
/// about rules and data they have no business probing.
@Suite(.serialized) struct AuthorizationOrderTests {
    @Test func forbiddenRolesLearnNothingFromValidation() async throws {
        let f = try RegistryTests().demoFixture(.sqlite)
        let reviewer = APIClient(port: f.server.port)
        try await reviewer.login("county-reviewer", RegistryTests.password)
        let pupil = try await reviewer.post("/api/v1/pupils", ["name": ""])
        #expect(pupil.status == 403 && pupil.json["errors"] == nil)
        let user = try await reviewer.post("/api/v1/users", ["username": "x", "password": "y", "role": "emperor", "scope": "1"])
        #expect(user.status == 403 && user.json["errors"] == nil)
        let school = try await reviewer.post("/api/v1/schools", ["code": "1"])
        #expect(school.status == 403 && school.json["errors"] == nil)
        let analyst = APIClient(port: f.server.port)
        try await analyst.login("county-analyst", RegistryTests.password)
        #expect(try await analyst.post("/api/v1/registrations/approve", ["numbers": ["G11010519491231002X"]]).status == 403)
        #expect(try await analyst.get("/api/v1/problems").status == 403)
    }
}
