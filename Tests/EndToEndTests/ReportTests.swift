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
