import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// Reconciliation with the annual statistics (issue 9): a county's table that matches the registry
/// but for one count, with rows that must be refused; the pupils behind a count; the sign-off that
/// freezes the county's snapshot.
@Suite(.serialized) struct ReconciliationTests {
    @Test(arguments: Engine.available)
    func differencesAreFoundAndTheSnapshotFreezes(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let reviewer = try await s.client("county-reviewer")
        let asOf = AttendanceTests.day(-1)
        // The statistics as the registry has them, school by school, from the enrolment report.
        let schools = (try await reviewer.get("/api/v1/schools?region=410102&limit=500").json["items"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
        var lines = ["学校标识码,年级,性别,在校生数"]
        var target = 0
        for school in schools {
            let report = try await reviewer.get("/api/v1/reports/enrolment?school=\(school)&as_of=\(asOf)")
            for row in report.json["rows"]?.arrayValue ?? [] {
                let grade = row["label"]?.stringValue ?? ""
                for (i, sex) in ["1", "2"].enumerated() {
                    var count = Int(row["cells"]?.arrayValue?[i].intValue ?? 0)
                    if school == "4101029001" && grade == "1" && sex == "1" { target = count; count += 2 }   // the statistics say two more boys
                    lines.append("\(school),\(grade),\(sex == "1" ? "男" : "2"),\(count)")
                }
            }
        }
        lines += ["9999999999,1,1,5", "4101029001,2,1,-3", "4101039001,1,1,4", "4101029001,13,1,1"]
        let (body, type) = HouseholdCheckTests.multipart([("file", "统计表.csv", lines.joined(separator: "\n")), ("as_of", nil, asOf)])
        let reply = try await reviewer.request("POST", "/api/v1/reconciliations", body: body, headers: ["Content-Type": type])
        #expect(reply.status == 200, "\(reply.text)")
        let differences = reply.json["differences"]?.arrayValue ?? []
        #expect(differences.count == 1 && differences.first?["school"] == "4101029001" && differences.first?["grade"] == 1
                && differences.first?["statistics"] == .int(Int64(target + 2)) && differences.first?["registry"] == .int(Int64(target))
                && differences.first?["difference"] == -2, "\(reply.text)")
        #expect(Set((reply.json["rejected"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }) == ["unknown_school", "invalid_count", "outside_scope", "invalid_code"])
        // The pupils behind the registry's count.
        let behind = try await reviewer.get("/api/v1/reconciliations/pupils?school=4101029001&grade=1&sex=1&as_of=\(asOf)")
        #expect(behind.json["items"]?.arrayValue?.count == target)
        #expect(try await (try await s.client("registrar")).get("/api/v1/reconciliations/pupils?school=4101029001&grade=1&sex=1").status == 403)

        // The county signs off; the snapshot stays as it was when the registry changes.
        let signed = try await reviewer.post("/api/v1/census-snapshots", ["county": "410102", "as_of": .string(asOf)])
        #expect(signed.status == 201, "\(signed.text)")
        let frozen = try #require(signed.json["pupils"]?.intValue)
        #expect(try await reviewer.post("/api/v1/census-snapshots", ["county": "410102", "as_of": .string(asOf)]).json["code"] == "already_signed_off")
        #expect(try await reviewer.post("/api/v1/census-snapshots", ["county": "410103", "as_of": .string(asOf)]).status == 404)
        try s.execute("UPDATE memberships SET entry_date = '2000-01-01' WHERE id = (SELECT MIN(id) FROM memberships)")   // a later correction of history
        _ = try await s.register(try await s.client("registrar"), school: "4101029001", grade: 1)
        let snapshot = try await reviewer.get("/api/v1/census-snapshots/410102?as_of=\(asOf)")
        #expect(snapshot.status == 200 && snapshot.json["pupils"]?.intValue == frozen, "the signed-off snapshot does not move")
        // A correction found later is recorded beside the snapshot, with its reason; the snapshot stays.
        let path = "/api/v1/census-snapshots/410102/corrections"
        let corrected = try await reviewer.post(path, ["as_of": .string(asOf), "school": "4101029001", "grade": 1, "sex": "1", "delta": -1, "reason": "重复统计一人"])
        #expect(corrected.status == 201 && corrected.json["written_by"] == "county-reviewer", "\(corrected.text)")
        let refused = try await reviewer.post(path, ["as_of": .string(asOf), "school": "4101039001", "grade": 13, "sex": "3", "delta": 0, "reason": ""])
        #expect(Set((refused.json["errors"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue }) == ["school", "grade", "sex", "delta", "reason"], "\(refused.text)")
        #expect(try await reviewer.post(path, ["as_of": "2001-09-01", "school": "4101029001", "grade": 1, "sex": "1", "delta": 1, "reason": "x"]).status == 404,
                "no snapshot that day")
        #expect(try await (try await s.client("registrar")).post(path, ["school": "4101029001", "grade": 1, "sex": "1", "delta": 1, "reason": "x"]).status == 403)
        let after = try await reviewer.get("/api/v1/census-snapshots/410102?as_of=\(asOf)")
        #expect(after.json["pupils"]?.intValue == frozen && after.json["corrected_pupils"]?.intValue == frozen - 1
                && after.json["corrections"]?.arrayValue?.first?["reason"] == "重复统计一人", "\(after.text)")
    }
}
