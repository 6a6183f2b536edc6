import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// Per-pupil funding of a term against a hand count (issue 9): a day pupil, a boarder, a
/// special-education pupil, and a pupil who moves 30 days after the census date, by the census-date
/// rule and then pro rata by days.
@Suite(.serialized) struct FundingTests {
    @Test(arguments: Engine.available)
    func allocationsMatchAHandCount(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        try await AttendanceTests.openTerm(s)
        for code in ["4101029905", "4101029906"] {
            #expect(try await s.admin.post("/api/v1/schools", ["code": .string(code), "name": .string("经费\(code.suffix(1))小学"), "region": "410102", "type": "primary",
                                                              "ownership": "public", "locality": "urban", "grades": [1, 2, 3, 4, 5, 6]]).status == 201)
            #expect(try await s.admin.post("/api/v1/schools/\(code)/classes", ["grade": 1, "name": "一年级1班", "entry_year": 2026]).status == 201)
        }
        let registrar = try await s.account("funding-registrar", role: "school_registrar", scope: "4101029905")
        let day = try await s.register(registrar, school: "4101029905", grade: 1), boarder = try await s.register(registrar, school: "4101029905", grade: 1)
        let special = try await s.register(registrar, school: "4101029905", grade: 1), mover = try await s.register(registrar, school: "4101029905", grade: 1)
        for (number, patch) in [(boarder.number, ["study_mode": JSON.string("2")]), (special.number, ["disability": "2"])] {
            let version = try #require(try s.query("SELECT version FROM pupils WHERE number = ?", [.text(number)]).first?[0].int64)
            let edited = try await registrar.request("PATCH", "/api/v1/pupils/\(number)", json: .object(patch.map { ($0.key, $0.value) }), headers: ["If-Match": "\"\(version)\""])
            #expect(edited.status == 200, "\(edited.text)")
        }
        // The term the test opened: 90 days ago to 30 days ahead, 121 days; the census date is its first day.
        let calendar = Calendar(identifier: .gregorian)
        let month = calendar.component(.month, from: AttendanceTests.today), year = calendar.component(.year, from: AttendanceTests.today)
        let (schoolYear, term) = month >= 8 ? (year, 1) : (month == 1 ? (year - 1, 1) : (year - 1, 2))
        let moved = AttendanceTests.day(-60)   // 30 days after the census date, the term's first day (-90)
        // Registered with entry 2026-09-01; the census date must find them at school.
        try s.execute("UPDATE memberships SET entry_date = ? WHERE pupil_id IN (SELECT id FROM pupils WHERE number IN (?, ?, ?, ?))",
                      [.text(AttendanceTests.day(-200)), .text(day.number), .text(boarder.number), .text(special.number), .text(mover.number)])
        let moverID = try #require(try s.query("SELECT id FROM pupils WHERE number = ?", [.text(mover.number)]).first?[0].int64)
        let other = try #require(try s.query("SELECT id FROM schools WHERE code = '4101029906'").first?[0].int64)
        try s.execute("UPDATE memberships SET exit_date = ?, exit_code = '31' WHERE pupil_id = ? AND exit_date IS NULL", [.text(moved), .integer(moverID)])
        try s.execute("INSERT INTO memberships (pupil_id, province, school_id, grade, entry_date, entry_code) VALUES (?, '41', ?, 1, ?, '21')",
                      [.integer(moverID), .integer(other), .text(moved)])

        let henan = try await s.client("henan-admin")
        let path = "/api/v1/reports/funding?region=410102&term=\(schoolYear)-\(term)"
        // By census date: the first school gets the whole term of all four (half the annual 650 yuan,
        // 650 + 200 for the boarder, 6,000 for the special-education pupil).
        let byCensus = try await henan.get(path)
        #expect(byCensus.status == 200, "\(byCensus.text)")
        let rowsA = (byCensus.json["rows"]?.arrayValue ?? []).first { $0["label"] == "4101029905" }?["cells"]
        #expect(rowsA == [4, 1, 1, .int(32_500 + 42_500 + 300_000 + 32_500), 0], "\(byCensus.text)")
        #expect((byCensus.json["rows"]?.arrayValue ?? []).contains { $0["label"] == "4101029906" } == false, "the second school held nobody on the census date")
        // Pro rata by days: the mover's term splits 30 : 91 of 121 days.
        #expect(try await henan.request("PATCH", "/api/v1/settings/41", json: ["funding_pro_rata": 1]).json["funding_pro_rata"] == 1)
        let proRata = try await henan.get(path)
        let rows = Dictionary(uniqueKeysWithValues: (proRata.json["rows"]?.arrayValue ?? []).map { ($0["label"]?.stringValue ?? "", $0["cells"]?.arrayValue ?? []) })
        let first = (32_500 * 30 + 60) / 121, second = (32_500 * 91 + 60) / 121
        #expect(rows["4101029905"] == [4, 1, 1, .int(Int64(32_500 + 42_500 + 300_000 + first)), 0], "\(proRata.text)")
        #expect(rows["4101029906"] == [1, 0, 0, .int(Int64(second)), 0], "\(proRata.text)")
        #expect(first + second == 32_500, "the pupil's money is split, not lost or doubled")
        #expect(try await henan.get("/api/v1/reports/funding?term=2026-3").status == 422)

        // A signed-off census snapshot pays the term by the census-date rule: the boarder who became
        // a day pupil after the sign-off keeps the boarder's money; pro rata ignores the snapshot.
        #expect(try await henan.request("PATCH", "/api/v1/settings/41", json: ["funding_pro_rata": 0]).json["funding_pro_rata"] == 0)
        let signed = try await henan.post("/api/v1/census-snapshots", ["county": "410102", "as_of": .string(AttendanceTests.day(-90))])
        #expect(signed.status == 201, "\(signed.text)")
        let version = try #require(try s.query("SELECT version FROM pupils WHERE number = ?", [.text(boarder.number)]).first?[0].int64)
        #expect(try await registrar.request("PATCH", "/api/v1/pupils/\(boarder.number)", json: ["study_mode": "1"], headers: ["If-Match": "\"\(version)\""]).status == 200)
        let frozen = try await henan.get(path)
        let frozenRow = (frozen.json["rows"]?.arrayValue ?? []).first { $0["label"] == "4101029905" }?["cells"]
        #expect(frozenRow == [4, 1, 1, .int(32_500 + 42_500 + 300_000 + 32_500), 4], "\(frozen.text)")
        #expect(try await henan.request("PATCH", "/api/v1/settings/41", json: ["funding_pro_rata": 1]).status == 200)
        let live = try await henan.get(path)
        let liveRow = (live.json["rows"]?.arrayValue ?? []).first { $0["label"] == "4101029905" }?["cells"]
        #expect(liveRow == [4, 0, 1, .int(Int64(32_500 + 32_500 + 300_000 + first)), 0], "\(live.text)")
        #expect(try await henan.request("PATCH", "/api/v1/settings/41", json: ["funding_pro_rata": 2]).status == 422)
    }
}
