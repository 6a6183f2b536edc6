import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// Every change type other than the transfer, through the real server on both engines, with the
/// refusals of DOMAIN.md §4 (stage rules, the 2 % quota, proof, status preconditions).
@Suite(.serialized) struct ChangeTypeTests {
    static func change(_ type: String, _ pupil: String, _ extra: [(String, JSON)] = []) -> JSON {
        .object([("type", .string(type)), ("pupil", .string(pupil)), ("reason", "家长申请")] + extra)
    }

    func memberships(_ s: ChangeScenario, _ number: String) throws -> [String] {
        try s.query("""
            SELECT m.entry_code, m.exit_code FROM memberships m JOIN pupils p ON p.id = m.pupil_id WHERE p.number = ? ORDER BY m.id
            """, [.text(number)]).map { "\($0[0].string ?? "-")/\($0[1].string ?? "-")" }
    }

    @Test(arguments: Engine.available)
    func suspensionBlocksTransfersUntilResumption(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registrar = try await s.client("registrar"), reviewer = try await s.client("county-reviewer")
        let pupil = try await s.register(registrar, school: "4101029001", grade: 3)
        let big = try await s.proof(registrar, ChangeScenario.pdf + Array(repeating: 0x20, count: 3 << 20))
        let tooBig = try await registrar.post("/api/v1/changes", Self.change("suspension", pupil.number, [("attachments", [.string(big)])]))
        #expect(tooBig.status == 422 && tooBig.json["errors"]?[0]?["code"] == "file_too_large", "\(tooBig.text)")
        let noProof = try await registrar.post("/api/v1/changes", Self.change("suspension", pupil.number))
        #expect(noProof.status == 422 && noProof.json["errors"]?[0]?["code"] == "proof_required")
        let badUntil = try await registrar.post("/api/v1/changes", Self.change("suspension", pupil.number, [("until", "2030-01-01"), ("attachments", [.string(big)])]))
        #expect(badUntil.status == 422)

        let evidence = try await s.proof(registrar, ChangeScenario.png, name: "诊断证明.png")
        let filed = try await registrar.post("/api/v1/changes", Self.change("suspension", pupil.number, [("until", "2027-07-10"), ("attachments", [.string(evidence)])]))
        #expect(ChangeScenario.steps(filed.json) == ["school:approved", "bureau:pending"] && filed.json["until"] == "2027-07-10", "\(filed.text)")
        let id = try #require(filed.json["id"]?.stringValue)
        #expect(try await reviewer.post("/api/v1/changes/\(id)/approve", [:]).json["state"] == "completed")
        #expect(try await registrar.get("/api/v1/pupils/\(pupil.number)").json["status"] == "suspended")

        let inSchool = try await s.client("registrar2")
        let transfer = try await inSchool.post("/api/v1/changes", TransferTests.transfer(pupil.number, name: pupil.name, grade: 3, to: "三年级1班", proof: try await s.proof(inSchool)))
        #expect(transfer.status == 409 && transfer.json["code"] == "pupil_not_active", "\(transfer.text)")
        #expect(transfer.json["detail"]?.stringValue?.contains("2002") == true)

        let back = try await registrar.post("/api/v1/changes", Self.change("resumption", pupil.number, [("to_grade", 3), ("to_class", .string(try s.className("4101029001", grade: 3)))]))
        let backID = try #require(back.json["id"]?.stringValue, "\(back.text)")
        #expect(try await reviewer.post("/api/v1/changes/\(backID)/approve", [:]).json["state"] == "completed")
        #expect(try await registrar.get("/api/v1/pupils/\(pupil.number)").json["status"] == "active")
        #expect(try memberships(s, pupil.number) == ["11/12", "12/-"])
    }

    @Test(arguments: Engine.available)
    func classChangeIsTheSchoolsAloneAndStageRulesHold(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registrar = try await s.client("registrar")
        let pupil = try await s.register(registrar, school: "4101029001", grade: 2)
        let current = try s.className("4101029001", grade: 2)
        let same = try await registrar.post("/api/v1/changes", Self.change("class_change", pupil.number, [("to_class", .string(current))]))
        #expect(same.status == 422 && same.json["code"] == "invalid_data")
        let moved = try await registrar.post("/api/v1/changes", Self.change("class_change", pupil.number, [("to_class", "二年级2班")]))
        #expect(moved.status == 201 && moved.json["state"] == "completed" && ChangeScenario.steps(moved.json) == ["school:approved"], "\(moved.text)")
        #expect(try memberships(s, pupil.number) == ["11/32", "32/-"])
        #expect(try await registrar.get("/api/v1/pupils/\(pupil.number)").json["class"] == "二年级2班")

        for type in ["dropout", "withdrawal", "expulsion", "repetition", "skip_grade", "progression"] {
            let refused = try await registrar.post("/api/v1/changes", Self.change(type, pupil.number))
            #expect(refused.status == 409 && refused.json["code"] == "not_allowed_in_stage", "\(type): \(refused.text)")
        }
        let unknown = try await registrar.post("/api/v1/changes", Self.change("promotion", pupil.number))
        #expect(unknown.status == 422 && unknown.json["errors"]?[0]?["code"] == "unknown_change_type")
        let noReason = try await registrar.post("/api/v1/changes", ["type": "dropout", "pupil": .string(pupil.number)])
        #expect(noReason.status == 422)
        let principal = try await s.client("principal")
        #expect(try await principal.post("/api/v1/changes", Self.change("dropout", pupil.number)).status == 403)
        let analyst = try await s.client("county-analyst")
        #expect(try await analyst.get("/api/v1/changes").status == 403)
    }

    @Test(arguments: Engine.available)
    func seniorChangesAndTheRepetitionQuota(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let senior = try await s.account("senior-registrar", role: "school_registrar", scope: "4101029004")
        let reviewer = try await s.client("county-reviewer")
        var grade11: [(number: String, name: String)] = []
        for _ in 0..<50 { grade11.append(try await s.register(senior, school: "4101029004", grade: 11)) }
        let grade12 = try await s.register(senior, school: "4101029004", grade: 12)

        let third = try await senior.post("/api/v1/changes", Self.change("repetition", grade12.number, [("to_class", "x")]))
        #expect(third.status == 409 && third.json["code"] == "not_allowed_in_stage")
        let repeat1 = try await senior.post("/api/v1/changes", Self.change("repetition", grade11[0].number, [("to_class", .string(try s.className("4101029004", grade: 10)))]))
        let repeatID = try #require(repeat1.json["id"]?.stringValue, "\(repeat1.text)")
        #expect(repeat1.json["to_grade"] == 10)
        // 2 % of about 50 pupils is one: the next repetition from grade 11 is refused, even while the first is pending.
        let over = try await senior.post("/api/v1/changes", Self.change("repetition", grade11[1].number, [("to_class", .string(try s.className("4101029004", grade: 10)))]))
        #expect(over.status == 409 && over.json["code"] == "quota_exceeded", "\(over.text)")
        #expect(try await reviewer.post("/api/v1/changes/\(repeatID)/approve", [:]).json["state"] == "completed")
        #expect(try memberships(s, grade11[0].number) == ["11/33", "33/-"])
        // Skipping has a quota of its own, the same size.
        let skip = try await senior.post("/api/v1/changes", Self.change("skip_grade", grade11[2].number, [("to_class", .string(try s.className("4101029004", grade: 12)))]))
        let skipID = try #require(skip.json["id"]?.stringValue, "\(skip.text)")
        #expect(try await reviewer.post("/api/v1/changes/\(skipID)/approve", [:]).json["state"] == "completed")
        #expect(try await senior.get("/api/v1/pupils/\(grade11[2].number)").json["grade"] == 12)
        #expect(try memberships(s, grade11[2].number) == ["11/34", "34/-"])
        let secondSkip = try await senior.post("/api/v1/changes", Self.change("skip_grade", grade11[3].number, [("to_class", .string(try s.className("4101029004", grade: 12)))]))
        #expect(secondSkip.status == 409 && secondSkip.json["code"] == "quota_exceeded")

        for (i, (type, status, code)) in [("dropout", "dropped_out", "28"), ("withdrawal", "withdrawn", "24"), ("expulsion", "expelled", "25")].enumerated() {
            let pupil = grade11[10 + i]
            let filed = try await senior.post("/api/v1/changes", Self.change(type, pupil.number))
            let id = try #require(filed.json["id"]?.stringValue, "\(filed.text)")
            #expect(try await reviewer.post("/api/v1/changes/\(id)/approve", [:]).json["state"] == "completed")
            let record = try await senior.get("/api/v1/pupils/\(pupil.number)")
            #expect(record.status == 200 && record.json["status"] == .string(status), "the record is kept: \(record.text)")
            #expect(try memberships(s, pupil.number) == ["11/\(code)"])
        }
    }

    @Test(arguments: Engine.available)
    func deathNeedsProofAndProgressionMovesToTheNextStage(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registrar = try await s.client("registrar"), reviewer = try await s.client("county-reviewer")
        let pupil = try await s.register(registrar, school: "4101029001", grade: 4)
        let unproven = try await registrar.post("/api/v1/changes", Self.change("death", pupil.number))
        #expect(unproven.status == 422 && unproven.json["errors"]?[0]?["code"] == "proof_required")
        let died = try await registrar.post("/api/v1/changes", Self.change("death", pupil.number, [("attachments", [.string(try await s.proof(registrar))])]))
        let deathID = try #require(died.json["id"]?.stringValue)
        #expect(try await reviewer.post("/api/v1/changes/\(deathID)/approve", [:]).json["state"] == "completed")
        let after = try await registrar.post("/api/v1/changes", Self.change("class_change", pupil.number, [("to_class", "四年级2班")]))
        #expect(after.status == 409 && after.json["code"] == "pupil_not_active")

        let abroad = try await s.register(registrar, school: "4101029001", grade: 4)
        let left = try await registrar.post("/api/v1/changes", Self.change("abroad", abroad.number, [("attachments", [.string(try await s.proof(registrar))])]))
        #expect(try await reviewer.post("/api/v1/changes/\(try #require(left.json["id"]?.stringValue))/approve", [:]).json["state"] == "completed")
        #expect(try await registrar.get("/api/v1/pupils/\(abroad.number)").json["status"] == "abroad")

        let leaver = try await s.register(registrar, school: "4101029001", grade: 6)
        let junior = try await s.account("junior-registrar", role: "school_registrar", scope: "4101039004")
        let receivingBureau = try await s.client("county-reviewer2")
        let filed = try await junior.post("/api/v1/changes", Self.change("progression", leaver.number, [("name", .string(leaver.name)), ("to_grade", 7),
                                                                                                        ("to_class", .string(try s.className("4101039004", grade: 7)))]))
        #expect(ChangeScenario.steps(filed.json) == ["receiving_school:approved", "receiving_bureau:pending", "previous_bureau:waiting"], "\(filed.text)")
        let id = try #require(filed.json["id"]?.stringValue)
        #expect(try await receivingBureau.post("/api/v1/changes/\(id)/approve", [:]).json["current_step"] == "previous_bureau")
        #expect(try await reviewer.post("/api/v1/changes/\(id)/approve", [:]).json["state"] == "completed")
        let moved = try await junior.get("/api/v1/pupils/\(leaver.number)")
        #expect(moved.json["school"] == "4101039004" && moved.json["grade"] == 7)
        #expect(try memberships(s, leaver.number) == ["11/21", "11/-"])
    }
}
