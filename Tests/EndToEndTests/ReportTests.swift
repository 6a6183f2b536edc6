import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// Aggregate reports (`GET /api/v1/reports/{name}`) and the analysts' small-cell suppression
/// (issue 4): the same table read by a reviewer and by an analyst of the same county.
@Suite(.serialized) struct ReportTests {
    static func cells(_ report: JSON) -> [[JSON]] {
        (report["rows"]?.arrayValue ?? []).map { $0["cells"]?.arrayValue ?? [] }
    }

    @Test(arguments: Engine.available)
    func analystsSeeSmallCellsHidden(_ engine: Engine) async throws {
        let f = try RegistryTests().demoFixture(engine)
        let reviewer = APIClient(port: f.server.port), analyst = APIClient(port: f.server.port)
        try await reviewer.login("county-reviewer", RegistryTests.password)
        try await analyst.login("county-analyst", RegistryTests.password)

        let path = "/api/v1/reports/enrolment?school=4101029001"
        let full = try await reviewer.get(path), hidden = try await analyst.get(path)
        #expect(full.status == 200 && hidden.status == 200, "\(full.text) \(hidden.text)")
        #expect(full.json["suppressed"] == false)
        let exact = Self.cells(full.json).map { $0.map { Int($0.intValue ?? -1) } }
        let seen = Self.cells(hidden.json)
        try #require(exact.flatMap { $0 }.contains { (1...4).contains($0) }, "the small demo has small cells to hide")
        #expect(hidden.json["suppressed"] == true)
        for (r, row) in exact.enumerated() {
            for (c, value) in row.enumerated() {
                if (1...4).contains(value) { #expect(seen[r][c] == .null, "grade row \(r), sex \(c): \(value) pupils must be hidden") }
                if let shown = seen[r][c].intValue { #expect(Int(shown) == value) }
            }
            #expect(seen[r].filter { $0 == .null }.count != 1, "a row with one hidden cell gives it away through the total")
        }
        #expect(hidden.json["total"] == full.json["total"], "the school's total (over 5) is shown")

        // Exactly what a non-analyst sees is the sum of the pupils in school.
        let pupils = try await reviewer.get("/api/v1/pupils?school=4101029001&limit=200")
        let inSchool = (pupils.json["items"]?.arrayValue ?? []).filter { ["active", "suspended"].contains($0["status"]?.stringValue ?? "") }.count
        #expect(full.json["total"]?.intValue == Int64(inSchool))

        let csv = try await analyst.get(path + "&format=csv")
        #expect(csv.status == 200 && csv.text.contains("<5") && csv.text.contains("合计 total"))
        let xlsx = try await analyst.get(path + "&format=xlsx")
        #expect(xlsx.status == 200 && xlsx.body.starts(with: [0x50, 0x4B]), "an XLSX file is a zip")

        // Outside the scope is "not found"; bad parameters name the field; unknown reports are 404.
        #expect(try await analyst.get("/api/v1/reports/enrolment?region=410103").status == 404)
        #expect(try await analyst.get("/api/v1/reports/enrolment?school=4101039001").status == 404)
        let registrar = APIClient(port: f.server.port)
        try await registrar.login("registrar", RegistryTests.password)
        #expect(try await registrar.get("/api/v1/reports/enrolment?region=410102").status == 404)
        #expect(try await registrar.get("/api/v1/reports/enrolment").json["scope"] == "4101029001")
        #expect(try await analyst.get("/api/v1/reports/nonsense").status == 404)
        let badDate = try await analyst.get("/api/v1/reports/enrolment?as_of=2026-13-01")
        #expect(badDate.status == 422 && badDate.json["errors"]?.arrayValue?.first?["field"] == "as_of")
        #expect(try await analyst.get("/api/v1/reports/enrolment?format=pdf").status == 422)
        for name in ["pending-changes", "changes-by-month"] {
            let r = try await analyst.get("/api/v1/reports/\(name)")
            #expect(r.status == 200 && r.json["rows"]?.arrayValue?.count == 1, "\(name): \(r.text)")
        }
        // A past date counts from the memberships: nobody was at school before the demo's entries.
        let past = try await reviewer.get("/api/v1/reports/enrolment?school=4101029001&as_of=2000-01-01")
        #expect(past.status == 200 && past.json["total"] == 0)
    }
}

/// The migrant-flow report against a hand count: a new school whose five pupils' households lie in
/// two other counties (three in Sichuan's 510122, two in Henan's 411523) and one at home.
@Suite(.serialized) struct MigrantFlowTests {
    @Test(arguments: Engine.available)
    func flowsMatchAHandCount(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        #expect(try await s.admin.post("/api/v1/schools", ["code": "4101029900", "name": "流向小学", "region": "410102", "type": "primary",
                                                          "ownership": "public", "locality": "urban", "grades": [1, 2, 3, 4, 5, 6]]).status == 201)
        #expect(try await s.admin.post("/api/v1/schools/4101029900/classes", ["grade": 1, "name": "一年级1班", "entry_year": 2026]).status == 201)
        let registrar = try await s.account("flow-registrar", role: "school_registrar", scope: "4101029900")
        for (i, hukou) in ["510122", "510122", "510122", "411523", "411523", "410102"].enumerated() {
            let id = RegistryTests.validID("4101022020031\(i)" + String(format: "%03d", 500 + 2 * i))
            guard case .object(var fields) = RegistryTests.registration(id: id, name: "流动生" + ["一", "二", "三", "四", "五", "六"][i], birth: "2020-03-1\(i)") else { return }
            for (key, value) in [("school", JSON.string("4101029900")), ("hukou_place", .string(hukou)), ("migrant", .bool(hukou != "410102"))] {
                fields.removeAll { $0.0 == key }
                fields.append((key, value))
            }
            let made = try await registrar.post("/api/v1/pupils", .object(fields))
            #expect(made.status == 201, "\(made.text)")
        }
        let reviewer = try await s.client("county-reviewer")
        let byProvince = try await reviewer.get("/api/v1/reports/migrant-flows?school=4101029900")
        #expect(byProvince.json["columns"] == ["410102"])
        #expect(byProvince.json["rows"] == [["label": "41", "cells": [2], "total": 2], ["label": "51", "cells": [3], "total": 3]], "\(byProvince.text)")
        #expect(byProvince.json["total"] == 5, "the pupil at home is no migrant")
        let byCounty = try await reviewer.get("/api/v1/reports/migrant-flows?school=4101029900&level=county")
        #expect(byCounty.json["rows"]?.arrayValue?.map { $0["label"]?.stringValue ?? "" } == ["411523", "510122"])
        #expect(try await reviewer.get("/api/v1/reports/migrant-flows?level=township").status == 422)
        let bySchool = try await reviewer.get("/api/v1/reports/migrants-by-school?school=4101029900")
        #expect(bySchool.json["rows"] == [["label": "4101029900", "cells": [5, 3, 0]]] && bySchool.json["additive_rows"] == false,
                "five migrants, three from another province, none with an agricultural household: \(bySchool.text)")
        // An analyst sees the same flows with the small cells hidden (2 and 3 pupils).
        let analyst = try await s.client("county-analyst")
        let hidden = try await analyst.get("/api/v1/reports/migrant-flows?school=4101029900")
        #expect(hidden.json["suppressed"] == true && hidden.json["rows"]?.arrayValue?.allSatisfy { $0["cells"]?.arrayValue?.first == .null } == true)
        #expect(hidden.json["total"] == 5)
    }
}

/// Class-size bands at their edges (DOMAIN.md §5): classes of 45, 46, 65 and 66 pupils fall in four
/// different bands.
@Suite(.serialized) struct ClassSizeTests {
    @Test(arguments: Engine.available)
    func bandsMatchAHandCountAtTheirEdges(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        #expect(try await s.admin.post("/api/v1/schools", ["code": "4101029901", "name": "班额小学", "region": "410102", "type": "primary",
                                                          "ownership": "public", "locality": "urban", "grades": [1, 2, 3, 4, 5, 6]]).status == 201)
        var classIDs: [Int64] = []
        for (i, name) in ["一年级1班", "一年级2班", "一年级3班", "一年级4班"].enumerated() {
            #expect(try await s.admin.post("/api/v1/schools/4101029901/classes", ["grade": 1, "name": .string(name), "entry_year": 2026]).status == 201)
            classIDs.append(try #require(try s.query("SELECT c.id FROM classes c JOIN schools s ON s.id = c.school_id WHERE s.code = '4101029901' AND c.name = ?",
                                                     [.text(name)]).first?[0].int64, "class \(i)"))
        }
        let school = try #require(try s.query("SELECT id FROM schools WHERE code = '4101029901'").first?[0].int64)
        // Move demo pupils in by hand: 45, 46, 65 and 66 of them.
        var taken: Set<Int64> = []
        for (classID, size) in zip(classIDs, [45, 46, 65, 66]) {
            let ids = try s.query("SELECT id FROM pupils WHERE status = 'active' ORDER BY id").compactMap { $0[0].int64 }.filter { !taken.contains($0) }.prefix(size)
            try #require(ids.count == size)
            taken.formUnion(ids)
            for id in ids { try s.execute("UPDATE pupils SET class_id = ?, school_id = ?, county = '410102', province = '41' WHERE id = ?", [.integer(classID), .integer(school), .integer(id)]) }
        }
        let reviewer = try await s.client("county-reviewer")
        let report = try await reviewer.get("/api/v1/reports/class-sizes?school=4101029901")
        #expect(report.status == 200 && report.json["columns"] == ["up_to_45", "46_55", "56_65", "66_plus"], "\(report.text)")
        #expect(report.json["rows"] == [["label": "410102", "cells": [1, 1, 1, 1], "total": 4]], "\(report.text)")
        let analyst = try await s.client("county-analyst")
        #expect(try await analyst.get("/api/v1/reports/class-sizes?school=4101029901").json["suppressed"] == false, "class counts name nobody")
        #expect(try await reviewer.get("/api/v1/reports/class-sizes?level=school&as_of=2026-10-01").status == 200)
        let sizes = try await reviewer.get("/api/v1/reports/school-sizes?school=4101029901")
        #expect(sizes.json["rows"] == [["label": "410102", "cells": [1, 0, 0, 0, 0]]], "one school of 222 pupils: \(sizes.text)")
        // Against the targets (5 % large, no super-large): 2 large of 4 (500 ‰), one super-large; the school pushes the county over.
        let targets = try await reviewer.get("/api/v1/reports/class-size-targets?school=4101029901")
        #expect(targets.json["rows"] == [["label": "410102", "cells": [4, 2, 1, 500, 50, 0, 1, 1]]], "\(targets.text)")
        #expect(try await reviewer.get("/api/v1/reports/class-size-targets?school=4101029901&level=school").json["rows"] == [["label": "4101029901", "cells": [4, 2, 1]]])
        let henan = try await s.client("henan-admin")
        let lenient = try await henan.request("PATCH", "/api/v1/settings/41", json: ["large_class_target_permille": 500, "super_large_class_target_permille": 250])
        #expect(lenient.status == 200 && lenient.json["large_class_target_permille"] == 500, "\(lenient.text)")
        #expect(try await reviewer.get("/api/v1/reports/class-size-targets?school=4101029901").json["rows"] == [["label": "410102", "cells": [4, 2, 1, 500, 500, 250, 0, 0]]],
                "2 of 4 is within 50 % and 1 of 4 within 25 %: nobody pushes it over")
        #expect(try await henan.request("PATCH", "/api/v1/settings/41", json: ["large_class_target_permille": 1001]).status == 422)
    }
}

/// An enrolment projection against a hand count (issue 9): a county with three years of two grades,
/// and a county with no history, which gets no numbers.
@Suite(.serialized) struct ProjectionTests {
    @Test(arguments: Engine.available)
    func aCohortProjectionMatchesAHandCount(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        #expect(try await s.admin.post("/api/v1/schools", ["code": "4101839001", "name": "新密预测小学", "region": "410183", "type": "primary",
                                                          "ownership": "public", "locality": "urban", "grades": [1, 2, 3, 4, 5, 6]]).status == 201)
        #expect(try await s.admin.post("/api/v1/schools/4101839001/classes", ["grade": 1, "name": "一年级1班", "entry_year": 2026]).status == 201)
        let school = try #require(try s.query("SELECT id FROM schools WHERE code = '4101839001'").first?[0].int64)
        let pupils = try s.query("SELECT id FROM pupils ORDER BY id LIMIT 40").compactMap { $0[0].int64 }
        let calendar = Calendar(identifier: .gregorian)
        let today = AttendanceTests.today
        let month = calendar.component(.month, from: today), year = calendar.component(.year, from: today)
        let base = month >= 9 ? year : year - 1
        // Grade 1: 30, 32, 34; grade 2: 18, 29, 31 on the last three stock dates.
        for (offset, counts) in [(2, [30, 18]), (1, [32, 29]), (0, [34, 31])] {
            for (g, count) in counts.enumerated() {
                for i in 0..<count {
                    try s.execute("INSERT INTO memberships (pupil_id, province, school_id, grade, entry_date, entry_code, exit_date) VALUES (?, '41', ?, ?, ?, '11', ?)",
                                  [.integer(pupils[i]), .integer(school), .integer(Int64(g + 1)), .text("\(base - offset)-09-01"), .text("\(base - offset + 1)-09-01")])
                }
            }
        }
        let henan = try await s.client("henan-admin")
        let p = try await henan.get("/api/v1/projections/410183")
        #expect(p.status == 200, "\(p.text)")
        #expect(p.json["entrants"] == [36, 38, 40, 42, 44] && p.json["entrant_sources"]?.arrayValue?.first == "trend", "30, 32, 34: two more a year: \(p.text)")
        #expect(p.json["ratios"]?.arrayValue?.first?.doubleValue == 60.0 / 62.0, "(29 + 31) / (30 + 32)")
        let first = p.json["projected"]?.arrayValue?.first?.arrayValue ?? []
        #expect(Array(first.prefix(4)) == [36, 33, 0, .null], "36 entrants; 34 × 60/62 = 32.9 → 33; grade 2 → 3 is 0; grade 4 unknown: \(p.text)")
        #expect(p.json["demand"]?.arrayValue?.first == 69 && p.json["capacity"] == 45, "one class of 45 places")
        #expect(p.json["over_capacity"]?.arrayValue?.first == .int(Int64(base + 1)), "the county runs out of places next year")
        // Births: 60, 64, 68 behind the history's 30, 32, 34 entrants (half enter); 80 and 100 born
        // in the next two years give 40 and 50 entrants; later years follow the trend.
        var births = ["县级行政区划代码,出生年份,出生人数"] + [(8, 60), (7, 64), (6, 68), (5, 80), (4, 100)].map { "410183,\(base - $0.0),\($0.1)" }
        births += ["410103,\(base - 5),9", "410183,1850,9", "410183,\(base - 5),-1", "410183,\(base - 5),81", "999999,\(base - 5),9"]
        let (body, type) = HouseholdCheckTests.multipart([("file", "出生人口.csv", births.joined(separator: "\n"))])
        let reviewer = try await s.client("county-reviewer")
        #expect(try await reviewer.request("POST", "/api/v1/birth-cohorts/imports", body: body, headers: ["Content-Type": type]).json["rejected"]?.arrayValue?.count == 10,
                "a county reviewer of 410102 writes nothing for 410183 or 410103")
        let imported = try await henan.request("POST", "/api/v1/birth-cohorts/imports", body: body, headers: ["Content-Type": type])
        #expect(imported.status == 200 && imported.json["recorded"] == 6 && (imported.json["rejected"]?.arrayValue ?? []).map { $0["code"]?.stringValue ?? "" }
                == ["invalid_year", "invalid_count", "duplicate_row", "unknown_county"], "\(imported.text)")
        #expect(try await henan.get("/api/v1/birth-cohorts/410183").json["items"]?.arrayValue?.count == 5)
        let withBirths = try await henan.get("/api/v1/projections/410183")
        #expect(withBirths.json["entry_ratio"]?.doubleValue == 0.5 && withBirths.json["entrants"] == [40, 50, 40, 42, 44]
                && withBirths.json["entrant_sources"] == ["births", "births", "trend", "trend", "trend"], "\(withBirths.text)")
        // Every county of the prefecture at once: 410183 runs out next year; 410184 has no history and is left out.
        let outlook = try await henan.get("/api/v1/reports/capacity-outlook?region=410100")
        let row = (outlook.json["rows"]?.arrayValue ?? []).first { $0["label"] == "410183" }?["cells"]?.arrayValue ?? []
        #expect(row.count == 7 && row[0] == 45 && row[1] == withBirths.json["demand"]?.arrayValue?.first && row[6] == .int(Int64(base + 1)), "\(outlook.text)")
        #expect(!(outlook.json["rows"]?.arrayValue ?? []).contains { $0["label"] == "410184" })
        #expect(try await (try await s.client("registrar")).get("/api/v1/reports/capacity-outlook").status == 403)
        let report = try await henan.get("/api/v1/reports/projection?region=410183")
        #expect(report.status == 200 && report.json["rows"]?.arrayValue?.map { $0["label"]?.stringValue ?? "" } == ["1", "2"], "\(report.text)")
        let none = try await henan.get("/api/v1/projections/410184")
        #expect(none.status == 422 && none.json["code"] == "insufficient_history" && none.json["projected"] == nil, "no history, no numbers: \(none.text)")
        #expect(try await (try await s.client("registrar")).get("/api/v1/projections/410183").status == 404)
    }
}
