import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// Graduation, promotion and reverting batches (issue 6) through the API, on both engines.
@Suite(.serialized) struct YearCycleTests {
    /// The registry's rows as text, to compare the database before and after.
    func dump(_ s: ChangeScenario) throws -> [String] {
        let pupils = try s.query("SELECT id, number, school_id, grade, class_id, status, version, updated_at FROM pupils ORDER BY id")
        let memberships = try s.query("SELECT id, pupil_id, school_id, grade, class_id, entry_date, entry_code, exit_date, exit_code FROM memberships ORDER BY id")
        let classes = try s.query("SELECT id, public_id, school_id, grade, name FROM classes ORDER BY id")
        return (pupils + memberships + classes).map { row in row.values.map { "\($0)" }.joined(separator: "|") }
    }

    @Test(arguments: Engine.available)
    func graduatePromoteTwiceAndRevertExactly(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let reviewer = try await s.client("county-reviewer")
        let body: JSON = ["school_year": 2026, "region": "410102"]

        let early = try await reviewer.post("/api/v1/year-cycle/promotions", body)
        #expect(early.status == 409 && early.json["code"] == "graduate_first", "\(early.text)")

        let original = try dump(s)
        let finalGrade = try s.query("""
            SELECT COUNT(*) FROM pupils p JOIN schools s ON s.id = p.school_id WHERE s.region = '410102' AND p.status = 'active'
              AND p.grade = (SELECT MAX(c.grade) FROM classes c WHERE c.school_id = s.id)
            """).first?[0].int64 ?? 0
        let dry = try await reviewer.post("/api/v1/year-cycle/graduations", .object([("school_year", 2026), ("region", "410102"), ("dry_run", true)]))
        #expect(dry.json["batch"] == .null && dry.json["graduated"] == .int(finalGrade), "\(dry.text)")
        #expect(try dump(s) == original)
        let graduated = try await reviewer.post("/api/v1/year-cycle/graduations", body)
        let graduation = try #require(graduated.json["batch"]?.stringValue, "\(graduated.text)")
        #expect(graduated.json["graduated"] == .int(finalGrade))
        let afterGraduation = try dump(s)

        let first = try await reviewer.post("/api/v1/year-cycle/promotions", body)
        let promotion = try #require(first.json["batch"]?.stringValue, "\(first.text)")
        let promoted = try #require(first.json["promoted"]?.intValue)
        #expect(promoted > 0)
        let once = try dump(s)
        let second = try await reviewer.post("/api/v1/year-cycle/promotions", body)
        #expect(second.json["promoted"] == 0 && second.json["batch"] == .null)
        #expect(try dump(s) == once, "promotion twice equals once")

        // Cohorts move with their classes: a pupil of 一年级N班 is now in 二年级N班.
        let moved = try s.query("""
            SELECT c.name, p.grade FROM pupils p JOIN classes c ON c.id = p.class_id JOIN memberships m ON m.pupil_id = p.id
            WHERE m.entry_code = '31' AND m.exit_date IS NULL ORDER BY p.id LIMIT 1
            """).first
        #expect(moved?[1].int64 == 2 && moved?[0].string?.hasPrefix("二年级") == true, "\(String(describing: moved))")

        // A pupil changed after the promotion blocks its revert, by name.
        let registrar = try await s.client("registrar")
        let pupil = try #require(try s.query("""
            SELECT p.number FROM pupils p JOIN schools s ON s.id = p.school_id JOIN batch_pupils b ON b.pupil_id = p.id
            WHERE s.code = '4101029001' ORDER BY p.id LIMIT 1
            """).first?[0].string)
        let current = try await registrar.get("/api/v1/pupils/\(pupil)")
        let edited = try await registrar.request("PATCH", "/api/v1/pupils/\(pupil)", json: ["address": "郑州市中原区新地址9号"],
                                                 headers: ["If-Match": current.header("etag") ?? ""])
        #expect(edited.status == 200)
        let blocked = try await reviewer.post("/api/v1/batches/\(promotion)/revert", [:])
        #expect(blocked.status == 409 && blocked.json["code"] == "batch_changed" && blocked.json["detail"]?.stringValue?.contains(pupil) == true, "\(blocked.text)")
        #expect(try dump(s) != afterGraduation)
        try s.execute("UPDATE pupils SET version = version - 1 WHERE number = ?", [.text(pupil)])   // as if the edit had not happened
        try s.execute("DELETE FROM field_edits WHERE pupil_id = (SELECT id FROM pupils WHERE number = ?)", [.text(pupil)])

        let reverted = try await reviewer.post("/api/v1/batches/\(promotion)/revert", [:])
        #expect(reverted.json["reverted"] == .int(Int64(promoted)), "\(reverted.text)")
        // Pupils, memberships and classes exactly as after the graduation (the edited address is not in the dump).
        #expect(try dump(s) == afterGraduation)
        #expect(try await reviewer.post("/api/v1/batches/\(promotion)/revert", [:]).json["code"] == "batch_reverted")
        #expect(try await reviewer.post("/api/v1/batches/\(graduation)/revert", [:]).status == 200)
        #expect(try dump(s) == original)
        let outside = try await s.client("county-reviewer2")
        #expect(try await outside.post("/api/v1/batches/\(graduation)/revert", [:]).status == 404)
    }

    @Test(arguments: Engine.available)
    func aCohortMovesAsTransfersAndRevertsExactly(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registrar = try await s.client("registrar"), admin = try await s.client("zhengzhou-admin")
        let pending = try await s.register(registrar, school: "4101029001", grade: 2)
        let suspended = try await registrar.post("/api/v1/changes", ChangeTypeTests.change("suspension", pending.number,
                                                  [("attachments", [.string(try await s.proof(registrar))])]))
        #expect(suspended.status == 201)
        let before = try dump(s)
        let cohort = try s.query("SELECT COUNT(*) FROM pupils p JOIN schools s ON s.id = p.school_id WHERE s.code = '4101029001' AND p.grade = 2 AND p.status = 'active'").first?[0].int64 ?? 0
        let body: JSON = ["from_school": "4101029001", "grade": 2, "to_school": "4101039002"]
        #expect(try await registrar.post("/api/v1/year-cycle/cohort-moves", body).status == 403)
        let moved = try await admin.post("/api/v1/year-cycle/cohort-moves", body)
        let batch = try #require(moved.json["batch"]?.stringValue, "\(moved.text)")
        #expect(moved.json["moved"] == .int(cohort - 1) && moved.json["skipped"] == [.string(pending.number)])
        let codes = try s.query("""
            SELECT m.exit_code, n.entry_code, s.code, p.county FROM memberships m JOIN memberships n ON n.pupil_id = m.pupil_id AND n.id > m.id
            JOIN pupils p ON p.id = m.pupil_id JOIN schools s ON s.id = p.school_id WHERE m.exit_code = '27' LIMIT 1
            """).first
        #expect(codes?[0].string == "27" && codes?[1].string == "13" && codes?[2].string == "4101039002" && codes?[3].string == "410103")
        let reverted = try await admin.post("/api/v1/batches/\(batch)/revert", [:])
        #expect(reverted.json["reverted"] == .int(cohort - 1), "\(reverted.text)")
        #expect(try dump(s) == before)
    }
}
