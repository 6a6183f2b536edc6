import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// Every route × every role × a resource inside and outside the role's scope, against the answer the
/// access model promises (docs/security.md). The routes come from the OpenAPI document, which a
/// unit test keeps equal to the router's; a route without an entry here fails the test, so no new
/// route can ship without a declared policy.
@Suite(.serialized) struct AuthorizationMatrixTests {
    enum Role: String, CaseIterable {
        case systemAdmin = "admin", bureauAdmin = "county-admin", reviewer = "county-reviewer"
        case registrar = "registrar", approver = "principal", analyst = "county-analyst"
    }

    /// What one request should answer: the status inside the scope and outside it.
    struct Expect { let inside: Int; let outside: Int }

    final class World: @unchecked Sendable {
        let f: Fixture
        var clients: [Role: APIClient] = [:]
        var pupilIn = "", pupilOut = "", attachmentIn = "", attachmentOut = "", changeIn = "", changeOut = ""
        var counter = 0
        init(_ f: Fixture) { self.f = f }
        func next() -> Int { counter += 1; return counter }
    }

    static func all(_ status: Int) -> [Role: Expect] { Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, Expect(inside: status, outside: status)) }) }
    static func only(_ allowed: [Role: Expect], otherwise: Expect) -> [Role: Expect] {
        Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, allowed[$0] ?? otherwise) })
    }

    /// One request for a role, inside (true) or outside (false) its scope.
    typealias Call = (World, Role, Bool) async throws -> APIClient.Reply

    static func get(_ path: @escaping (World, Bool) -> String) -> Call {
        { w, role, inside in try await w.clients[role]!.get(path(w, inside)) }
    }

    static func post(_ path: @escaping (World, Bool) -> String, _ body: @escaping (World, Bool) -> JSON) -> Call {
        { w, role, inside in try await w.clients[role]!.post(path(w, inside), body(w, inside)) }
    }

    static let inSchool = "4101029001", outSchool = "4101039001"

    static func registration(_ w: World, _ inside: Bool) -> JSON {
        let n = w.next()
        // Born 2020-03-15 (the body's birth date), an even sequence for a girl, unique per call.
        let id = RegistryTests.validID("41010220200315" + String(format: "%03d", (600 + n * 2) % 1000))
        var r = RegistryTests.registration(id: id)
        if case .object(var m) = r { m[0] = ("school", .string(inside ? inSchool : outSchool)); r = .object(m) }
        return r
    }

    /// The declared policy of every route.
    static var table: [String: (Call, [Role: Expect])] {
        let readers: [Role: Expect] = only([.systemAdmin: Expect(inside: 200, outside: 200), .analyst: Expect(inside: 403, outside: 403)],
                                           otherwise: Expect(inside: 200, outside: 404))
        let admins = { (created: Int) in
            only([.systemAdmin: Expect(inside: created, outside: created), .bureauAdmin: Expect(inside: created, outside: 403)],
                 otherwise: Expect(inside: 403, outside: 403))
        }
        // Deciding a step of a completed change: the deciding roles reach the state check, the others stop at the role.
        let deciders = only([.registrar: Expect(inside: 409, outside: 404), .approver: Expect(inside: 409, outside: 404),
                             .reviewer: Expect(inside: 409, outside: 404)], otherwise: Expect(inside: 403, outside: 403))
        let schoolPath = { (w: World, inside: Bool) in "/api/v1/schools/\(inside ? inSchool : outSchool)" }
        return [
            "GET /healthz": (get { _, _ in "/healthz" }, all(200)),
            "GET /readyz": (get { _, _ in "/readyz" }, all(200)),
            "GET /metrics": (get { _, _ in "/metrics" }, all(200)),
            "GET /": (get { _, _ in "/" }, all(200)),
            "GET /assets/app.css": (get { _, _ in "/assets/app.css" }, all(200)),
            "GET /language": (get { _, _ in "/language?to=zh" }, all(200)),          // 303, followed to the dashboard
            "GET /login": (get { _, _ in "/login" }, all(200)),
            "GET /changes/new-transfer": (get { _, _ in "/changes/new-transfer" }, all(200)),
            "POST /changes/new-transfer": (post({ _, _ in "/changes/new-transfer" }) { _, _ in [:] }, all(403)), // no form token
            "GET /changes": (get { _, _ in "/changes" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "GET /changes/{id}": (get { w, inside in "/changes/\(inside ? w.changeIn : w.changeOut)" }, readers),
            "POST /changes/{id}/{action}": (post({ w, inside in "/changes/\(inside ? w.changeIn : w.changeOut)/approve" }) { _, _ in [:] }, all(403)), // no form token
            "GET /exports/new": (get { _, _ in "/exports/new" }, all(200)),
            "GET /imports/new": (get { _, _ in "/imports/new" }, all(200)),
            "POST /imports": (post({ _, _ in "/imports" }) { _, _ in [:] }, all(403)),          // no form token
            "GET /imports/{id}": (get { _, _ in "/imports/Inone" }, all(404)),
            "GET /pupils/new": (get { _, _ in "/pupils/new" }, all(200)),
            "POST /pupils/new": (post({ _, _ in "/pupils/new" }) { _, _ in [:] }, all(403)),   // no form token
            "GET /pupils": (get { _, _ in "/pupils?grade=1" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "GET /pupils/{number}": (get { w, inside in "/pupils/\(inside ? w.pupilIn : w.pupilOut)" }, readers),
            "GET /attendance": (get { _, _ in "/attendance" }, only([.registrar: Expect(inside: 200, outside: 200), .approver: Expect(inside: 200, outside: 200)],
                                                                   otherwise: Expect(inside: 403, outside: 403))),
            "GET /classes/{id}/attendance/{date}": (get { _, inside in "/classes/\(inside ? inSchool : outSchool).0001/attendance/2026-09-01" },
                                                   only([.systemAdmin: Expect(inside: 200, outside: 200), .analyst: Expect(inside: 403, outside: 403)],
                                                        otherwise: Expect(inside: 200, outside: 404))),
            "POST /classes/{id}/attendance/{date}": (post({ _, _ in "/classes/4101029001.0001/attendance/2026-09-01" }) { _, _ in [:] }, all(403)), // no form token
            "GET /alerts": (get { _, _ in "/alerts" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "GET /alerts/{id}": (get { _, _ in "/alerts/Anone" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 404, outside: 404))),
            "POST /alerts/{id}/notes": (post({ _, _ in "/alerts/Anone/notes" }) { _, _ in [:] }, all(403)),            // no form token
            "GET /reports/migrants": (get { _, _ in "/reports/migrants" }, all(200)),
            "GET /checks/household": (get { _, _ in "/checks/household" }, only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 200),
                                                                                .reviewer: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 403, outside: 403))),
            "POST /checks/household": (post({ _, _ in "/checks/household" }) { _, _ in [:] }, all(403)),              // no form token
            "GET /pupils/{number}/left-behind": (get { w, inside in "/pupils/\(inside ? w.pupilIn : w.pupilOut)/left-behind" }, readers),
            "POST /pupils/{number}/left-behind": (post({ w, _ in "/pupils/\(w.pupilIn)/left-behind" }) { _, _ in [:] }, all(403)),        // no form token
            "POST /pupils/{number}/left-behind/contacts": (post({ w, _ in "/pupils/\(w.pupilIn)/left-behind/contacts" }) { _, _ in [:] }, all(403)),
            "GET /reports": (get { _, _ in "/reports" }, all(200)),
            "GET /checks/statistics": (get { _, _ in "/checks/statistics" }, only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 200),
                                                                                  .reviewer: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 403, outside: 403))),
            "POST /checks/statistics": (post({ _, _ in "/checks/statistics" }) { _, _ in [:] }, all(403)),                 // no form token
            "POST /checks/statistics/sign-off": (post({ _, _ in "/checks/statistics/sign-off" }) { _, _ in [:] }, all(403)),
            "GET /checks/statistics/pupils": (get { _, inside in "/checks/statistics/pupils?school=\(inside ? inSchool : outSchool)&grade=1&sex=1" },
                                             only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 200),
                                                   .reviewer: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 403, outside: 403))),
            "GET /reports/projection": (get { _, inside in "/reports/projection?county=\(inside ? "410102" : "410103")" },
                                       only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 404),
                                             .reviewer: Expect(inside: 200, outside: 404), .analyst: Expect(inside: 200, outside: 404)],
                                            otherwise: Expect(inside: 404, outside: 404))),
            "GET /aid/ledger": (get { _, _ in "/aid/ledger" }, all(200)),
            "POST /aid/ledger": (post({ _, _ in "/aid/ledger" }) { _, _ in [:] }, all(403)),                                        // no form token
            "POST /aid/ledger/import": (post({ _, _ in "/aid/ledger/import" }) { _, _ in [:] }, all(403)),                          // no form token
            "GET /reports/meals": (get { _, _ in "/reports/meals" }, all(200)),
            "GET /reports/class-sizes": (get { _, _ in "/reports/class-sizes" }, all(200)),
            "GET /reports/funding": (get { _, _ in "/reports/funding" }, all(200)),
            "POST /reports/projection/births": (post({ _, _ in "/reports/projection/births" }) { _, _ in [:] }, all(403)),          // no form token
            "GET /aid": (get { _, _ in "/aid" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "POST /aid": (post({ _, _ in "/aid" }) { _, _ in [:] }, all(403)),                                                // no form token
            "POST /aid/{id}/approve": (post({ _, _ in "/aid/Dnone/approve" }) { _, _ in [:] }, all(403)),                      // no form token
            "GET /assets/app.js": (get { _, _ in "/assets/app.js" }, all(200)),
            "GET /pupils/{number}/edit": (get { w, inside in "/pupils/\(inside ? w.pupilIn : w.pupilOut)/edit" },
                                         only([.systemAdmin: Expect(inside: 200, outside: 200), .registrar: Expect(inside: 200, outside: 404),
                                               .analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 403, outside: 404))),
            "POST /pupils/{number}/edit": (post({ w, inside in "/pupils/\(inside ? w.pupilIn : w.pupilOut)/edit" }) { _, _ in [:] }, all(403)), // no form token
            "GET /registrations": (get { _, _ in "/registrations" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "POST /registrations/approve": (post({ _, _ in "/registrations/approve" }) { _, _ in [:] }, all(403)),     // no form token
            "GET /problems": (get { _, _ in "/problems" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "GET /problems/{id}": (get { _, _ in "/problems/Pnone" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 404, outside: 404))),
            "POST /problems/{id}/resolve": (post({ _, _ in "/problems/Pnone/resolve" }) { _, _ in [:] }, all(403)),  // no form token
            "GET /year-cycle": (get { _, _ in "/year-cycle" }, only([.approver: Expect(inside: 403, outside: 403), .analyst: Expect(inside: 403, outside: 403)],
                                                                   otherwise: Expect(inside: 200, outside: 200))),
            "POST /year-cycle/preview": (post({ _, _ in "/year-cycle/preview" }) { _, _ in [:] }, all(403)),        // no form token
            "POST /year-cycle/run": (post({ _, _ in "/year-cycle/run" }) { _, _ in [:] }, all(403)),                // no form token
            "POST /batches/{id}/revert": (post({ _, _ in "/batches/Bnone/revert" }) { _, _ in [:] }, all(403)),      // no form token
            "GET /admin/schools": (get { _, _ in "/admin/schools" }, all(200)),
            "POST /admin/schools": (post({ _, _ in "/admin/schools" }) { _, _ in [:] }, all(403)),                  // no form token
            "GET /admin/schools/{code}": (get { _, inside in "/admin/schools/\(inside ? inSchool : outSchool)" },
                                         only([.systemAdmin: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 200, outside: 404))),
            "POST /admin/schools/{code}/classes": (post({ _, inside in "/admin/schools/\(inside ? inSchool : outSchool)/classes" }) { _, _ in [:] }, all(403)),
            "GET /admin/accounts": (get { _, _ in "/admin/accounts" }, only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 200)],
                                                                         otherwise: Expect(inside: 403, outside: 403))),
            "POST /admin/accounts": (post({ _, _ in "/admin/accounts" }) { _, _ in [:] }, all(403)),                // no form token
            "POST /admin/accounts/{username}/{action}": (post({ _, _ in "/admin/accounts/registrar/disable" }) { _, _ in [:] }, all(403)), // no form token
            "POST /login": (post({ _, _ in "/login" }) { _, _ in [:] }, all(401)),   // no form fields: refused
            "POST /logout": (post({ _, _ in "/logout" }) { _, _ in [:] }, all(200)), // no form token: nothing happens, 303 to /login
            "GET /api/v1/openapi.json": (get { _, _ in "/api/v1/openapi.json" }, all(200)),
            "POST /api/v1/session": ({ w, _, _ in try await APIClient(port: w.f.server.port).login("matrix-\(w.next())", "wrong-password") }, all(401)),
            "DELETE /api/v1/session": ({ w, role, _ in
                let c = APIClient(port: w.f.server.port)
                try await c.login(role.rawValue, role == .systemAdmin ? Fixture.adminPassword : (role == .bureauAdmin ? "county-admin-pass-1" : RegistryTests.password))
                return try await c.request("DELETE", "/api/v1/session")
            }, all(204)),
            "GET /api/v1/me": (get { _, _ in "/api/v1/me" }, all(200)),
            "POST /api/v1/tokens": (post({ _, _ in "/api/v1/tokens" }) { _, _ in ["name": "matrix"] }, all(201)),
            "GET /api/v1/tokens": (get { _, _ in "/api/v1/tokens" }, all(200)),
            "DELETE /api/v1/tokens/{id}": ({ w, role, _ in try await w.clients[role]!.request("DELETE", "/api/v1/tokens/Tnone") }, all(404)),
            "POST /api/v1/users": (post({ _, _ in "/api/v1/users" }) { w, inside in
                ["username": .string("matrix-user-\(w.next())"), "password": "a-good-password-9", "role": "school_registrar",
                 "scope": .string(inside ? inSchool : outSchool)]
            }, admins(201)),
            "GET /api/v1/users": (get { _, inside in "/api/v1/users?scope=\(inside ? "410102" : "410103")" },
                                  only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 404)],
                                       otherwise: Expect(inside: 403, outside: 403))),
            "POST /api/v1/users/{username}/disable": (post({ _, inside in "/api/v1/users/\(inside ? "victim-in" : "victim-out")/disable" }) { _, _ in [:] },
                                                     only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 404)],
                                                          otherwise: Expect(inside: 403, outside: 403))),
            "POST /api/v1/users/{username}/enable": (post({ _, inside in "/api/v1/users/\(inside ? "victim-in" : "victim-out")/enable" }) { _, _ in [:] },
                                                    only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 404)],
                                                         otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/regions": (get { _, _ in "/api/v1/regions?parent=410100" }, all(200)),
            "GET /api/v1/regions/{code}": (get { _, inside in "/api/v1/regions/\(inside ? "410102" : "420102")" }, all(200)),
            "POST /api/v1/schools": (post({ _, _ in "/api/v1/schools" }) { w, inside in
                ["code": .string((inside ? "41010280" : "41010380") + String(format: "%02d", w.next())), "name": "矩阵学校",
                 "region": .string(inside ? "410102" : "410103"), "type": "primary", "ownership": "public", "locality": "urban", "grades": [1, 2]]
            }, admins(201)),
            "GET /api/v1/schools": (get { _, _ in "/api/v1/schools" }, all(200)),
            "GET /api/v1/schools/{code}": (get(schoolPath), only([.systemAdmin: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 200, outside: 404))),
            "POST /api/v1/schools/{code}/classes": (post({ w, inside in schoolPath(w, inside) + "/classes" }) { w, _ in
                ["grade": 2, "name": .string("矩阵\(w.next())班"), "entry_year": 2025]
            }, only([.systemAdmin: Expect(inside: 201, outside: 201), .bureauAdmin: Expect(inside: 201, outside: 404),
                     .registrar: Expect(inside: 201, outside: 404)], otherwise: Expect(inside: 403, outside: 404))),
            "GET /api/v1/schools/{code}/classes": (get { w, inside in schoolPath(w, inside) + "/classes" },
                                                  only([.systemAdmin: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 200, outside: 404))),
            "GET /api/v1/identity/check": (get { _, _ in "/api/v1/identity/check?id_type=1&id_number=11010519491231002X" }, all(200)),
            "GET /api/v1/codes": (get { _, _ in "/api/v1/codes" }, all(200)),
            "GET /api/v1/codes/{table}": (get { _, _ in "/api/v1/codes/ethnicity" }, all(200)),
            "POST /api/v1/pupils": (post({ _, _ in "/api/v1/pupils" }, registration),
                                   only([.systemAdmin: Expect(inside: 201, outside: 201), .registrar: Expect(inside: 201, outside: 422)],
                                        otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/pupils": (get { _, _ in "/api/v1/pupils?limit=5" },
                                  only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "GET /api/v1/pupils/{number}": (get { w, inside in "/api/v1/pupils/\(inside ? w.pupilIn : w.pupilOut)" }, readers),
            "PATCH /api/v1/pupils/{number}": ({ w, role, inside in
                let number = inside ? w.pupilIn : w.pupilOut
                let tag = try await w.clients[.systemAdmin]!.get("/api/v1/pupils/\(number)").header("etag") ?? ""
                return try await w.clients[role]!.request("PATCH", "/api/v1/pupils/\(number)", json: ["address": .string("矩阵路\(w.next())号")],
                                                          headers: ["If-Match": tag])
            }, only([.systemAdmin: Expect(inside: 200, outside: 200), .registrar: Expect(inside: 200, outside: 404),
                     .analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 403, outside: 404))),
            "GET /api/v1/pupils/{number}/history": (get { w, inside in "/api/v1/pupils/\(inside ? w.pupilIn : w.pupilOut)/history" }, readers),
            "POST /api/v1/registrations/approve": (post({ _, _ in "/api/v1/registrations/approve" }) { w, inside in ["numbers": [.string(inside ? w.pupilIn : w.pupilOut)]] },
                                                  only([.systemAdmin: Expect(inside: 200, outside: 200), .reviewer: Expect(inside: 200, outside: 200)],
                                                       otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/problems": (get { _, _ in "/api/v1/problems" },
                                    only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "POST /api/v1/problems/{id}/resolve": (post({ _, _ in "/api/v1/problems/Pnone/resolve" }) { _, _ in ["action": "delete"] }, all(404)),
            "POST /api/v1/attachments": ({ w, role, _ in
                try await w.clients[role]!.upload("/api/v1/attachments", filename: "m.pdf", contentType: "application/pdf", bytes: AttachmentTests.pdf)
            }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 201, outside: 201))),
            "GET /api/v1/attachments/{id}": (get { w, inside in "/api/v1/attachments/\(inside ? w.attachmentIn : w.attachmentOut)" },
                                            only([.systemAdmin: Expect(inside: 200, outside: 200), .analyst: Expect(inside: 404, outside: 404)],
                                                 otherwise: Expect(inside: 200, outside: 404))),
            "POST /api/v1/changes": (post({ _, _ in "/api/v1/changes" }) { w, inside in
                ["type": "dropout", "pupil": .string(inside ? w.pupilIn : w.pupilOut), "reason": "矩阵"]
            }, only([.registrar: Expect(inside: 409, outside: 404)], otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/changes": (get { _, _ in "/api/v1/changes?inbox=1" },
                                   only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "GET /api/v1/changes/{id}": (get { w, inside in "/api/v1/changes/\(inside ? w.changeIn : w.changeOut)" }, readers),
            "POST /api/v1/changes/{id}/approve": (post({ w, inside in "/api/v1/changes/\(inside ? w.changeIn : w.changeOut)/approve" }) { _, _ in [:] }, deciders),
            "POST /api/v1/changes/{id}/reject": (post({ w, inside in "/api/v1/changes/\(inside ? w.changeIn : w.changeOut)/reject" }) { _, _ in ["reason": "矩阵"] }, deciders),
            "POST /api/v1/changes/{id}/cancel": (post({ w, inside in "/api/v1/changes/\(inside ? w.changeIn : w.changeOut)/cancel" }) { _, _ in ["reason": "矩阵"] },
                                                only([.systemAdmin: Expect(inside: 403, outside: 403), .analyst: Expect(inside: 403, outside: 403),
                                                      .registrar: Expect(inside: 409, outside: 404), .approver: Expect(inside: 409, outside: 404)],
                                                     otherwise: Expect(inside: 403, outside: 404))),
            "GET /api/v1/tasks": (get { _, _ in "/api/v1/tasks" },
                                 only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "POST /api/v1/tasks/{id}/done": (post({ _, _ in "/api/v1/tasks/0/done" }) { _, _ in [:] },
                                            only([.registrar: Expect(inside: 404, outside: 404), .approver: Expect(inside: 404, outside: 404)],
                                                 otherwise: Expect(inside: 403, outside: 403))),
            "POST /api/v1/imports": ({ w, role, inside in
                try await w.clients[role]!.request("POST", "/api/v1/imports", body: Self.multipart([("school", nil, Array((inside ? inSchool : outSchool).utf8)),
                                                                                                      ("file", "x.csv", Array("姓名,性别\n".utf8))]),
                                                   headers: ["Content-Type": "multipart/form-data; boundary=matrix"])
            }, only([.systemAdmin: Expect(inside: 202, outside: 202), .registrar: Expect(inside: 202, outside: 422)], otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/imports/{id}": (get { _, _ in "/api/v1/imports/Inone" }, all(404)),
            "GET /api/v1/imports/{id}/errors": (get { _, _ in "/api/v1/imports/Inone/errors" }, all(404)),
            "POST /api/v1/year-cycle/promotions": (post({ _, _ in "/api/v1/year-cycle/promotions" }) { _, inside in
                ["school_year": 2026, "school": .string(inside ? inSchool : outSchool), "dry_run": true]
            }, only([.systemAdmin: Expect(inside: 409, outside: 409), .approver: Expect(inside: 403, outside: 403), .analyst: Expect(inside: 403, outside: 403)],
                    otherwise: Expect(inside: 409, outside: 404))),
            "POST /api/v1/year-cycle/graduations": (post({ _, _ in "/api/v1/year-cycle/graduations" }) { _, inside in
                ["school_year": 2026, "school": .string(inside ? inSchool : outSchool), "dry_run": true]
            }, only([.systemAdmin: Expect(inside: 200, outside: 200), .approver: Expect(inside: 403, outside: 403), .analyst: Expect(inside: 403, outside: 403)],
                    otherwise: Expect(inside: 200, outside: 404))),
            "GET /api/v1/exports/pupils": (get { _, inside in "/api/v1/exports/pupils?school=\(inside ? inSchool : outSchool)&reason=matrix" },
                                          only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "GET /api/v1/reports/{name}": (get { _, inside in "/api/v1/reports/enrolment?school=\(inside ? inSchool : outSchool)" },
                                          only([.systemAdmin: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 200, outside: 404))),
            "GET /api/v1/classes/{id}/attendance/{date}": (get { _, inside in "/api/v1/classes/\(inside ? inSchool : outSchool).0001/attendance/2026-09-01" },
                                                          only([.systemAdmin: Expect(inside: 200, outside: 200), .analyst: Expect(inside: 403, outside: 403)],
                                                               otherwise: Expect(inside: 200, outside: 404))),
            "PUT /api/v1/classes/{id}/attendance/{date}": ({ w, role, inside in
                try await w.clients[role]!.request("PUT", "/api/v1/classes/\(inside ? inSchool : outSchool).0001/attendance/2026-09-01", json: ["absences": []])
            }, only([.systemAdmin: Expect(inside: 200, outside: 200), .registrar: Expect(inside: 200, outside: 404)], otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/schools/{code}/school-days": (get { _, inside in "/api/v1/schools/\(inside ? inSchool : outSchool)/school-days?from=2026-09-01&to=2026-09-30" },
                                                      only([.systemAdmin: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 200, outside: 404))),
            "PUT /api/v1/schools/{code}/school-days/{date}": ({ w, role, inside in
                try await w.clients[role]!.request("PUT", "/api/v1/schools/\(inside ? inSchool : outSchool)/school-days/2026-09-05", json: ["open": false, "reason": "矩阵"])
            }, only([.systemAdmin: Expect(inside: 200, outside: 200), .registrar: Expect(inside: 200, outside: 404)], otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/alerts": (get { _, _ in "/api/v1/alerts" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "POST /api/v1/alerts/scan": (post({ _, _ in "/api/v1/alerts/scan" }) { _, inside in ["region": inside ? "410102" : "410103"] },
                                        only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 404),
                                              .reviewer: Expect(inside: 200, outside: 404)], otherwise: Expect(inside: 403, outside: 403))),
            "POST /api/v1/checks/household": ({ w, role, inside in
                try await w.clients[role]!.request("POST", "/api/v1/checks/household",
                                                   body: Self.multipart([("household", "h.csv", Array("身份证号\n".utf8)), ("region", nil, Array((inside ? "410102" : "410103").utf8))]),
                                                   headers: ["Content-Type": "multipart/form-data; boundary=matrix"])
            }, only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 404),
                     .reviewer: Expect(inside: 200, outside: 404)], otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/pupils/{number}/left-behind": (get { w, inside in "/api/v1/pupils/\(inside ? w.pupilIn : w.pupilOut)/left-behind" }, readers),
            "PUT /api/v1/pupils/{number}/left-behind": ({ w, role, inside in
                try await w.clients[role]!.request("PUT", "/api/v1/pupils/\(inside ? w.pupilIn : w.pupilOut)/left-behind", json: ["parents_away": "nobody"])
            }, only([.systemAdmin: Expect(inside: 422, outside: 422), .registrar: Expect(inside: 422, outside: 422)], otherwise: Expect(inside: 403, outside: 403))),
            "POST /api/v1/pupils/{number}/left-behind/contacts": (post({ w, inside in "/api/v1/pupils/\(inside ? w.pupilIn : w.pupilOut)/left-behind/contacts" }) { _, _ in
                ["kind": "call", "note": "矩阵"]
            }, only([.systemAdmin: Expect(inside: 201, outside: 201), .registrar: Expect(inside: 201, outside: 404), .approver: Expect(inside: 201, outside: 404)],
                    otherwise: Expect(inside: 403, outside: 403))),
            "POST /api/v1/attendance/imports": ({ w, role, _ in
                try await w.clients[role]!.request("POST", "/api/v1/attendance/imports", body: Self.multipart([("file", "a.csv", Array("日期,全国学籍号,出勤情况\n".utf8))]),
                                                   headers: ["Content-Type": "multipart/form-data; boundary=matrix"])
            }, only([.systemAdmin: Expect(inside: 200, outside: 200), .registrar: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/rates": (get { _, _ in "/api/v1/rates?programme=meal" }, all(200)),
            "POST /api/v1/rates": (post({ _, _ in "/api/v1/rates" }) { _, _ in ["programme": "meal", "province": "41", "effective_from": "2030-01-01", "source": "矩阵"] },
                                  only([.systemAdmin: Expect(inside: 422, outside: 422), .bureauAdmin: Expect(inside: 422, outside: 422)],
                                       otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/meal-pilots": (get { _, _ in "/api/v1/meal-pilots" }, all(200)),
            "PUT /api/v1/meal-pilots/{county}": ({ w, role, inside in
                try await w.clients[role]!.request("PUT", "/api/v1/meal-pilots/\(inside ? "410102" : "410103")", json: ["pilot": "national", "since": "2026-09-01"])
            }, only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 403)], otherwise: Expect(inside: 403, outside: 403))),
            "POST /api/v1/reconciliations": ({ w, role, inside in
                try await w.clients[role]!.request("POST", "/api/v1/reconciliations",
                                                   body: Self.multipart([("file", "s.csv", Array("学校标识码,年级,性别,在校生数\n".utf8)), ("region", nil, Array((inside ? "410102" : "410103").utf8))]),
                                                   headers: ["Content-Type": "multipart/form-data; boundary=matrix"])
            }, only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 404),
                     .reviewer: Expect(inside: 200, outside: 404)], otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/reconciliations/pupils": (get { _, inside in "/api/v1/reconciliations/pupils?school=\(inside ? inSchool : outSchool)&grade=1&sex=1" },
                                                  only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 200),
                                                        .reviewer: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 403, outside: 403))),
            "POST /api/v1/census-snapshots": (post({ _, _ in "/api/v1/census-snapshots" }) { _, inside in ["county": inside ? "410102" : "410103", "as_of": "1999-09-01"] },
                                             only([.systemAdmin: Expect(inside: 201, outside: 201), .bureauAdmin: Expect(inside: 409, outside: 404),
                                                   .reviewer: Expect(inside: 409, outside: 404)], otherwise: Expect(inside: 403, outside: 403))),
            // Routes run in sorted order: no snapshot is signed yet when this one runs.
            "GET /api/v1/census-snapshots/{county}": (get { _, inside in "/api/v1/census-snapshots/\(inside ? "410102" : "410103")?as_of=1999-09-01" }, all(404)),
            "POST /api/v1/census-snapshots/{county}/corrections": (post({ _, inside in "/api/v1/census-snapshots/\(inside ? "410102" : "410103")/corrections" }) { _, _ in
                ["as_of": "1999-09-01", "school": "4101029001", "grade": 1, "sex": "1", "delta": 1, "reason": "矩阵"]
            // Sorted order: the sign-off route has run (the system administrator signed both counties).
            }, only([.systemAdmin: Expect(inside: 201, outside: 422), .bureauAdmin: Expect(inside: 201, outside: 404), .reviewer: Expect(inside: 201, outside: 404)],
                    otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/projections/{county}": (get { _, inside in "/api/v1/projections/\(inside ? "410102" : "410103")" },
                                                only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 404),
                                                      .reviewer: Expect(inside: 200, outside: 404), .analyst: Expect(inside: 403, outside: 403)],
                                                     otherwise: Expect(inside: 404, outside: 404))),
            "POST /api/v1/aid/applications": (post({ _, _ in "/api/v1/aid/applications" }) { _, _ in ["pupil": "G11010519491231002X"] },
                                             only([.registrar: Expect(inside: 422, outside: 422)], otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/aid/awards": (get { _, _ in "/api/v1/aid/awards?term=2026-1&reason=matrix" },
                                      only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "POST /api/v1/aid/payments": (post({ _, _ in "/api/v1/aid/payments" }) { w, inside in
                ["school": .string(inside ? inSchool : outSchool), "programme": "living_subsidy", "term": "2026-1", "month": "2026-10", "amount_fen": 100,
                 "paid_on": "2026-10-30", "reference": .string("M-\(w.next())")]
            }, only([.systemAdmin: Expect(inside: 201, outside: 201), .bureauAdmin: Expect(inside: 201, outside: 422), .reviewer: Expect(inside: 201, outside: 422)],
                    otherwise: Expect(inside: 403, outside: 403))),
            "POST /api/v1/aid/payments/imports": ({ w, role, _ in
                try await w.clients[role]!.request("POST", "/api/v1/aid/payments/imports",
                                                   body: Self.multipart([("file", "p.csv", Array("学校标识码,资助项目,学期,月份,金额（元）,支付日期,凭证号\n".utf8))]),
                                                   headers: ["Content-Type": "multipart/form-data; boundary=matrix"])
            }, only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 200), .reviewer: Expect(inside: 200, outside: 200)],
                    otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/aid/payments": (get { _, _ in "/api/v1/aid/payments?term=2026-1" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "POST /api/v1/birth-cohorts/imports": ({ w, role, _ in
                try await w.clients[role]!.request("POST", "/api/v1/birth-cohorts/imports",
                                                   body: Self.multipart([("file", "b.csv", Array("县级行政区划代码,出生年份,出生人数\n".utf8))]),
                                                   headers: ["Content-Type": "multipart/form-data; boundary=matrix"])
            }, only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 200), .reviewer: Expect(inside: 200, outside: 200)],
                    otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/birth-cohorts/{county}": (get { _, inside in "/api/v1/birth-cohorts/\(inside ? "410102" : "410103")" },
                                                  only([.systemAdmin: Expect(inside: 200, outside: 200), .registrar: Expect(inside: 404, outside: 404),
                                                        .approver: Expect(inside: 404, outside: 404)], otherwise: Expect(inside: 200, outside: 404))),
            "GET /api/v1/aid/programmes": (get { _, _ in "/api/v1/aid/programmes" }, all(200)),
            "GET /api/v1/aid/applications": (get { _, _ in "/api/v1/aid/applications" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 200, outside: 200))),
            "POST /api/v1/aid/applications/{id}/{action}": (post({ _, _ in "/api/v1/aid/applications/Dnone/approve" }) { _, _ in [:] },
                                                           only([.systemAdmin: Expect(inside: 404, outside: 404), .reviewer: Expect(inside: 404, outside: 404)],
                                                                otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/alerts/{id}": (get { _, _ in "/api/v1/alerts/Anone" }, only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 404, outside: 404))),
            "POST /api/v1/alerts/{id}/notes": (post({ _, _ in "/api/v1/alerts/Anone/notes" }) { _, _ in ["note": "矩阵", "state": "contacted"] },
                                              only([.analyst: Expect(inside: 403, outside: 403)], otherwise: Expect(inside: 404, outside: 404))),
            "GET /api/v1/settings/{province}": (get { _, _ in "/api/v1/settings/41" }, all(200)),
            "PATCH /api/v1/settings/{province}": ({ w, role, _ in
                try await w.clients[role]!.request("PATCH", "/api/v1/settings/41", json: ["warn_after_days": 3])
            }, only([.systemAdmin: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/terms": (get { _, _ in "/api/v1/terms?province=41" }, all(200)),
            "PUT /api/v1/terms/{province}/{school_year}/{term}": ({ w, role, _ in
                try await w.clients[role]!.request("PUT", "/api/v1/terms/41/2026/1", json: ["starts": "2026-09-01", "ends": "2027-01-22"])
            }, only([.systemAdmin: Expect(inside: 200, outside: 200)], otherwise: Expect(inside: 403, outside: 403))),
            "GET /api/v1/import-template": (get { _, _ in "/api/v1/import-template" }, all(200)),
            "POST /api/v1/year-cycle/cohort-moves": (post({ _, _ in "/api/v1/year-cycle/cohort-moves" }) { _, inside in
                ["from_school": .string(inside ? inSchool : outSchool), "grade": 1, "to_school": "4101029002", "dry_run": true]
            }, only([.systemAdmin: Expect(inside: 200, outside: 200), .bureauAdmin: Expect(inside: 200, outside: 404), .reviewer: Expect(inside: 200, outside: 404)],
                    otherwise: Expect(inside: 403, outside: 403))),
            "POST /api/v1/batches/{id}/revert": (post({ _, _ in "/api/v1/batches/Bnone/revert" }) { _, _ in [:] },
                                                only([.approver: Expect(inside: 403, outside: 403), .analyst: Expect(inside: 403, outside: 403)],
                                                     otherwise: Expect(inside: 404, outside: 404))),
        ]
    }

    /// A multipart body with the boundary `matrix`: (name, filename, bytes) per part.
    static func multipart(_ parts: [(String, String?, [UInt8])]) -> Data {
        var body = Data()
        for (name, filename, bytes) in parts {
            body.append(Data("--matrix\r\nContent-Disposition: form-data; name=\"\(name)\"\(filename.map { "; filename=\"\($0)\"" } ?? "")\r\n\r\n".utf8))
            body.append(contentsOf: bytes)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--matrix--\r\n".utf8))
        return body
    }

    /// A completed class change for the pupil (a change inside one school's scope).
    static func classChange(_ w: World, _ client: APIClient, _ number: String) async throws -> String {
        let rows = try w.f.database.database.read { c in
            try c.query("""
                SELECT c2.name FROM pupils p JOIN classes c1 ON c1.id = p.class_id JOIN classes c2 ON c2.school_id = p.school_id AND c2.grade = p.grade
                WHERE p.number = ? AND c2.id <> c1.id ORDER BY c2.name
                """, .text(number))
        }
        let target = try #require(rows.first?[0].string)
        let reply = try await client.post("/api/v1/changes", ["type": "class_change", "pupil": .string(number), "reason": "矩阵", "to_class": .string(target)])
        return try #require(reply.json["id"]?.stringValue, "\(reply.text)")
    }

    @Test(arguments: Engine.available)
    func everyRouteEveryRoleInsideAndOutsideItsScope(_ engine: Engine) async throws {
        let f = try RegistryTests().demoFixture(engine)
        let w = World(f)
        let admin = try await f.adminClient()
        w.clients[.systemAdmin] = admin
        #expect(try await admin.post("/api/v1/users", ["username": "county-admin", "password": "county-admin-pass-1",
                                                        "role": "bureau_admin", "scope": "410102"]).status == 201)
        for (name, scope) in [("victim-in", Self.inSchool), ("victim-out", Self.outSchool)] {
            #expect(try await admin.post("/api/v1/users", ["username": .string(name), "password": "victim-pass-12", "role": "school_registrar", "scope": .string(scope)]).status == 201)
        }
        for role in Role.allCases where role != .systemAdmin {
            let c = APIClient(port: f.server.port)
            let reply = try await c.login(role.rawValue, role == .bureauAdmin ? "county-admin-pass-1" : RegistryTests.password)
            #expect(reply.status == 200, "login \(role)")
            w.clients[role] = c
        }
        let numbers = try f.database.database.read { c in
            try c.query("SELECT p.number, s.code FROM pupils p JOIN schools s ON s.id = p.school_id WHERE s.code IN (?, ?) ORDER BY p.number", .text(Self.inSchool), .text(Self.outSchool))
        }
        w.pupilIn = try #require(numbers.first { $0.string("code") == Self.inSchool }?.string("number"))
        w.pupilOut = try #require(numbers.first { $0.string("code") == Self.outSchool }?.string("number"))
        let registrar2 = APIClient(port: f.server.port)
        try await registrar2.login("registrar2", RegistryTests.password)
        w.attachmentIn = try #require(try await w.clients[.registrar]!.upload("/api/v1/attachments", filename: "a.pdf", contentType: "application/pdf", bytes: AttachmentTests.pdf).json["id"]?.stringValue)
        w.attachmentOut = try #require(try await registrar2.upload("/api/v1/attachments", filename: "b.pdf", contentType: "application/pdf", bytes: AttachmentTests.pdf).json["id"]?.stringValue)

        w.changeIn = try await Self.classChange(w, w.clients[.registrar]!, w.pupilIn)
        w.changeOut = try await Self.classChange(w, registrar2, w.pupilOut)

        // Every route of the API must have a declared policy here.
        guard case .object(let paths) = try await admin.get("/api/v1/openapi.json").json["paths"] ?? .null else { Issue.record("no paths"); return }
        var routes: [String] = []
        for (path, operations) in paths {
            guard case .object(let methods) = operations else { continue }
            for (method, _) in methods where ["get", "post", "put", "patch", "delete"].contains(method) { routes.append("\(method.uppercased()) \(path)") }
        }
        let table = Self.table
        let undeclared = routes.filter { table[$0] == nil }
        #expect(undeclared.isEmpty, "routes without a declared policy: \(undeclared)")

        var mismatches: [String] = []
        for route in routes.sorted() {
            guard let (call, expectations) = table[route] else { continue }
            for role in Role.allCases {
                for inside in [true, false] {
                    let expected = inside ? expectations[role]!.inside : expectations[role]!.outside
                    let reply = try await call(w, role, inside)
                    if reply.status != expected {
                        mismatches.append("\(route) as \(role) \(inside ? "inside" : "outside"): \(reply.status), expected \(expected) \(reply.json["code"]?.stringValue ?? "")")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
    }
}
