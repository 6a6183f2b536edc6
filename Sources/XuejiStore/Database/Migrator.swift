import Foundation

/// Applies the shipped migrations in order and tells whether a database is up to date.
///
/// `xueji migrate` applies; `xueji serve` only checks, so a server never changes a schema behind an
/// operator's back. Applying twice is a no-op; two migrators at once are serialized by a lock.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init() throws {
        migrations = try Self.shipped()
    }

    /// The migrations shipped in this build, in version order.
    static func shipped() throws -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw DatabaseError(.other, "the Migrations resource directory is missing from this build")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }.sorted()
        var list: [Migration] = []
        for file in files {
            guard let version = Int(file.prefix(4)) else { continue }
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            list.append(.sql(version: version, name: String(file.dropFirst(5).dropLast(4)), text: text))
        }
        list.append(RegionLoader.migration)
        list.append(WorkingCalendarLoader.migration)
        return list.sorted { $0.version < $1.version }
    }

    /// Applies every pending migration and returns the ones applied.
    @discardableResult
    public func migrate(_ database: any Database, now: Int64) throws -> [Migration] {
        var applied: [Migration] = []
        for migration in migrations {
            let didApply = try database.write { connection -> Bool in
                try lock(connection)
                let done = try appliedVersions(connection)
                if let checksum = done[migration.version] {
                    guard checksum == migration.checksum else { throw drift(migration) }
                    return false
                }
                try migration.apply(connection)
                try connection.execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                                       [.integer(Int64(migration.version)), .text(migration.name), .text(migration.checksum), .integer(now)])
                return true
            }
            if didApply { applied.append(migration) }
        }
        return applied
    }

    /// Throws `.schemaOutdated` when a migration is pending or a shipped one has changed.
    public func check(_ database: any Database) throws {
        let done = try database.read { connection -> [Int: String] in
            let exists = try tableExists(connection)
            return exists ? try appliedVersions(connection) : [:]
        }
        for migration in migrations {
            guard let checksum = done[migration.version] else {
                throw DatabaseError(.schemaOutdated, "the database schema is not up to date (migration \(migration.version) \(migration.name) is pending); run `xueji migrate`")
            }
            if checksum != migration.checksum { throw drift(migration) }
        }
        if let newest = done.keys.max(), newest > (migrations.last?.version ?? 0) {
            throw DatabaseError(.schemaOutdated, "the database has migration \(newest), newer than this build knows; upgrade Xueji")
        }
    }

    private func drift(_ m: Migration) -> DatabaseError {
        DatabaseError(.schemaOutdated, "migration \(m.version) \(m.name) differs from the one applied to this database")
    }

    /// Creates the bookkeeping table if needed and serializes concurrent migrators. SQLite's
    /// `BEGIN IMMEDIATE` already does; PostgreSQL needs an advisory lock held until commit.
    private func lock(_ connection: Connection) throws {
        if connection.dialect == .postgres {
            try connection.executeScript("SELECT pg_advisory_xact_lock(4735710)")
        }
        try connection.executeScript("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)
            """)
    }

    private func tableExists(_ connection: Connection) throws -> Bool {
        let sql = connection.dialect == .sqlite
            ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            : "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
        return try !connection.query(sql, []).isEmpty
    }

    private func appliedVersions(_ connection: Connection) throws -> [Int: String] {
        var done: [Int: String] = [:]
        for row in try connection.query("SELECT version, checksum FROM schema_migrations", []) {
            if let v = row.int("version") { done[v] = row.string("checksum") ?? "" }
        }
        return done
    }
}
