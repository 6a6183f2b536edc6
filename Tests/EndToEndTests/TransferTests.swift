import Foundation
import Testing
import XuejiCore
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// Transfers (转学, DOMAIN.md §4) through the real server on both engines: four parties in order,
/// the same-county variant, across provinces with cancellation, rejection and resubmission, and the
/// level above taking over an overdue step.
@Suite(.serialized) struct TransferTests {
    static func transfer(_ pupil: String, name: String, grade: Int = 1, to classe: String = "一年级1班", proof: String) -> JSON {
        ["type": "transfer", "pupil": .string(pupil), "name": .string(name), "reason": "随父母工作调动",
         "to_grade": .int(Int64(grade)), "to_class": .string(classe), "attachments": [.string(proof)]]
    }

    @Test(arguments: Engine.available)
    func fourPartyTransferBetweenCounties(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registrar = try await s.client("registrar"), principal = try await s.client("principal")
        let inSchool = try await s.client("registrar2"), inBureau = try await s.client("county-reviewer2")
        let outBureau = try await s.client("county-reviewer")
        let pupil = try await s.register(registrar, school: "4101029001", grade: 1)
        let certificate = try await s.proof(inSchool)
        // The other county's reviewer cannot see the pupil (issue 4), by number or in its lists.
        #expect(try await inBureau.get("/api/v1/pupils/\(pupil.number)").status == 404)
        #expect(try await inBureau.get("/api/v1/pupils?q=\(pupil.number)").json["items"]?.arrayValue?.isEmpty == true)

        // Bad filings first: the transfer-out school starting it, no proof, a grade the school lacks, a wrong name.
        let fromOut = try await registrar.post("/api/v1/changes", ["type": "transfer", "pupil": .string(pupil.number), "reason": "x",
                                                                    "to_school": "4101039001", "to_grade": 1, "to_class": "一年级1班"])
        #expect(fromOut.status == 403 && fromOut.json["code"] == "receiving_school_only", "\(fromOut.text)")
        var noProof = Self.transfer(pupil.number, name: pupil.name, proof: certificate)
        if case .object(var m) = noProof { m.removeAll { $0.0 == "attachments" }; noProof = .object(m) }
        let missing = try await inSchool.post("/api/v1/changes", noProof)
        #expect(missing.status == 422 && missing.json["errors"]?.arrayValue?.first?["code"] == "proof_required")
        let badGrade = try await inSchool.post("/api/v1/changes", Self.transfer(pupil.number, name: pupil.name, grade: 9, proof: certificate))
        #expect(badGrade.status == 422 && badGrade.json["errors"]?.arrayValue?.first?["code"] == "grade_not_offered", "\(badGrade.text)")
        let wrongName = try await inSchool.post("/api/v1/changes", Self.transfer(pupil.number, name: "别人", proof: certificate))
        #expect(wrongName.status == 404)
        let heavy = try await s.proof(inSchool, ChangeScenario.pdf + Array(repeating: 0x20, count: 3 << 20))
        let tooBig = try await inSchool.post("/api/v1/changes", Self.transfer(pupil.number, name: pupil.name, proof: heavy))
        #expect(tooBig.status == 422 && tooBig.json["errors"]?[0]?["code"] == "file_too_large")
        let problem = try await s.register(registrar, school: "4101029001", grade: 1)
        try s.execute("""
            INSERT INTO problems (public_id, pupil_id, province, kind, detail, state, opened_at)
            SELECT 'Ptest', id, province, 'identity_mismatch', '姓名与身份证号不符', 'open', 0 FROM pupils WHERE number = ?
            """, [.text(problem.number)])
        let blocked = try await inSchool.post("/api/v1/changes", Self.transfer(problem.number, name: problem.name, proof: certificate))
        #expect(blocked.status == 409 && blocked.json["code"] == "problem_record" && blocked.json["detail"]?.stringValue?.contains("2003") == true)

        // A PNG named .pdf is taken for what its bytes say (image/png), not refused.
        let renamed = try await inSchool.upload("/api/v1/attachments", filename: "转学证明.pdf", contentType: "application/pdf", bytes: ChangeScenario.png)
        #expect(renamed.json["content_type"] == "image/png")
        let filed = try await inSchool.post("/api/v1/changes", Self.transfer(pupil.number, name: pupil.name, proof: certificate))
        #expect(filed.status == 201, "\(filed.text)")
        let id = try #require(filed.json["id"]?.stringValue)
        #expect(ChangeScenario.steps(filed.json) == ["in_school:approved", "in_bureau:pending", "out_school:waiting", "out_bureau:waiting"])
        #expect(filed.json["variant"] == "inter_county" && filed.json["pupil_summary"]?["name"] == .string(pupil.name))
        #expect(filed.json["pupil_summary"]?["id_number"] == nil)   // the counter-party sees the limited fields only
        #expect(try await inSchool.get("/api/v1/pupils/\(pupil.number)").status == 404)

        // Out of order: the right role of the wrong bureau, then a school before its turn.
        let early = try await outBureau.post("/api/v1/changes/\(id)/approve", [:])
        #expect(early.status == 409 && early.json["code"] == "not_your_step")
        #expect(try await principal.post("/api/v1/changes/\(id)/approve", [:]).json["code"] == "not_your_step")
        let stranger = try await s.account("reviewer-410104", role: "bureau_reviewer", scope: "410104")
        #expect(try await stranger.post("/api/v1/changes/\(id)/approve", [:]).status == 404)
        let noReason = try await inBureau.post("/api/v1/changes/\(id)/reject", [:])
        #expect(noReason.status == 422)

        // The transfer-in bureau deciding its step sees the record in full (it is outside its scope otherwise).
        let reviewed = try await inBureau.get("/api/v1/pupils/\(pupil.number)")
        #expect(reviewed.status == 200 && reviewed.json["id_number"]?.stringValue?.contains("*") == false)
        let inbox = try await inBureau.get("/api/v1/changes?inbox=1")
        #expect(inbox.json["total"] == 1 && inbox.json["counts"]?["transfer"] == 1 && inbox.json["items"]?[0]?["id"] == .string(id))
        #expect(try await inBureau.post("/api/v1/changes/\(id)/approve", ["comment": "同意转入"]).json["current_step"] == "out_school")
        #expect(try await inBureau.get("/api/v1/pupils/\(pupil.number)").status == 404)   // its step is decided
        // The transfer-out school reads the certificate the receiving school uploaded.
        #expect(try await principal.get("/api/v1/attachments/\(certificate)").status == 200)
        #expect(try await principal.post("/api/v1/changes/\(id)/approve", [:]).json["current_step"] == "out_bureau")
        let done = try await outBureau.post("/api/v1/changes/\(id)/approve", [:])
        #expect(done.json["state"] == "completed" && ChangeScenario.steps(done.json).allSatisfy { $0.hasSuffix(":approved") })

        // Effects: the new school has the pupil and the whole history (27 out, 13 in); the old one its copy and a task.
        let record = try await inSchool.get("/api/v1/pupils/\(pupil.number)")
        #expect(record.status == 200 && record.json["school"] == "4101039001")
        // Now in county 410103: its reviewer sees the pupil, the old county's does not.
        #expect(try await inBureau.get("/api/v1/pupils/\(pupil.number)").status == 200)
        #expect(try await outBureau.get("/api/v1/pupils/\(pupil.number)").status == 404)
        let history = try await inSchool.get("/api/v1/pupils/\(pupil.number)/history")
        let memberships = history.json["events"]?.arrayValue?.filter { $0["kind"] == "membership" } ?? []
        #expect(memberships.map { $0["exit_code"] ?? nil } == [.string("27"), .null] && memberships.last?["entry_code"] == "13")
        #expect(history.json["events"]?.arrayValue?.contains { $0["kind"] == "change" && $0["type_code"] == "13" } == true)
        #expect(try await registrar.get("/api/v1/pupils/\(pupil.number)").status == 404)
        let copy = try await registrar.get("/api/v1/changes/\(id)")
        #expect(copy.json["record_at_move"]?["name"] == .string(pupil.name) && copy.json["record_at_move"]?["school"] == "4101029001")
        #expect(copy.json["events"]?.arrayValue?.map { $0["action"]?.stringValue ?? "" } == ["filed", "approved", "approved", "approved"])
        let tasks = try await registrar.get("/api/v1/tasks?state=open")
        let task = try #require(tasks.json["items"]?[0])
        #expect(task["kind"] == "send_paper_file" && task["change"] == .string(id))
        #expect(try await registrar.post("/api/v1/tasks/\(task["id"]?.stringValue ?? "")/done", [:]).json["state"] == "done")
        let again = try await registrar.post("/api/v1/changes/\(id)/cancel", ["reason": "x"])
        #expect(again.status == 403)   // only the initiating school cancels
        let late = try await inSchool.post("/api/v1/changes/\(id)/cancel", ["reason": "x"])
        #expect(late.status == 409 && late.json["code"] == "cancel_too_late")
    }

    @Test(arguments: Engine.available)
    func sameCountyTransferRejectedAndFiledAgain(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registrar = try await s.client("registrar"), reviewer = try await s.client("county-reviewer")
        let other = try await s.account("registrar-9002", role: "school_registrar", scope: "4101029002")
        let pupil = try await s.register(registrar, school: "4101029001", grade: 2)
        let proof = try await s.proof(other)
        let same = try await registrar.post("/api/v1/changes", Self.transfer(pupil.number, name: pupil.name, grade: 2, to: "二年级1班", proof: try await s.proof(registrar)))
        #expect(same.status == 422 && same.json["code"] == "invalid_data")

        let body = Self.transfer(pupil.number, name: pupil.name, grade: 2, to: try s.className("4101029002", grade: 2), proof: proof)
        let filed = try await other.post("/api/v1/changes", body)
        #expect(ChangeScenario.steps(filed.json) == ["in_school:approved", "out_school:pending", "bureau:waiting"], "\(filed.text)")
        let id = try #require(filed.json["id"]?.stringValue)
        let busy = try await other.post("/api/v1/changes", body)
        #expect(busy.status == 409 && busy.json["code"] == "open_business")
        let rejected = try await registrar.post("/api/v1/changes/\(id)/reject", ["reason": "学生仍在本校就读"])
        #expect(rejected.json["state"] == "rejected" && ChangeScenario.steps(rejected.json) == ["in_school:approved", "out_school:rejected", "bureau:skipped"])
        #expect(try await registrar.post("/api/v1/changes/\(id)/approve", [:]).json["code"] == "step_already_decided")
        let closed = try await other.post("/api/v1/changes/\(id)/cancel", ["reason": "x"])
        #expect(closed.status == 409 && closed.json["code"] == "change_closed")

        let refiled = try await other.post("/api/v1/changes", body)
        #expect(refiled.status == 201)
        let second = try #require(refiled.json["id"]?.stringValue)
        #expect(try await registrar.post("/api/v1/changes/\(second)/approve", [:]).json["current_step"] == "bureau")
        #expect(try await reviewer.post("/api/v1/changes/\(second)/approve", [:]).json["state"] == "completed")
        #expect(try await other.get("/api/v1/pupils/\(pupil.number)").json["school"] == "4101029002")
    }

    @Test(arguments: Engine.available)
    func betweenProvincesNeedsTheNumberAndCanBeCancelledUntilTheMove(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let made = try await s.admin.post("/api/v1/schools", ["code": "1101059001", "name": "朝阳实验小学", "region": "110105", "type": "primary",
                                                              "ownership": "public", "locality": "urban", "grades": [1, 2, 3, 4, 5, 6]])
        #expect(made.status == 201, "\(made.text)")
        #expect(try await s.admin.post("/api/v1/schools/1101059001/classes", ["grade": 3, "name": "三年级1班", "entry_year": 2024]).status == 201)
        let beijing = try await s.account("bj-registrar", role: "school_registrar", scope: "1101059001")
        let beijingBureau = try await s.account("bj-reviewer", role: "bureau_reviewer", scope: "110105")
        let registrar = try await s.client("registrar"), outBureau = try await s.client("county-reviewer")
        let pupil = try await s.register(registrar, school: "4101029001", grade: 3)
        let proof = try await s.proof(beijing)

        let byID = try await beijing.post("/api/v1/changes", Self.transfer(String(pupil.number.dropFirst()), name: pupil.name, grade: 3, to: "三年级1班", proof: proof))
        #expect(byID.status == 422 && byID.json["errors"]?.arrayValue?.first?["code"] == "national_number_required", "\(byID.text)")

        let first = try await beijing.post("/api/v1/changes", Self.transfer(pupil.number, name: pupil.name, grade: 3, to: "三年级1班", proof: proof))
        let firstID = try #require(first.json["id"]?.stringValue, "\(first.text)")
        #expect(try await beijingBureau.post("/api/v1/changes/\(firstID)/approve", [:]).json["current_step"] == "out_school")
        let cancelled = try await beijing.post("/api/v1/changes/\(firstID)/cancel", ["reason": "家长改变主意"])
        #expect(cancelled.json["state"] == "cancelled", "\(cancelled.text)")
        #expect(try await registrar.post("/api/v1/changes/\(firstID)/approve", [:]).json["code"] == "step_already_decided")

        let second = try await beijing.post("/api/v1/changes", Self.transfer(pupil.number, name: pupil.name, grade: 3, to: "三年级1班", proof: proof))
        let id = try #require(second.json["id"]?.stringValue)
        for client in [beijingBureau, registrar, outBureau] { #expect(try await client.post("/api/v1/changes/\(id)/approve", [:]).status == 200) }
        #expect(try await beijing.get("/api/v1/changes/\(id)").json["state"] == "completed")
        let provinces = try s.query("""
            SELECT p.province, n.province, g.province FROM pupils p JOIN pupil_numbers n ON n.pupil_id = p.id JOIN guardians g ON g.pupil_id = p.id
            WHERE p.number = ?
            """, [.text(pupil.number)]).first
        #expect(provinces?[0].string == "11" && provinces?[1].string == "11" && provinces?[2].string == "11")
        let late = try await beijing.post("/api/v1/changes/\(id)/cancel", ["reason": "太晚了"])
        #expect(late.status == 409 && late.json["code"] == "cancel_too_late")
        #expect(try await s.client("henan-admin").get("/api/v1/pupils/\(pupil.number)").status == 404)
    }

    @Test(arguments: Engine.available)
    func anOverdueBureauStepIsTakenOverByTheProvince(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registrar = try await s.client("registrar"), inSchool = try await s.client("registrar2")
        let province = try await s.client("henan-reviewer")
        let pupil = try await s.register(registrar, school: "4101029001", grade: 1)
        let filed = try await inSchool.post("/api/v1/changes", Self.transfer(pupil.number, name: pupil.name, proof: try await s.proof(inSchool)))
        let id = try #require(filed.json["id"]?.stringValue)
        let due = try #require(filed.json["steps"]?[1]?["due_date"]?.stringValue)
        // 10 working days after today in Beijing, by the shipped calendar (holidays and 调休 counted).
        let today = CivilDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 * 1000 + 8 * 3_600_000) / 86_400_000))
        #expect(due == (try WorkingCalendar.shipped()).due(after: today, workingDays: 10).description)

        let tooEarly = try await province.post("/api/v1/changes/\(id)/approve", [:])
        #expect(tooEarly.status == 409 && tooEarly.json["code"] == "not_your_step")
        #expect(try await province.get("/api/v1/changes?inbox=1").json["total"] == 0)

        #expect(try await province.get("/api/v1/changes?overdue=1").json["items"]?.arrayValue?.isEmpty == true)
        try s.execute("UPDATE change_steps SET due_date = '2026-01-05' WHERE code = 'in_bureau'")
        let stalled = try await province.get("/api/v1/changes?overdue=1")
        #expect(stalled.json["items"]?[0]?["id"] == .string(id) && stalled.json["items"]?[0]?["overdue"] == true)
        let inbox = try await province.get("/api/v1/changes?inbox=1")
        #expect(inbox.json["total"] == 1 && inbox.json["overdue"] == 1 && inbox.json["items"]?[0]?["intervention"] == true)
        #expect(try await inSchool.get("/api/v1/changes/\(id)").json["overdue"] == true)
        let taken = try await province.post("/api/v1/changes/\(id)/approve", ["comment": "逾期未审，省级强制干预"])
        #expect(taken.json["current_step"] == "out_school", "\(taken.text)")
        #expect(taken.json["steps"]?[1]?["intervened"] == true && taken.json["steps"]?[1]?["decided_by"] == "henan-reviewer")
        let detail = try await inSchool.get("/api/v1/changes/\(id)")
        #expect(detail.json["events"]?.arrayValue?.map { $0["action"]?.stringValue ?? "" } == ["filed", "intervened"])
    }

    @Test(arguments: Engine.available)
    func exactlyOnceUnderConcurrency(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registrar = try await s.client("registrar"), inSchool = try await s.client("registrar2")
        let proof = try await s.proof(inSchool)

        // Retried POSTs with one Idempotency-Key make one change.
        let pupil = try await s.register(registrar, school: "4101029001", grade: 1)
        let body = Self.transfer(pupil.number, name: pupil.name, proof: proof)
        let retries = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for _ in 0..<6 {
                group.addTask {
                    let r = try await inSchool.request("POST", "/api/v1/changes", json: body, headers: ["Idempotency-Key": "transfer-\(pupil.number)"])
                    return (r.status, r.json["id"]?.stringValue ?? r.text)
                }
            }
            return try await group.reduce(into: [(Int, String)]()) { $0.append($1) }
        }
        #expect(Set(retries.map(\.1)).count == 1, "\(retries)")
        #expect(retries.filter { $0.0 == 201 }.count == 1 && retries.allSatisfy { $0.0 == 201 || $0.0 == 200 }, "\(retries)")
        let id = retries[0].1

        // Two reviewers of the same bureau decide the same step at once: one wins.
        let reviewers = [try await s.client("county-reviewer2"), try await s.account("reviewer2-410103", role: "bureau_reviewer", scope: "410103")]
        let decisions = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (i, r) in reviewers.enumerated() {
                group.addTask {
                    let reply = i == 0 ? try await r.post("/api/v1/changes/\(id)/approve", [:]) : try await r.post("/api/v1/changes/\(id)/reject", ["reason": "材料不全"])
                    return (reply.status, reply.json["code"]?.stringValue ?? "")
                }
            }
            return try await group.reduce(into: [(Int, String)]()) { $0.append($1) }
        }
        #expect(decisions.filter { $0.0 == 200 }.count == 1 && decisions.filter { $0.1 == "step_already_decided" }.count == 1, "\(decisions)")

        // Different schools filing for one pupil at once: one open change.
        let another = try await s.register(registrar, school: "4101029001", grade: 1)
        var schools: [APIClient] = []
        for code in ["4101039001", "4101039002", "4101049001", "4101059001"] {
            schools.append(code == "4101039001" ? inSchool : try await s.account("registrar-\(code)", role: "school_registrar", scope: code))
        }
        let filings = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (i, school) in schools.enumerated() {
                let code = ["4101039001", "4101039002", "4101049001", "4101059001"][i]
                let classe = try s.className(code, grade: 1)
                let attachment = try await s.proof(school)
                group.addTask {
                    let r = try await school.post("/api/v1/changes", Self.transfer(another.number, name: another.name, to: classe, proof: attachment))
                    return (r.status, r.json["code"]?.stringValue ?? "")
                }
            }
            return try await group.reduce(into: [(Int, String)]()) { $0.append($1) }
        }
        #expect(filings.filter { $0.0 == 201 }.count == 1 && filings.filter { $0.1 == "open_business" }.count == 3, "\(filings)")
        let open = try s.query("SELECT COUNT(*) FROM changes c JOIN pupils p ON p.id = c.pupil_id WHERE p.number = ? AND c.state = 'pending'", [.text(another.number)])
        #expect(open.first?[0].int64 == 1)
    }
}
