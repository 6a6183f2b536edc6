import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// 四查三比对 (issue 8): a county's household list of 5,000 rows, with children planted who are in no
/// school and rows whose ID numbers are malformed, and a poverty list, through the real server.
@Suite(.serialized) struct HouseholdCheckTests {
    static func multipart(_ parts: [(name: String, filename: String?, text: String)]) -> (Data, String) {
        let boundary = "household-\(UUID().uuidString)"
        var body = Data()
        for part in parts {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"\(part.filename.map { "; filename=\"\($0)\"" } ?? "")\r\n\r\n".utf8))
            body.append(Data(part.text.utf8))
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    static func check(_ client: APIClient, _ parts: [(name: String, filename: String?, text: String)]) async throws -> APIClient.Reply {
        let (body, type) = multipart(parts)
        return try await client.request("POST", "/api/v1/checks/household", body: body, headers: ["Content-Type": type])
    }

    @Test(arguments: Engine.available)
    func plantedOutOfSchoolChildrenAreFound(_ engine: Engine) async throws {
        let s = try await ChangeScenario(engine)
        let registered = try s.query("SELECT id_number, name FROM pupils WHERE county = '410102' AND id_type = '1' AND status = 'active' ORDER BY id")
            .compactMap { r -> (String, String)? in r[0].string.map { ($0, r[1].string ?? "") } }
        try #require(registered.count >= 20)
        // Three children of the county in no school: valid IDs nobody registered.
        let planted = (0..<3).map { RegistryTests.validID("41010220170\($0 + 1)15" + String(format: "%03d", 971 + 2 * $0)) }
        #expect(try s.query("SELECT COUNT(*) FROM pupils WHERE id_number IN (?, ?, ?)", planted.map { .text($0) }).first?[0].int64 == 0)
        var lines = ["姓名,身份证号,出生日期,户口所在地"]
        var malformed = 0
        for i in 0..<5000 {
            switch i {
            case 100, 2000, 4000: lines.append("未入学\(i),\(planted[[100, 2000, 4000].firstIndex(of: i)!]),2017-01-15,410102")
            case _ where i % 50 == 7:
                malformed += 1
                lines.append("错号\(i),\(i % 100 == 7 ? "4101022017" : String(registered[i % registered.count].0.dropLast()) + "?"),2017-01-01,410102")
            default:
                let (id, name) = registered[i % registered.count]
                lines.append("\(name),\(id),,410102")
            }
        }
        // A suspected dropout in the county (the province's threshold lowered to two days for the test).
        try await AttendanceTests.openTerm(s)
        let henan = try await s.client("henan-admin"), registrar = try await s.client("registrar")
        #expect(try await henan.request("PATCH", "/api/v1/settings/41", json: ["warn_after_days": 1, "suspect_after_days": 2]).status == 200)
        let truant = try await s.register(registrar, school: "4101029001", grade: 2)
        let days = Array(try await AttendanceTests.schoolDays(registrar).filter { $0 < AttendanceTests.day(0) }.suffix(2))
        _ = try await AttendanceTests.registers(registrar, classID: try AttendanceTests.classOf(s, truant.number), absent: [truant.number], days: days[0..<2])
        let truantID = try #require(try s.query("SELECT id_number FROM pupils WHERE number = ?", [.text(truant.number)]).first?[0].string)
        let poverty = "身份证号,姓名\n\(planted[1]),未入学\n\(truantID),\(truant.name)\n"

        let reviewer = try await s.client("county-reviewer")
        let reply = try await Self.check(reviewer, [("household", "户籍名单.csv", lines.joined(separator: "\r\n")), ("poverty", "建档立卡.csv", poverty)])
        #expect(reply.status == 200, "\(reply.text.prefix(500))")
        #expect(reply.json["rows"] == 5000)
        let out = reply.json["out_of_school"]?.arrayValue ?? []
        #expect(Set(out.compactMap { $0["id_number"]?.stringValue }) == Set(planted), "exactly the planted children are out of school")
        #expect(out.first { $0["id_number"]?.stringValue == planted[1] }?["poverty"] == true)
        let rejected = reply.json["rejected"]?.arrayValue ?? []
        #expect(rejected.count == malformed && rejected.allSatisfy { $0["column"] == "身份证号" && $0["code"]?.stringValue?.hasPrefix("id_") == true },
                "every malformed row is listed with its column and reason, the rest compared")
        #expect(reply.json["in_school"]?.intValue == Int64(5000 - 3 - malformed))
        let dropouts = reply.json["dropouts"]?.arrayValue ?? []
        #expect(dropouts.contains { $0["number"]?.stringValue == truant.number && $0["reason"] == "suspected_dropout" && $0["poverty"] == true })
        #expect(reply.json["priority"] == 2, "one planted child and one suspected dropout are on the poverty list")

        // Who may run it, and bad files.
        #expect(try await Self.check(registrar, [("household", "x.csv", "身份证号\n")]).status == 403)
        #expect(try await Self.check(try await s.client("county-analyst"), [("household", "x.csv", "身份证号\n")]).status == 403)
        #expect(try await Self.check(reviewer, [("household", "x.csv", "身份证号\n"), ("region", nil, "410103")]).status == 404)
        let noColumn = try await Self.check(reviewer, [("household", "x.csv", "姓名,住址\n张三,某地\n")])
        #expect(noColumn.status == 422 && noColumn.json["code"] == "missing_column")
        #expect(try await Self.check(reviewer, []).status == 422)
    }
}
