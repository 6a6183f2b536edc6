import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// Daily attendance and dropout-control alerts (issue 8) through the real server, on both engines.
/// The tests give province 41 a term around today, so they run on any date.
@Suite(.serialized) struct AttendanceTests {
    /// Today in Beijing, as the server counts it.
    static var today: Date { Date().addingTimeInterval(8 * 3600) }

    static func day(_ offset: Int) -> String {
        let f = DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: today.addingTimeInterval(Double(offset) * 86_400))
    }

    /// Gives province 41 the current term, from 90 days ago to 30 days ahead.
    static func openTerm(_ s: ChangeScenario) async throws {
        let admin = try await s.client("henan-admin")
        let month = Calendar(identifier: .gregorian).component(.month, from: today), year = Calendar(identifier: .gregorian).component(.year, from: today)
        let (schoolYear, term) = month >= 8 ? (year, 1) : (month == 1 ? (year - 1, 1) : (year - 1, 2))
        let set = try await admin.request("PUT", "/api/v1/terms/41/\(schoolYear)/\(term)", json: ["starts": .string(day(-90)), "ends": .string(day(30))])
        #expect(set.status == 200, "\(set.text)")
    }

    /// The school's school days of the last 80 days, oldest first.
    static func schoolDays(_ client: APIClient, school: String = "4101029001") async throws -> [String] {
        let reply = try await client.get("/api/v1/schools/\(school)/school-days?from=\(day(-80))&to=\(day(0))")
        #expect(reply.status == 200, "\(reply.text)")
        return (reply.json["days"]?.arrayValue ?? []).compactMap { $0.stringValue }
    }

    /// Takes the class's register on these days in order, each with `absent` unexcused; the last answer.
    static func registers(_ client: APIClient, classID: String, absent: [String], days: ArraySlice<String>) async throws -> JSON {
        var last: JSON = .null
        for d in days {
            let reply = try await client.request("PUT", "/api/v1/classes/\(classID)/attendance/\(d)",
                                                 json: ["absences": .array(absent.map { ["pupil": .string($0), "kind": "unexcused"] })])
            #expect(reply.status == 200, "\(d): \(reply.text)")
            last = reply.json
        }
        return last
    }

    static func classOf(_ s: ChangeScenario, _ number: String) throws -> String {
        try #require(try s.query("SELECT c.public_id FROM pupils p JOIN classes c ON c.id = p.class_id WHERE p.number = ?", [.text(number)]).first?[0].string)
    }

    static func alerts(_ client: APIClient, kind: String? = nil) async throws -> [JSON] {
        try await client.get("/api/v1/alerts?limit=500" + (kind.map { "&kind=\($0)" } ?? "")).json["items"]?.arrayValue ?? []
    }

    @Test(arguments: Engine.available)
    func unexcusedDaysRaiseAlertsByTheProvincesRules(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        try await Self.openTerm(s)
        let registrar = try await s.client("registrar")
        let pupil = try await s.register(registrar, school: "4101029001", grade: 1)
        let classID = try Self.classOf(s, pupil.number)

        // Bad days and bad registers get their own answers.
        let future = try await registrar.request("PUT", "/api/v1/classes/\(classID)/attendance/\(Self.day(2))", json: ["absences": []])
        #expect(future.status == 422 && future.json["errors"]?.arrayValue?.first?["code"] == "future_date")
        let outside = try await registrar.request("PUT", "/api/v1/classes/\(classID)/attendance/2001-03-01", json: ["absences": []])
        #expect(outside.status == 422 && outside.json["errors"]?.arrayValue?.first?["code"] == "outside_term")
        var weekendSeen = false
        for o in 54..<61 {   // a week well before the days used below
            let reply = try await registrar.request("PUT", "/api/v1/classes/\(classID)/attendance/\(Self.day(-o))", json: ["absences": []])
            if reply.status == 422 && reply.json["errors"]?.arrayValue?.first?["code"] == "not_a_school_day" { weekendSeen = true }
        }
        #expect(weekendSeen, "a weekend of that week is not a school day")
        let otherSchool = try await s.client("registrar2")
        #expect(try await otherSchool.get("/api/v1/classes/\(classID)/attendance/\(Self.day(0))").status == 404)
        #expect(try await (try await s.client("county-analyst")).get("/api/v1/alerts").status == 403)

        // The last 25 school days before today: two unexcused days raise nothing; the third raises the
        // warning (default 3); the nineteenth is still a warning, the twentieth a suspected dropout.
        let days = Array(try await Self.schoolDays(registrar).filter { $0 < Self.day(0) }.suffix(25))
        try #require(days.count == 25, "the term has 25 school days before today")
        let stranger = try await registrar.request("PUT", "/api/v1/classes/\(classID)/attendance/\(days[0])",
                                                   json: ["absences": [["pupil": "G11010519491231002X", "kind": "sick"], ["pupil": .string(pupil.number), "kind": "napping"]]])
        #expect(stranger.status == 422 && Set((stranger.json["errors"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }) == ["not_in_class", "invalid_code"],
                "\(stranger.text)")
        let afterTwo = try await Self.registers(registrar, classID: classID, absent: [pupil.number], days: days[0..<2])
        #expect(afterTwo["alerts_opened"]?.arrayValue?.isEmpty == true)
        #expect(try await Self.alerts(registrar).filter { $0["pupil"]?.stringValue == pupil.number }.isEmpty)
        let third = try await Self.registers(registrar, classID: classID, absent: [pupil.number], days: days[2..<3])
        #expect(third["alerts_opened"]?.arrayValue?.map { $0["kind"]?.stringValue ?? "" } == ["unexcused_warning"], "\(third)")
        let nineteenth = try await Self.registers(registrar, classID: classID, absent: [pupil.number], days: days[3..<19])
        #expect(nineteenth["alerts_opened"]?.arrayValue?.isEmpty == true)
        let twentieth = try await Self.registers(registrar, classID: classID, absent: [pupil.number], days: days[19..<20])
        #expect(twentieth["alerts_opened"]?.arrayValue?.map { $0["kind"]?.stringValue ?? "" } == ["suspected_dropout"], "\(twentieth)")
        let twenty = Array(days[0..<20])

        // The register for one day again replaces the first, and says so; the audit log has both.
        let again = try await registrar.request("PUT", "/api/v1/classes/\(classID)/attendance/\(twenty.last!)", json: ["absences": []])
        #expect(again.status == 200 && again.json["replaced"] == true)
        let register = try await registrar.get("/api/v1/classes/\(classID)/attendance/\(twenty.last!)")
        #expect(register.json["taken"] == true && register.json["pupils"]?.arrayValue?.allSatisfy { $0["mark"] == "present" } == true)
        let audited = try s.query("SELECT action FROM audit_log WHERE subject = ? ORDER BY seq", [.text("\(classID)@\(twenty.last!)")]).compactMap { $0[0].string }
        #expect(audited == ["attendance.record", "attendance.replace"])

        // The province raises its thresholds: a new pupil needs 5 days for a warning and 8 for a suspicion.
        let henan = try await s.client("henan-admin")
        #expect(try await registrar.request("PATCH", "/api/v1/settings/41", json: ["warn_after_days": 5]).status == 403)
        let bad = try await henan.request("PATCH", "/api/v1/settings/41", json: ["warn_after_days": 0, "nonsense": 1])
        #expect(bad.status == 422 && Set((bad.json["errors"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }) == ["out_of_range", "unknown_setting"])
        let changed = try await henan.request("PATCH", "/api/v1/settings/41", json: ["warn_after_days": 5, "suspect_after_days": 8])
        #expect(changed.status == 200 && changed.json["warn_after_days"] == 5 && changed.json["suspect_after_days"] == 8)
        #expect(try await registrar.get("/api/v1/settings/41").json["warn_after_days"] == 5)
        let second = try await s.register(registrar, school: "4101029001", grade: 2)
        let secondClass = try Self.classOf(s, second.number)
        let afterThree = try await Self.registers(registrar, classID: secondClass, absent: [second.number], days: days[0..<3])
        #expect(afterThree["alerts_opened"]?.arrayValue?.isEmpty == true, "three days are no longer enough")
        let afterFive = try await Self.registers(registrar, classID: secondClass, absent: [second.number], days: days[3..<5])
        #expect(afterFive["alerts_opened"]?.arrayValue?.map { $0["kind"]?.stringValue ?? "" } == ["unexcused_warning"], "\(afterFive)")
        let afterEight = try await Self.registers(registrar, classID: secondClass, absent: [second.number], days: days[5..<8])
        #expect(afterEight["alerts_opened"]?.arrayValue?.map { $0["kind"]?.stringValue ?? "" } == ["suspected_dropout"], "\(afterEight)")

        // Lowering the threshold and reviewing the county finds a pupil the registers did not flag.
        let quiet = try await s.register(registrar, school: "4101029001", grade: 3)
        _ = try await Self.registers(registrar, classID: try Self.classOf(s, quiet.number), absent: [quiet.number], days: days[0..<2])
        #expect(try await Self.alerts(registrar).contains { $0["pupil"]?.stringValue == quiet.number } == false)
        #expect(try await henan.request("PATCH", "/api/v1/settings/41", json: ["warn_after_days": 2]).status == 200)
        let reviewer = try await s.client("county-reviewer")
        #expect(try await registrar.post("/api/v1/alerts/scan", [:]).status == 403)
        let scan = try await reviewer.post("/api/v1/alerts/scan", ["date": .string(days[1])])
        #expect(scan.status == 200 && (scan.json["pupils"]?.intValue ?? 0) > 0, "\(scan.text)")
        #expect(try await Self.alerts(registrar, kind: "unexcused_warning").contains { $0["pupil"]?.stringValue == quiet.number },
                "the county review opens the warning the new threshold calls for")

        // Follow-up: contacted, then returned (closed; no more notes).
        let warning = try #require(try await Self.alerts(registrar, kind: "unexcused_warning").first { $0["pupil"]?.stringValue == pupil.number })
        let id = try #require(warning["id"]?.stringValue)
        #expect(try await registrar.post("/api/v1/alerts/\(id)/notes", ["note": "", "state": "contacted"]).status == 422)
        #expect(try await registrar.post("/api/v1/alerts/\(id)/notes", ["note": "电话联系家长，明天返校", "state": "contacted"]).status == 201)
        #expect(try await registrar.post("/api/v1/alerts/\(id)/notes", ["note": "已返校", "state": "returned"]).status == 201)
        let closed = try await registrar.post("/api/v1/alerts/\(id)/notes", ["note": "再记", "state": "contacted"])
        #expect(closed.status == 409 && closed.json["code"] == "alert_closed")
        let detail = try await registrar.get("/api/v1/alerts/\(id)")
        #expect(detail.json["state"] == "returned" && detail.json["notes"]?.arrayValue?.count == 2 && detail.json["owner"] == "closed")
    }

    @Test(arguments: Engine.available)
    func anAlertFollowsItsPupilToTheNewSchool(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        try await Self.openTerm(s)
        let registrar = try await s.client("registrar"), principal = try await s.client("principal")
        let inSchool = try await s.client("registrar2"), inBureau = try await s.client("county-reviewer2"), outBureau = try await s.client("county-reviewer")
        let pupil = try await s.register(registrar, school: "4101029001", grade: 1)
        let days = Array(try await Self.schoolDays(registrar).filter { $0 < Self.day(0) }.suffix(3))
        _ = try await Self.registers(registrar, classID: try Self.classOf(s, pupil.number), absent: [pupil.number], days: days[0..<3])
        #expect(try await Self.alerts(registrar).contains { $0["pupil"]?.stringValue == pupil.number })
        #expect(try await Self.alerts(inSchool).contains { $0["pupil"]?.stringValue == pupil.number } == false)

        let filed = try await inSchool.post("/api/v1/changes", TransferTests.transfer(pupil.number, name: pupil.name, proof: try await s.proof(inSchool)))
        let change = try #require(filed.json["id"]?.stringValue, "\(filed.text)")
        for party in [inBureau, principal, outBureau] {
            #expect(try await party.post("/api/v1/changes/\(change)/approve", [:]).status == 200)
        }
        #expect(try await Self.alerts(inSchool).contains { $0["pupil"]?.stringValue == pupil.number && $0["school"] == "4101039001" },
                "the new school sees the pupil's open alert")
        #expect(try await Self.alerts(registrar).contains { $0["pupil"]?.stringValue == pupil.number } == false, "the old school no longer does")
        // The attendance follows too: the new school's register shows the pupil's earlier days in the same term.
        let rows = try s.query("SELECT COUNT(*) FROM attendance a JOIN pupils p ON p.id = a.pupil_id WHERE p.number = ?", [.text(pupil.number)])
        #expect(rows.first?[0].int64 == 1)
    }

    @Test(arguments: Engine.available)
    func statusCasesRaiseAlertsOnReviewAndTheMonthlyReportCountsThem(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registrar = try await s.client("registrar"), inSchool = try await s.client("registrar2"), reviewer = try await s.client("county-reviewer")
        // A suspension that ended a while ago with no resumption (set in the database: the workflow
        // would not let it run out by itself within a test).
        let suspended = try await s.register(registrar, school: "4101029001", grade: 3)
        try s.execute("UPDATE pupils SET status = 'suspended', status_until = ? WHERE number = ?", [.text(Self.day(-10)), .text(suspended.number)])
        // A transfer filed 40 days ago and still pending.
        let moving = try await s.register(registrar, school: "4101029001", grade: 1)
        let filed = try await inSchool.post("/api/v1/changes", TransferTests.transfer(moving.number, name: moving.name, proof: try await s.proof(inSchool)))
        let change = try #require(filed.json["id"]?.stringValue, "\(filed.text)")
        let backdated = Int64((Date().timeIntervalSince1970 - 40 * 86_400) * 1000)
        try s.execute("UPDATE changes SET created_at = ? WHERE public_id = ?", [.integer(backdated), .text(change)])

        let scan = try await reviewer.post("/api/v1/alerts/scan", [:])
        #expect(scan.status == 200 && scan.json["opened"]?["suspension_ended"] == 1 && scan.json["opened"]?["transfer_not_received"] == 1, "\(scan.text)")
        let alerts = try await Self.alerts(registrar)
        #expect(alerts.contains { $0["pupil"]?.stringValue == suspended.number && $0["kind"] == "suspension_ended" })
        #expect(alerts.contains { $0["pupil"]?.stringValue == moving.number && $0["kind"] == "transfer_not_received" })
        let again = try await reviewer.post("/api/v1/alerts/scan", [:])
        #expect(again.json["opened"] == .object([]), "a second review opens nothing new")
        // An alert the school leaves open past the province's county_after_days (10 working days) passes to the county.
        let stale = try #require(alerts.first { $0["pupil"]?.stringValue == suspended.number }?["id"]?.stringValue)
        #expect(try await registrar.get("/api/v1/alerts/\(stale)").json["owner"] == "school")
        try s.execute("UPDATE dropout_alerts SET opened_on = ? WHERE public_id = ?", [.text(Self.day(-30)), .text(stale)])
        #expect(try await reviewer.get("/api/v1/alerts/\(stale)").json["owner"] == "county")

        // The monthly county report: a suspected dropout opened this month is new and still out.
        try await Self.openTerm(s)
        let henan = try await s.client("henan-admin")
        #expect(try await henan.request("PATCH", "/api/v1/settings/41", json: ["warn_after_days": 1, "suspect_after_days": 2]).status == 200)
        let truant = try await s.register(registrar, school: "4101029001", grade: 2)
        let days = Array(try await Self.schoolDays(registrar).filter { $0 < Self.day(0) }.suffix(2))
        _ = try await Self.registers(registrar, classID: try Self.classOf(s, truant.number), absent: [truant.number], days: days[0..<2])
        let report = try await reviewer.get("/api/v1/reports/dropout-monthly")
        #expect(report.status == 200 && report.json["columns"] == ["new", "returned", "confirmed_dropout", "still_out"], "\(report.text)")
        let county = report.json["rows"]?.arrayValue?.first { $0["label"] == "410102" }
        #expect(county?["cells"]?.arrayValue?[0] == 1 && county?["cells"]?.arrayValue?[3] == 1, "\(report.text)")
        #expect(try await reviewer.get("/api/v1/reports/dropout-monthly?month=2026-13").status == 422)
        #expect(try await reviewer.get("/api/v1/reports/dropout-monthly?format=xlsx").status == 200)
    }

    @Test(arguments: Engine.available)
    func attendanceComesInBulkFromAFile(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        try await Self.openTerm(s)
        let registrar = try await s.client("registrar")
        let pupil = try await s.register(registrar, school: "4101029001", grade: 1)
        let classID = try Self.classOf(s, pupil.number)
        let all = try await Self.schoolDays(registrar)
        let days = Array(all.filter { $0 < Self.day(0) }.suffix(3))
        let weekend = try #require((1..<8).map { Self.day(-$0) }.first { !all.contains($0) }, "a day off in the last week")
        let csv = """
            日期,全国学籍号,出勤情况
            \(days[0]),\(pupil.number),旷课
            \(days[1]),\(pupil.number.lowercased()),病假
            \(days[2]),\(pupil.number),unexcused
            2026-02-30,\(pupil.number),旷课
            \(days[2]),G11010519491231002X,旷课
            \(days[2]),\(pupil.number),睡觉
            \(weekend),\(pupil.number),旷课
            """
        let reply = try await registrar.upload("/api/v1/attendance/imports", filename: "考勤.csv", contentType: "text/csv", bytes: Array(csv.utf8))
        #expect(reply.status == 200, "\(reply.text)")
        #expect(reply.json["rows"] == 7 && reply.json["registers"] == 3 && reply.json["absences"] == 3, "\(reply.text)")
        let codes = (reply.json["rejected"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
        #expect(codes == ["invalid_date", "not_found", "invalid_code", "not_a_school_day"], "\(reply.text)")
        let register = try await registrar.get("/api/v1/classes/\(classID)/attendance/\(days[1])")
        #expect(register.json["pupils"]?.arrayValue?.first { $0["number"]?.stringValue == pupil.number }?["mark"] == "sick")
        #expect(register.json["taken"] == true && register.json["pupils"]?.arrayValue?.filter { $0["mark"] == "present" }.count
                    == (register.json["pupils"]?.arrayValue?.count ?? 0) - 1, "the class's other pupils are present")
        let noColumn = try await registrar.upload("/api/v1/attendance/imports", filename: "x.csv", contentType: "text/csv", bytes: Array("姓名\n张三\n".utf8))
        #expect(noColumn.status == 422 && noColumn.json["code"] == "missing_column")
    }
}
