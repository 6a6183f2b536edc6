import Foundation
import Testing
import XuejiHTTP
import XuejiTestSupport

/// Proof files through the real server: type by content, content-addressed storage, scoped download.
@Suite(.serialized) struct AttachmentTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)
    static let pdf: [UInt8] = Array("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".utf8)

    @Test(arguments: Engine.available)
    func uploadsAreCheckedByContentAndReadableOnlyInScope(_ engine: Engine) async throws {
        let f = try RegistryTests().demoFixture(engine)
        let registrar = APIClient(port: f.server.port)
        try await registrar.login("registrar", RegistryTests.password)
        // A PNG renamed .pdf is stored as what it is.
        let stored = try await registrar.upload("/api/v1/attachments", filename: "证明.pdf", contentType: "application/pdf", bytes: Self.png)
        #expect(stored.status == 201, "\(stored.text)")
        #expect(stored.json["content_type"] == "image/png" && stored.json["size"] == .int(Int64(Self.png.count)))
        let id = try #require(stored.json["id"]?.stringValue)
        let sha = try #require(stored.json["sha256"]?.stringValue)
        #expect(FileManager.default.fileExists(atPath: f.dataDirectory.appendingPathComponent("attachments/\(sha.prefix(2))/\(sha)").path))

        let back = try await registrar.get("/api/v1/attachments/\(id)")
        #expect(back.status == 200 && Array(back.body) == Self.png && back.header("content-type") == "image/png")
        let reviewer = APIClient(port: f.server.port)
        try await reviewer.login("county-reviewer", RegistryTests.password)
        #expect(try await reviewer.get("/api/v1/attachments/\(id)").status == 200)
        let other = APIClient(port: f.server.port)
        try await other.login("registrar2", RegistryTests.password)
        #expect(try await other.get("/api/v1/attachments/\(id)").status == 404)

        let html = try await registrar.upload("/api/v1/attachments", filename: "photo.jpg", contentType: "image/jpeg", bytes: Array("<html><script>alert(1)</script></html>".utf8))
        #expect(html.status == 422 && html.json["errors"]?.arrayValue?.first?["code"] == "unsupported_file_type")
        let empty = try await registrar.upload("/api/v1/attachments", filename: "empty.pdf", contentType: "application/pdf", bytes: [])
        #expect(empty.status == 422)
        let huge = try await registrar.upload("/api/v1/attachments", filename: "big.pdf", contentType: "application/pdf",
                                              bytes: Self.pdf + Array(repeating: 0x20, count: 11 << 20))
        #expect(huge.status == 413)
        #expect(try await registrar.request("POST", "/api/v1/attachments", json: ["file": "x"]).status == 422)
    }

    @Test func aProblemIsConfirmedWithAnUploadedProof() async throws {
        let f = try RegistryTests().demoFixture(.sqlite)
        let registrar = APIClient(port: f.server.port)
        try await registrar.login("registrar", RegistryTests.password)
        let made = try await registrar.post("/api/v1/pupils", RegistryTests.registration(id: RegistryTests.validID("41010220200315044")))
        let number = try #require(made.json["number"]?.stringValue)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString).csv")
        try "\(number),mismatch\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try ServerProcess.run(["identity", "import", file.path, "--db", f.database.url.rawValue]).status == 0)
        let problem = try #require(try await registrar.get("/api/v1/problems").json["items"]?.arrayValue?.first?["id"]?.stringValue)
        let unknown = try await registrar.post("/api/v1/problems/\(problem)/resolve", ["action": "confirm", "attachment": "Anothing"])
        #expect(unknown.json["errors"]?.arrayValue?.first?["code"] == "unknown_attachment")
        let proof = try #require(try await registrar.upload("/api/v1/attachments", filename: "户口本.pdf", contentType: "application/pdf", bytes: Self.pdf).json["id"]?.stringValue)
        #expect(try await registrar.post("/api/v1/problems/\(problem)/resolve", ["action": "confirm", "attachment": .string(proof)]).status == 200)
        #expect(try await registrar.get("/api/v1/problems?state=resolved").json["items"]?.arrayValue?.count == 1)
    }
}
