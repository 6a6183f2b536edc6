import Foundation
import Testing
import XuejiCore
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
        let catalogue = try await registrar.get("/api/v1/aid/programmes")
        let living = catalogue.json["items"]?.arrayValue?.first { $0["code"] == "living_subsidy" }?["term_award_fen"]
        #expect(living == ["primary_boarder": 62_500, "primary_day": 31_250, "junior_boarder": 75_000, "junior_day": 37_500], "half a year of 1,250 / 1,500 yuan; day pupils half: \(catalogue.text)")
        #expect(catalogue.json["items"]?.arrayValue?.last?["term_award_fen"] == ["tier_1": 50_000, "tier_2": 100_000, "tier_3": 150_000])
        #expect(catalogue.json["hardship"]?.arrayValue?.count == 5)
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

        // The ledger: the county pays the old school its first month; the province's finance office
        // sends the bank list for the new school's months, with bad rows among them.
        let termText = "\(schoolYear)-\(term)", months = firsts.map { String($0.prefix(7)) }
        func payment(_ school: String, _ month: String, _ fen: Int, _ reference: String, note: String? = nil) -> JSON {
            var fields: [(String, JSON)] = [("school", .string(school)), ("programme", "living_subsidy"), ("term", .string(termText)), ("month", .string(month)),
                                            ("amount_fen", .int(Int64(fen))), ("paid_on", .string(AttendanceTests.day(-1))), ("reference", .string(reference))]
            if let note { fields.append(("note", .string(note))) }
            return .object(fields)
        }
        let paid = try await reviewer.post("/api/v1/aid/payments", payment("4101029001", months[0], each, "V-001"))
        #expect(paid.status == 201 && paid.json["amount_fen"] == .int(Int64(each)) && paid.json["recorded_by"] == "county-reviewer", "\(paid.text)")
        #expect(try await reviewer.post("/api/v1/aid/payments", payment("4101029001", months[0], each, "V-001")).json["code"] == "duplicate_payment")
        #expect(try await reviewer.post("/api/v1/aid/payments", payment("4101039001", months[3], each, "V-002")).json["errors"]?.arrayValue?.first?["code"] == "unknown_school",
                "another county's school reads as unknown")
        #expect(try await registrar.post("/api/v1/aid/payments", payment("4101029001", months[1], each, "V-003")).status == 403, "schools do not write the county's books")
        let bad = try await reviewer.post("/api/v1/aid/payments", .object([("school", "4101029001"), ("programme", "meals"), ("term", .string(termText)), ("month", "1999-01"),
                                                                           ("amount_fen", 0), ("paid_on", .string(AttendanceTests.day(5))), ("reference", "")]))
        #expect(bad.status == 422 && Set((bad.json["errors"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue }) == ["programme", "month", "amount", "paid_on", "reference"], "\(bad.text)")
        #expect(try await reviewer.post("/api/v1/aid/payments", payment("4101029001", months[0], -100, "V-R1")).json["errors"]?.arrayValue?.first?["field"] == "note",
                "a reversal needs a note")
        #expect(try await reviewer.post("/api/v1/aid/payments", payment("4101029001", months[0], -100, "V-R2", note: "多付冲回")).status == 201)
        var bank = ["学校标识码,资助项目,学期,月份,金额（元）,支付日期,凭证号"]
        for (i, month) in months.enumerated() where i >= 2 {
            bank.append("4101039001,生活补助,\(termText),\(month),\(Yuan.text(Int64(i == months.count - 1 ? last : each))),\(AttendanceTests.day(-1)),B-\(i)")
        }
        bank += ["9999999999,生活补助,\(termText),\(months[2]),10.00,\(AttendanceTests.day(-1)),B-X1",
                 "4101039001,生活补助,\(termText),\(months[2]),12.345,\(AttendanceTests.day(-1)),B-X2",
                 "4101029001,生活补助,\(termText),\(months[0]),5.00,\(AttendanceTests.day(-1)),V-001"]
        let (body, type) = HouseholdCheckTests.multipart([("file", "发放清单.csv", bank.joined(separator: "\n"))])
        let imported = try await henan.request("POST", "/api/v1/aid/payments/imports", body: body, headers: ["Content-Type": type])
        let rejected = imported.json["rejected"]?.arrayValue ?? []
        #expect(imported.status == 200 && imported.json["recorded"] == .int(Int64(months.count - 2)), "\(imported.text)")
        #expect(rejected.map { $0["code"]?.stringValue ?? "" } == ["unknown_school", "invalid_amount", "duplicate_payment"]
                && rejected.map { $0["column"]?.stringValue ?? "" } == ["学校标识码", "金额（元）", "凭证号"], "\(imported.text)")
        #expect(try await henan.request("POST", "/api/v1/aid/payments/imports", body: body, headers: ["Content-Type": type]).json["recorded"] == 0,
                "the same list sent twice records nothing more")

        // Reconciliation: the old school was paid one month of two, less the reversal; the new school in full.
        let owed = try await henan.get("/api/v1/reports/aid-reconciliation?term=\(termText)&region=410000")
        let lines = Dictionary(uniqueKeysWithValues: (owed.json["rows"]?.arrayValue ?? []).map { ($0["label"]?.stringValue ?? "", $0["cells"]?.arrayValue ?? []) })
        #expect(lines["4101029001"] == [1, .int(Int64(2 * each)), .int(Int64(each - 100)), .int(Int64(-each - 100))], "\(owed.text)")
        let newDue = Int64(each * (firsts.count - 3) + last)
        #expect(lines["4101039001"] == [1, .int(newDue), .int(newDue), 0], "\(owed.text)")
        let secondMonth = try await henan.get("/api/v1/reports/aid-reconciliation?term=\(termText)&month=\(months[1])&school=4101029001")
        #expect(secondMonth.json["rows"]?.arrayValue?.first?["cells"] == [1, .int(Int64(each)), 0, .int(Int64(-each))], "\(secondMonth.text)")
        #expect(try await henan.get("/api/v1/reports/aid-reconciliation?term=\(termText)&month=1999-01").json["errors"]?.arrayValue?.first?["code"] == "month_outside_term")
        #expect(try await henan.get("/api/v1/reports/aid-reconciliation?term=\(termText)&programme=meals").status == 422)
        let analyst = try await s.client("county-analyst")
        let hidden = try await analyst.get("/api/v1/reports/aid-reconciliation?term=\(termText)")
        #expect(hidden.status == 200 && hidden.json["rows"]?.arrayValue?.first { $0["label"] == "4101029001" }?["cells"]?.arrayValue?.first == .null,
                "one award is a small cell for an analyst: \(hidden.text)")
        #expect(try await analyst.get("/api/v1/aid/payments").status == 403)
        let ledger = try await registrar.get("/api/v1/aid/payments?term=\(termText)")
        #expect(ledger.json["items"]?.arrayValue?.map { $0["reference"]?.stringValue ?? "" } == ["V-001", "V-R2"], "a school reads its own ledger: \(ledger.text)")
    }
}
