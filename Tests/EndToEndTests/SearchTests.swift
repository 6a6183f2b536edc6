import Foundation
import Testing
import XuejiHTTP
import XuejiStore
import XuejiTestSupport

/// The pupil search (`q`): the beginning of a name or of a national number, as index ranges, inside
/// the caller's scope, the same on both engines.
@Suite(.serialized) struct SearchTests {
    @Test(arguments: Engine.available)
    func namesAndNumbersByTheirBeginning(_ engine: Engine) async throws {
        let f = try RegistryTests().demoFixture(engine)
        let admin = APIClient(port: f.server.port), registrar = APIClient(port: f.server.port)
        try await admin.login("henan-admin", RegistryTests.password)
        try await registrar.login("registrar", RegistryTests.password)

        let all = try await registrar.get("/api/v1/pupils?limit=500").json["items"]?.arrayValue ?? []
        let sample = try #require(all.first)
        let name = try #require(sample["name"]?.stringValue), number = try #require(sample["number"]?.stringValue)
        let surname = String(name.prefix(1))
        let encoded = surname.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

        let bySurname = try await registrar.get("/api/v1/pupils?q=\(encoded)&limit=500").json["items"]?.arrayValue ?? []
        let expected = all.filter { ($0["name"]?.stringValue ?? "").hasPrefix(surname) }.count
        #expect(bySurname.count == expected && expected > 0, "every pupil of the school whose name starts with \(surname), and only those")
        #expect(bySurname.allSatisfy { ($0["school"]?.stringValue ?? "") == "4101029001" }, "the registrar's search stays inside its school")

        let byNumber = try await registrar.get("/api/v1/pupils?q=\(number.prefix(12).lowercased())").json["items"]?.arrayValue ?? []
        #expect(byNumber.contains { $0["number"]?.stringValue == number }, "a number's beginning finds it, in either case")
        #expect(try await registrar.get("/api/v1/pupils?q=\(number)").json["items"]?.arrayValue?.count == 1)

        // A province administrator searches the whole province, in number order, page after page.
        let first = try await admin.get("/api/v1/pupils?q=\(encoded)&limit=5")
        let page = first.json["items"]?.arrayValue ?? []
        #expect(page.count == 5 && page.allSatisfy { ($0["name"]?.stringValue ?? "").hasPrefix(surname) })
        let numbers = page.compactMap { $0["number"]?.stringValue }
        #expect(numbers == numbers.sorted(), "results come in number order")
        if let cursor = first.json["next_cursor"]?.stringValue {
            let next = try await admin.get("/api/v1/pupils?q=\(encoded)&limit=5&cursor=\(cursor)").json["items"]?.arrayValue ?? []
            #expect((next.first?["number"]?.stringValue ?? "") > (numbers.last ?? ""), "the next page continues after the last number")
        }
        // Wildcards are text, not patterns.
        #expect(try await registrar.get("/api/v1/pupils?q=%25").json["items"]?.arrayValue?.isEmpty == true)
        #expect(try await registrar.get("/api/v1/pupils?q=_").json["items"]?.arrayValue?.isEmpty == true)
    }
}
