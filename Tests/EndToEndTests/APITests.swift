import Foundation
import Testing
import XuejiHTTP
import XuejiTestSupport

@Suite(.serialized) struct APITests {
    static let school: JSON = ["code": "4101020001", "name": "郑州市中原区第一小学", "region": "410102", "type": "primary",
                               "ownership": "public", "locality": "urban", "grades": [1, 2, 3, 4, 5, 6]]

    @Test(arguments: Engine.available)
    func anAdministratorBuildsTheTreeAndOthersSeeTheirPart(_ engine: Engine) async throws {
        let f = try Fixture(engine)
        let admin = try await f.adminClient()
        #expect(try await admin.get("/api/v1/me").json["role"] == "system_admin")

        let created = try await admin.post("/api/v1/schools", Self.school)
        #expect(created.status == 201 && created.json["code"] == "4101020001")
        #expect(try await admin.post("/api/v1/schools", Self.school).json["code"] == "school_code_taken")
        var other = Self.school
        if case .object(var members) = other { members[0] = ("code", "4201020001"); members[2] = ("region", "420102"); other = .object(members) }
        #expect(try await admin.post("/api/v1/schools", other).status == 201)

        let users: [JSON] = [
            ["username": "henan", "password": "henan-password", "role": "bureau_admin", "scope": "410000"],
            ["username": "yixiao", "password": "yixiao-password", "role": "school_registrar", "scope": "4101020001"],
        ]
        for user in users { #expect(try await admin.post("/api/v1/users", user).status == 201) }

        let henan = APIClient(port: f.server.port)
        #expect(try await henan.login("henan", "henan-password").status == 200)
        let listed = try await henan.get("/api/v1/schools")
        #expect(listed.json["items"]?.arrayValue?.count == 1)
        #expect(try await henan.get("/api/v1/schools/4201020001").status == 404)
        let escalate: JSON = ["username": "evil", "password": "evil-password", "role": "system_admin", "scope": "000000"]
        #expect(try await henan.post("/api/v1/users", escalate).status == 403)

        let registrar = APIClient(port: f.server.port)
        try await registrar.login("yixiao", "yixiao-password")
        let made = try await registrar.post("/api/v1/schools/4101020001/classes", ["grade": 1, "name": "一年级1班", "entry_year": 2026])
        #expect(made.status == 201 && made.json["id"] == "4101020001.0001")
        #expect(try await registrar.get("/api/v1/schools/4101020001/classes").json["items"]?.arrayValue?.count == 1)
        #expect(try await registrar.post("/api/v1/schools", Self.school).status == 403)
        let provinces = try await registrar.get("/api/v1/regions")
        #expect(provinces.json["items"]?.arrayValue?.count == 34)
        #expect(try await registrar.get("/api/v1/regions/410102").json["name"] == "中原区")
        #expect(try await registrar.get("/api/v1/regions/999999").status == 404)
    }

    @Test(arguments: Engine.available)
    func listsPageWithCursors(_ engine: Engine) async throws {
        let f = try Fixture(engine)
        let admin = try await f.adminClient()
        for n in 1...5 {
            var school = Self.school
            if case .object(var m) = school { m[0] = ("code", .string("410102000\(n)")); school = .object(m) }
            #expect(try await admin.post("/api/v1/schools", school).status == 201)
        }
        var codes: [String] = [], cursor: String? = nil
        repeat {
            let page = try await admin.get("/api/v1/schools?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
            codes += page.json["items"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
            cursor = page.json["next_cursor"]?.stringValue
        } while cursor != nil
        #expect(codes == (1...5).map { "410102000\($0)" })
        #expect(try await admin.get("/api/v1/schools?limit=501").json["errors"]?.arrayValue?.first?["field"] == "limit")
        #expect(try await admin.get("/api/v1/schools?cursor=zz").status == 422)
    }

    @Test func sessionsNeedTheCookieAndUnsafeRequestsTheCSRFToken() async throws {
        let f = try Fixture(.sqlite)
        #expect(try await f.client.get("/api/v1/me").status == 401)
        let wrong = try await f.client.login("admin", "not-the-password")
        #expect(wrong.status == 401 && wrong.json["code"] == "invalid_credentials")
        let admin = try await f.adminClient()
        let noToken = try await admin.request("POST", "/api/v1/schools", json: Self.school, csrf: false)
        #expect(noToken.status == 403 && noToken.json["code"] == "csrf_token_invalid")
        let forged = try await admin.request("POST", "/api/v1/schools", json: Self.school, headers: ["X-CSRF-Token": "forged"], csrf: false)
        #expect(forged.status == 403)
        #expect(try await admin.request("DELETE", "/api/v1/session").status == 204)
        #expect(try await admin.get("/api/v1/me").status == 401)
        admin.cookie = "forged-session-cookie"
        #expect(try await admin.get("/api/v1/me").status == 401)
    }

    @Test func badInputGetsADefinedAnswer() async throws {
        let f = try Fixture(.sqlite)
        let admin = try await f.adminClient()
        admin.language = "en"
        let unknown = try await admin.get("/api/v1/nothing-here")
        #expect(unknown.status == 404 && unknown.header("content-type")?.hasPrefix("application/problem+json") == true)
        let method = try await admin.request("PUT", "/api/v1/schools")
        #expect(method.status == 405 && method.header("allow") == "POST, GET, HEAD")
        let malformed = try await admin.request("POST", "/api/v1/schools", body: Data("{\n \"code\": \"1\",\n}".utf8), headers: ["Content-Type": "application/json"])
        #expect(malformed.status == 400 && malformed.json["code"] == "malformed_json")
        #expect(malformed.json["line"] == 3 && malformed.json["column"] == 1)
        #expect(malformed.json["detail"]?.stringValue?.contains("line 3, column 1") == true)
        let types = try await admin.post("/api/v1/schools", ["code": 4101020001, "name": "x", "region": "410102", "type": "primary",
                                                             "ownership": "public", "locality": "urban", "grades": "1-6"])
        #expect(types.status == 422)
        #expect(Set(types.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []) == ["code", "grades"])
        admin.language = "zh-Hans"
        let chinese = try await admin.post("/api/v1/schools", ["code": "1"])
        #expect(chinese.status == 422 && chinese.json["detail"]?.stringValue?.contains("提交的数据有误") == true)
        #expect(try await admin.request("POST", "/api/v1/schools", body: Data("[1,2]".utf8)).status == 422)
    }
}

@Suite(.serialized) struct BruteForceTests {
    /// 30 parallel guesses at one account: at most five are checked, the rest answer 429 with Retry-After.
    @Test(arguments: Engine.available)
    func parallelGuessesAreCutOffAfterFive(_ engine: Engine) async throws {
        let f = try Fixture(engine)
        let replies = try await withThrowingTaskGroup(of: APIClient.Reply.self) { group in
            for _ in 0..<30 {
                group.addTask { try await APIClient(port: f.server.port).login("admin", "not-the-password") }
            }
            return try await group.reduce(into: [APIClient.Reply]()) { $0.append($1) }
        }
        let checked = replies.filter { $0.status == 401 }.count
        let refused = replies.filter { $0.status == 429 }
        #expect(checked <= 5 && checked + refused.count == 30, "\(replies.map(\.status))")
        #expect(refused.allSatisfy { Int($0.header("retry-after") ?? "") ?? 0 > 0 && $0.json["code"] == "too_many_attempts" })
        #expect(try await APIClient(port: f.server.port).login("admin", Fixture.adminPassword).status == 429)
    }
}

@Suite(.serialized) struct TokenTests {
    @Test(arguments: Engine.available)
    func bearerTokensWorkWithoutCSRFUntilRevoked(_ engine: Engine) async throws {
        let f = try Fixture(engine)
        let admin = try await f.adminClient()
        let created = try await admin.post("/api/v1/tokens", ["name": "省级对接"])
        #expect(created.status == 201)
        let secret = try #require(created.json["token"]?.stringValue)
        let id = try #require(created.json["id"]?.stringValue)
        let script = APIClient(port: f.server.port)
        let bearer = ["Authorization": "Bearer \(secret)"]
        #expect(try await script.request("GET", "/api/v1/me", headers: bearer).json["username"] == "admin")
        let school: JSON = ["code": "4101020009", "name": "令牌小学", "region": "410102", "type": "primary", "ownership": "public",
                            "locality": "urban", "grades": [1, 2, 3]]
        #expect(try await script.request("POST", "/api/v1/schools", json: school, headers: bearer, csrf: false).status == 201)
        let listed = try await admin.get("/api/v1/tokens")
        #expect(listed.json["items"]?.arrayValue?.first?["name"] == "省级对接" && !listed.text.contains(secret))
        #expect(try await admin.request("DELETE", "/api/v1/tokens/\(id)").status == 204)
        #expect(try await script.request("GET", "/api/v1/me", headers: bearer).status == 401)
        #expect(try await script.request("GET", "/api/v1/me", headers: ["Authorization": "Bearer xjt_forged"]).status == 401)
        #expect(try await script.request("GET", "/api/v1/me", headers: ["Authorization": "Basic YWRtaW46eA=="]).status == 401)
    }
}

@Suite(.serialized) struct SessionSettingsTests {
    @Test func secureCookiesWhenServedBehindTLS() async throws {
        let f = try Fixture(.sqlite, serveOptions: ["--secure-cookies", "--session-idle-minutes", "30"])
        let login = try await APIClient(port: f.server.port).login("admin", Fixture.adminPassword)
        let cookie = try #require(login.header("set-cookie"))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Secure"))
        let plain = try Fixture(.sqlite)
        #expect(try await APIClient(port: plain.server.port).login("admin", Fixture.adminPassword).header("set-cookie")?.contains("Secure") == false)
    }
}
