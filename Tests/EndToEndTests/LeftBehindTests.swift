import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// The living record of left-behind children (issue 8): written by the school, read by the bureau
/// with the carer's phone masked, its silence raising an alert, and the two definitions side by side.
@Suite(.serialized) struct LeftBehindTests {
    static func registerLeftBehind(_ s: ChangeScenario, _ registrar: APIClient) async throws -> String {
        let pupil = try await s.register(registrar, school: "4101029001", grade: 3)
        let version = try #require(try s.query("SELECT version FROM pupils WHERE number = ?", [.text(pupil.number)]).first?[0].int64)
        let edited = try await registrar.request("PATCH", "/api/v1/pupils/\(pupil.number)", json: ["left_behind": "1"], headers: ["If-Match": "\"\(version)\""])
        #expect(edited.status == 200, "\(edited.text)")
        return pupil.number
    }

    static func record(awaySince: String) -> JSON {
        ["parents_away": "both", "father_place": "广东省东莞市", "mother_place": "广东省东莞市", "away_since": .string(awaySince),
         "carer_name": "王奶奶", "carer_relation": "祖母", "carer_phone": "13900007777", "care_measures": "班主任每周谈心；结对帮扶"]
    }

    @Test(arguments: Engine.available)
    func theSchoolKeepsTheRecordAndSilenceRaisesAnAlert(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registrar = try await s.client("registrar"), reviewer = try await s.client("county-reviewer")
        let longAway = try await Self.registerLeftBehind(s, registrar), lately = try await Self.registerLeftBehind(s, registrar)
        let home = try await s.register(registrar, school: "4101029001", grade: 3)

        let bad = try await registrar.request("PUT", "/api/v1/pupils/\(longAway)/left-behind", json: ["parents_away": "both", "away_since": "2099-01-01", "carer_phone": "12"])
        #expect(bad.status == 422 && Set((bad.json["errors"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue })
                    == ["away_since", "father_place", "mother_place", "carer_name", "carer_relation", "carer_phone"], "\(bad.text)")
        #expect(try await registrar.request("PUT", "/api/v1/pupils/\(home.number)/left-behind", json: Self.record(awaySince: "2026-01-01")).json["code"] == "not_left_behind")
        #expect(try await reviewer.request("PUT", "/api/v1/pupils/\(longAway)/left-behind", json: Self.record(awaySince: "2026-01-01")).status == 403)
        let eightMonths = AttendanceTests.day(-240), twoMonths = AttendanceTests.day(-60)
        #expect(try await registrar.request("PUT", "/api/v1/pupils/\(longAway)/left-behind", json: Self.record(awaySince: eightMonths)).status == 200)
        #expect(try await registrar.request("PUT", "/api/v1/pupils/\(lately)/left-behind", json: Self.record(awaySince: twoMonths)).status == 200)
        #expect(try await registrar.get("/api/v1/pupils/\(longAway)/left-behind").json["record"]?["carer_phone"] == "13900007777")
        #expect(try await reviewer.get("/api/v1/pupils/\(longAway)/left-behind").json["record"]?["carer_phone"] == "139****7777",
                "the bureau sees the carer's phone masked")
        #expect(try await (try await s.client("registrar2")).get("/api/v1/pupils/\(longAway)/left-behind").status == 404)

        // No contact logged: the review raises an alert; a contact today keeps the other child quiet.
        let contact = try await registrar.post("/api/v1/pupils/\(lately)/left-behind/contacts", ["kind": "visit", "note": "家访，学习生活正常"])
        #expect(contact.status == 201 && contact.json["contacts"]?.arrayValue?.count == 1)
        #expect(try await registrar.post("/api/v1/pupils/\(lately)/left-behind/contacts", ["kind": "letter", "note": ""]).status == 422)
        let scan = try await reviewer.post("/api/v1/alerts/scan", [:])
        #expect(scan.status == 200, "\(scan.text)")
        let alerts = try await AttendanceTests.alerts(registrar, kind: "left_behind_no_contact")
        #expect(alerts.contains { $0["pupil"]?.stringValue == longAway }, "no contact for the province's 30 days raises an alert")
        #expect(!alerts.contains { $0["pupil"]?.stringValue == lately }, "a child visited today raises none")
        #expect(alerts.first { $0["pupil"]?.stringValue == longAway }?["priority"]?.arrayValue?.contains("left_behind") == true)

        // The two definitions side by side: both are flagged in the registry, only one is away 6 months.
        let report = try await reviewer.get("/api/v1/reports/left-behind?school=4101029001")
        #expect(report.status == 200 && report.json["additive_rows"] == false, "\(report.text)")
        let row = try #require(report.json["rows"]?.arrayValue?.first { $0["label"] == "410102" })
        let cells = row["cells"]?.arrayValue ?? []
        #expect(cells.count == 4 && cells[1] == 1 && cells[2] == 2, "6-month definition 1, with a record 2: \(report.text)")
        #expect((cells[0].intValue ?? 0) >= 2 && row["total"] == nil, "the registry's flag counts both (and the demo's children); no row total")
        let bySchool = try await reviewer.get("/api/v1/reports/left-behind?school=4101029001&level=school")
        #expect(bySchool.json["rows"]?.arrayValue?.map { $0["label"]?.stringValue ?? "" } == ["4101029001"], "\(bySchool.text)")
    }
}
