import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// The nutrition plan's claims against a hand count (issue 9): two pupils of a rural school in a
/// national pilot county through last month, a province rate that changes on the 15th, and one pupil
/// who moves to another school on the 15th, so each school claims its own days.
@Suite(.serialized) struct MealClaimTests {
    static func lastMonth() -> (year: Int, month: Int, first: String, fifteenth: String, last: String) {
        let calendar = Calendar(identifier: .gregorian)
        var c = calendar.dateComponents(in: TimeZone(identifier: "UTC")!, from: AttendanceTests.today)
        c.month = (c.month ?? 1) - 1
        if c.month == 0 { c.month = 12; c.year = (c.year ?? 2026) - 1 }
        let (y, m) = (c.year!, c.month!)
        let days = calendar.range(of: .day, in: .month, for: calendar.date(from: DateComponents(year: y, month: m, day: 1))!)!.count
        return (y, m, String(format: "%04d-%02d-01", y, m), String(format: "%04d-%02d-15", y, m), String(format: "%04d-%02d-%02d", y, m, days))
    }

    @Test(arguments: Engine.available)
    func claimsMatchAHandCount(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        try await AttendanceTests.openTerm(s)
        let month = Self.lastMonth()
        for code in ["4101029903", "4101029904"] {
            #expect(try await s.admin.post("/api/v1/schools", ["code": .string(code), "name": .string("营养\(code.suffix(1))小学"), "region": "410102", "type": "primary",
                                                              "ownership": "public", "locality": "rural", "grades": [1, 2, 3, 4, 5, 6]]).status == 201)
            #expect(try await s.admin.post("/api/v1/schools/\(code)/classes", ["grade": 1, "name": "一年级1班", "entry_year": 2026]).status == 201)
        }
        let henan = try await s.client("henan-admin")
        #expect(try await henan.request("PUT", "/api/v1/meal-pilots/410102", json: ["pilot": "national", "since": .string(month.first)]).status == 200)
        #expect(try await henan.request("PUT", "/api/v1/meal-pilots/410102", json: ["pilot": "city", "since": "someday"]).status == 422)
        // The province pays 6 yuan from the 15th; a second rate overlapping it is refused.
        let rate = try await henan.post("/api/v1/rates", ["programme": "meal", "province": "41", "effective_from": .string(month.fifteenth),
                                                           "amount_fen": 600, "source": "豫教财〔2026〕1号"])
        #expect(rate.status == 201, "\(rate.text)")
        let overlap = try await henan.post("/api/v1/rates", ["programme": "meal", "province": "41", "effective_from": .string(month.last),
                                                              "amount_fen": 700, "source": "重叠"])
        #expect(overlap.status == 422 && overlap.json["errors"]?.arrayValue?.first?["code"] == "overlapping_rate")
        #expect(try await henan.post("/api/v1/rates", ["programme": "meal", "province": "00", "effective_from": "2030-01-01", "amount_fen": 800, "source": "x"]).status == 403,
                "the national rate is the ministry's")

        let registrar = try await s.account("meal-registrar", role: "school_registrar", scope: "4101029903")
        let fed = try await s.register(registrar, school: "4101029903", grade: 1), mover = try await s.register(registrar, school: "4101029903", grade: 1)
        let classID = try AttendanceTests.classOf(s, fed.number)
        let reply = try await registrar.get("/api/v1/schools/4101029903/school-days?from=\(month.first)&to=\(month.last)")
        let days = (reply.json["days"]?.arrayValue ?? []).compactMap { $0.stringValue }
        try #require(days.count >= 10, "last month has school days: \(reply.text)")
        for (i, day) in days.enumerated() {
            let absences: JSON = i == 0 ? [["pupil": .string(mover.number), "kind": "sick"]] : []
            #expect(try await registrar.request("PUT", "/api/v1/classes/\(classID)/attendance/\(day)", json: ["absences": absences]).status == 200)
        }
        // The mover left for the other school on the 15th (its memberships say so).
        let moverID = try #require(try s.query("SELECT id FROM pupils WHERE number = ?", [.text(mover.number)]).first?[0].int64)
        let other = try #require(try s.query("SELECT id FROM schools WHERE code = '4101029904'").first?[0].int64)
        try s.execute("UPDATE memberships SET exit_date = ?, exit_code = '31' WHERE pupil_id = ? AND exit_date IS NULL", [.text(month.fifteenth), .integer(moverID)])
        try s.execute("INSERT INTO memberships (pupil_id, province, school_id, grade, entry_date, entry_code) VALUES (?, '41', ?, 1, ?, '21')",
                      [.integer(moverID), .integer(other), .text(month.fifteenth)])

        let before = days.filter { $0 < month.fifteenth }.count, after = days.count - before
        let expectedA = (before * 500 + after * 600) + (before - 1) * 500     // the fed pupil all month; the mover before the 15th, less a sick day
        let expectedB = after * 600                                            // the mover from the 15th
        let report = try await henan.get("/api/v1/reports/meal-claims?region=410102&month=\(String(format: "%04d-%02d", month.year, month.month))")
        #expect(report.status == 200, "\(report.text)")
        let rows = Dictionary(uniqueKeysWithValues: (report.json["rows"]?.arrayValue ?? []).map { ($0["label"]?.stringValue ?? "", $0["cells"]?.arrayValue ?? []) })
        #expect(rows["4101029903"] == [2, .int(Int64(days.count + before - 1)), .int(Int64(expectedA)), .int(Int64(expectedA)), 0], "\(report.text)")
        #expect(rows["4101029904"] == [1, .int(Int64(after)), .int(Int64(expectedB)), .int(Int64(expectedB)), 0], "\(report.text)")
        #expect(report.json["additive_rows"] == false)
        // The county's claim: its schools' added up, the mover fed at two of them counted once.
        let county = try await henan.get("/api/v1/reports/meal-claims?region=410102&level=county&month=\(String(format: "%04d-%02d", month.year, month.month))")
        let sum = { (i: Int) in rows.values.reduce(Int64(0)) { $0 + ($1[i].intValue ?? 0) } }
        #expect(county.json["rows"] == [["label": "410102", "cells": [.int(sum(0) - 1), .int(sum(1)), .int(sum(2)), .int(sum(3)), .int(sum(4))]]], "\(county.text)")
        // A local pilot: the centre pays its award (4 yuan), the county the rest.
        #expect(try await henan.request("PUT", "/api/v1/meal-pilots/410102", json: ["pilot": "local", "since": .string(month.first)]).status == 200)
        let local = try await henan.get("/api/v1/reports/meal-claims?school=4101029904&month=\(String(format: "%04d-%02d", month.year, month.month))")
        let cells = local.json["rows"]?.arrayValue?.first?["cells"]?.arrayValue ?? []
        #expect(cells.count == 5 && cells[3] == .int(Int64(after * 400)) && cells[4] == .int(Int64(after * 200)), "\(local.text)")
    }
}
