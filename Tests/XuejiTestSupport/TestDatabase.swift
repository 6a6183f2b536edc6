import Foundation
import XuejiStore

/// The engines every store test runs on. PostgreSQL joins when `make test` started a cluster
/// (scripts/with-postgres.sh sets XUEJI_TEST_POSTGRES_URL).
public enum Engine: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

    public static var postgresURL: String? { ProcessInfo.processInfo.environment["XUEJI_TEST_POSTGRES_URL"] }

    /// The engines available in this run. `make test` sets XUEJI_REQUIRE_POSTGRES, and then a
    /// missing cluster is a failure (see `EngineAvailabilityTests`), never a silent skip.
    public static var available: [Engine] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
}

/// A database made for one test and removed after it: a fresh SQLite file in a temporary
/// directory, or a fresh database in the test PostgreSQL cluster.
public final class TestDatabase: @unchecked Sendable {
    public let engine: Engine
    public let url: DatabaseURL
    public let database: any Database
    private let cleanup: @Sendable () -> Void

    /// Makes the database and, unless told otherwise, applies the shipped migrations.
    public init(_ engine: Engine, migrate: Bool = true) throws {
        self.engine = engine
        switch engine {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xueji-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            url = .sqlite(path: directory.appendingPathComponent("xueji.sqlite").path)
            cleanup = { try? FileManager.default.removeItem(at: directory) }
        case .postgres:
            guard let admin = Engine.postgresURL else { throw DatabaseError(.unavailable, "XUEJI_TEST_POSTGRES_URL is not set") }
            let name = "xt_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            try Self.onAdmin(admin) { try $0.executeScript("CREATE DATABASE \(name)") }
            url = .postgres(url: Self.replacingDatabase(in: admin, with: String(name)))
            cleanup = { try? Self.onAdmin(admin) { try $0.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") } }
        }
        database = try url.open()
        if migrate { try Migrator().migrate(database, now: 1_780_000_000_000) }
    }

    deinit {
        database.close()
        cleanup()
    }

    private static func onAdmin(_ url: String, _ body: (Connection) throws -> Void) throws {
        let admin = try PostgresDatabase(url: url, size: 1)
        defer { admin.close() }
        try admin.read(body)
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        guard let slash = url.range(of: "/", options: .backwards, range: url.range(of: "://")!.upperBound..<url.endIndex) else { return url + "/" + name }
        let rest = url[slash.upperBound...]
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        return String(url[..<slash.upperBound]) + name + query
    }
}
