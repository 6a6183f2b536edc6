import XuejiCore

/// Stores accounts (users) and their password hashes. The hash never leaves this type except for
/// verification in the account service.
public struct AccountRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    private static let columns = "id, username, role, scope, disabled, created_at, last_login_at"

    /// Inserts an account; a taken username surfaces as `DatabaseError.uniqueViolation`.
    public func insert(username: String, passwordHash: String, role: Role, scope: Scope, createdBy: Int64?, now: Int64) throws -> Account {
        guard let row = try connection.queryOne("""
            INSERT INTO users (username, password_hash, role, scope, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)
            RETURNING \(Self.columns)
            """, [.text(username), .text(passwordHash), .text(role.rawValue), .text(scope.description), .integer(now), SQLValue(createdBy)]),
            let account = Self.account(row) else { throw DatabaseError(.other, "INSERT … RETURNING gave no row") }
        return account
    }

    /// The account and its password hash, for logging in.
    public func credentials(username: String) throws -> (Account, String)? {
        guard let row = try connection.queryOne("SELECT \(Self.columns), password_hash FROM users WHERE username = ?", .text(username)),
              let account = Self.account(row), let hash = row.string("password_hash") else { return nil }
        return (account, hash)
    }

    public func get(id: Int64) throws -> Account? {
        try connection.queryOne("SELECT \(Self.columns) FROM users WHERE id = ?", .integer(id)).flatMap(Self.account)
    }

    /// Sets the account's state: 0 active, 1 disabled by an administrator, 2 frozen for disuse.
    /// Enabling also restarts the disuse clock, so a re-enabled account is not frozen again at once.
    public func setDisabled(id: Int64, state: Int, now: Int64) throws {
        if state == 0 {
            try connection.execute("UPDATE users SET disabled = 0, last_login_at = ? WHERE id = ?", .integer(now), .integer(id))
        } else {
            try connection.execute("UPDATE users SET disabled = ? WHERE id = ?", .integer(Int64(state)), .integer(id))
        }
    }

    public func get(username: String) throws -> Account? {
        try connection.queryOne("SELECT \(Self.columns) FROM users WHERE username = ?", .text(username)).flatMap(Self.account)
    }

    public func recordLogin(id: Int64, now: Int64) throws {
        try connection.execute("UPDATE users SET last_login_at = ? WHERE id = ?", .integer(now), .integer(id))
    }

    public func setPassword(username: String, hash: String) throws -> Bool {
        try connection.execute("UPDATE users SET password_hash = ? WHERE username = ?", .text(hash), .text(username)) == 1
    }

    /// Accounts inside a division subtree (`regionPrefix`, empty for all): division accounts whose
    /// scope starts with it, and school accounts of schools whose county does. By username.
    public func list(regionPrefix: String, after: String?, limit: Int) throws -> Page<Account> {
        let scopes = PrefixRange(column: "scope", prefix: regionPrefix), regions = PrefixRange(column: "region", prefix: regionPrefix)
        var sql = """
            SELECT \(Self.columns) FROM users
            WHERE ((length(scope) = 6 AND \(scopes.sql)) OR scope IN (SELECT code FROM schools WHERE \(regions.sql)))
            """
        var parameters: [SQLValue] = scopes.parameters + regions.parameters
        if regionPrefix.isEmpty { sql = "SELECT \(Self.columns) FROM users WHERE 1 = 1"; parameters = [] }
        if let after { sql += " AND username > ?"; parameters.append(.text(after)) }
        sql += " ORDER BY username LIMIT ?"
        parameters.append(.integer(Int64(limit + 1)))
        return Page.from(try connection.query(sql, parameters).compactMap(Self.account), limit: limit, key: \.username, map: { $0 })
    }

    static func account(_ row: Row) -> Account? {
        guard let id = row.int64("id"), let username = row.string("username"),
              let role = row.string("role").flatMap(Role.init(rawValue:)),
              let scope = row.string("scope").flatMap(Scope.init) else { return nil }
        return Account(id: id, username: username, role: role, scope: scope, disabled: row.bool("disabled"),
                       createdAt: row.int64("created_at") ?? 0, lastLoginAt: row.int64("last_login_at"))
    }
}
