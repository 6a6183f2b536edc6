import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// Financial aid against a hand count (issue 9): only an approved registration is awarded, one award
/// per programme and term, the county decides, and the remaining months follow a pupil who moves.
@Suite(.serialized) struct AidTests {
    @Test(arguments: Engine.available)
    func awardsFollowTheRulesAndThePupil(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        try await AttendanceTests.openTerm(s)
        let calendar = Calendar(identifier: .gregorian)
        let month = calendar.component(.month, from: AttendanceTests.today), year = calendar.component(.year, from: AttendanceTests.today)
        let (schoolYear, term) = month >= 8 ? (year, 1) : (month == 1 ? (year - 1, 1) : (year - 1, 2))
        let registrar = try await s.client("registrar"), reviewer = try await s.client("county-reviewer")
        let pupil = try await s.register(registrar, school: "4101029001", grade: 3)
        let application: JSON = ["pupil": .string(pupil.number), "programme": "living_subsidy", "school_year": .int(Int64(schoolYear)),
                                 "term": .int(Int64(term)), "hardship": "minimum_living"]
        let early = try await registrar.post("/api/v1/aid/applications", application)
        #expect(early.status == 409 && early.json["code"] == "not_registered", "a registration not yet approved gets no aid")
        #expect(try await reviewer.post("/api/v1/registrations/approve", ["numbers": [.string(pupil.number)]]).status == 200)
        let applied = try await registrar.post("/api/v1/aid/applications", application)
        #expect(applied.status == 201 && applied.json["amount_fen"] == 31_250, "a primary day pupil: 1,250 yuan a year, half a term, half again: \(applied.text)")
        #expect(try await registrar.post("/api/v1/aid/applications", application).json["code"] == "already_awarded", "one award per programme and term")
        var senior = application
        if case .object(var m) = senior { m.removeAll { $0.0 == "programme" }; m.append(("programme", "senior_grant")); m.append(("tier", 2)); senior = .object(m) }
        #expect(try await registrar.post("/api/v1/aid/applications", senior).json["errors"]?.arrayValue?.first?["code"] == "not_eligible")
        let id = try #require(applied.json["id"]?.stringValue)
        #expect(try await (try await s.client("county-reviewer2")).post("/api/v1/aid/applications/\(id)/approve", [:]).status == 404)
        #expect(try await registrar.post("/api/v1/aid/applications/\(id)/approve", [:]).status == 403)
        #expect(try await reviewer.post("/api/v1/aid/applications/\(id)/reject", [:]).status == 422, "a refusal needs a reason")
        #expect(try await reviewer.post("/api/v1/aid/applications/\(id)/approve", [:]).json["state"] == "approved")
        #expect(try await reviewer.post("/api/v1/aid/applications/\(id)/approve", [:]).json["code"] == "already_decided")
        // The award list exports with a reason, names its exporter, masks ID numbers and is audited.
        #expect(try await registrar.get("/api/v1/aid/awards?term=\(schoolYear)-\(term)").status == 422, "no reason, no export")
        let exported = try await registrar.get("/api/v1/aid/awards?term=\(schoolYear)-\(term)&reason=%E6%A0%B8%E5%AF%B9")
        #expect(exported.status == 200 && exported.text.contains("导出人：registrar") && exported.text.contains(pupil.number) && exported.text.contains("********"),
                "\(exported.text)")
        #expect(try s.query("SELECT COUNT(*) FROM audit_log WHERE action = 'aid.export'").first?[0].int64 == 1)

        // The pupil moves to another county's school on the first day of the term's third month.
        let terms = try await reviewer.get("/api/v1/terms?province=41").json["items"]?.arrayValue ?? []
        let current = try #require(terms.first { $0["province"] == "41" && $0["school_year"] == .int(Int64(schoolYear)) && $0["term"] == .int(Int64(term)) })
        let starts = try #require(current["starts"]?.stringValue), ends = try #require(current["ends"]?.stringValue)
        var firsts = [starts]
        var (y, m) = (Int(starts.prefix(4))!, Int(starts.dropFirst(5).prefix(2))!)
        while true {
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
            let first = String(format: "%04d-%02d-01", y, m)
            if first > ends { break }
            firsts.append(first)
        }
        let moveOn = firsts[2]
        let pupilID = try #require(try s.query("SELECT id FROM pupils WHERE number = ?", [.text(pupil.number)]).first?[0].int64)
        let other = try #require(try s.query("SELECT id FROM schools WHERE code = '4101039001'").first?[0].int64)
        try s.execute("UPDATE memberships SET exit_date = ?, exit_code = '31' WHERE pupil_id = ? AND exit_date IS NULL", [.text(moveOn), .integer(pupilID)])
        try s.execute("INSERT INTO memberships (pupil_id, province, school_id, grade, entry_date, entry_code) VALUES (?, '41', ?, 3, ?, '21')",
                      [.integer(pupilID), .integer(other), .text(moveOn)])
        try s.execute("UPDATE pupils SET school_id = ?, county = '410103' WHERE id = ?", [.integer(other), .integer(pupilID)])
        let each = 31_250 / firsts.count, last = 31_250 - each * (firsts.count - 1)
        let henan = try await s.client("henan-admin")
        let path = "/api/v1/reports/aid-disbursement?term=\(schoolYear)-\(term)"
        let oldSchool = try await henan.get(path + "&school=4101029001")
        #expect(oldSchool.json["rows"]?.arrayValue?.first?["cells"] == [1, .int(Int64(2 * each))], "two months at the old school: \(oldSchool.text)")
        let newSchool = try await henan.get(path + "&school=4101039001")
        #expect(newSchool.json["rows"]?.arrayValue?.first?["cells"] == [1, .int(Int64(each * (firsts.count - 3) + last))], "the remaining months move: \(newSchool.text)")
        // The old school can no longer apply for the pupil who left.
        var next = application
        if case .object(var m) = next { m.removeAll { $0.0 == "term" }; m.append(("term", .int(Int64(3 - term)))); next = .object(m) }
        #expect(try await registrar.post("/api/v1/aid/applications", next).status == 404, "no award to a pupil who transferred out")
    }
}
