import Foundation
import XuejiStore
import XuejiTestSupport

/// A migrated database with a system administrator, and `xueji serve` running on it.
/// Everything goes through the real command line, as an operator would do it.
final class Fixture: @unchecked Sendable {
    static let adminPassword = "e2e-admin-password"
    let database: TestDatabase
    let server: ServerProcess
    let client: APIClient
    let dataDirectory: URL

    init(_ engine: Engine, serveOptions: [String] = []) throws {
        database = try TestDatabase(engine)
        let db = database.url.rawValue
        let added = try ServerProcess.run(["user", "add", "--username", "admin", "--role", "system_admin", "--scope", "000000",
                                           "--password-stdin", "--db", db], input: Self.adminPassword + "\n")
        guard added.status == 0 else { throw ServerProcessError(message: "user add failed: \(added.stderr)") }
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("xueji-data-\(UUID().uuidString)")
        server = try ServerProcess.serve(database: db, extra: ["--data-dir", dataDirectory.path] + serveOptions)
        client = APIClient(port: server.port)
    }

    /// A second client logged in as the administrator.
    func adminClient() async throws -> APIClient {
        let c = APIClient(port: server.port)
        try await c.login("admin", Self.adminPassword)
        return c
    }

    deinit {
        server.signal(SIGTERM)
        server.wait(timeout: 10)
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}
