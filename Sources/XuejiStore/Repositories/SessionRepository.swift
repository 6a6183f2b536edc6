import XuejiCore

/// Stores login sessions by the hash of their token.
public struct SessionRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public func insert(tokenHash: String, userID: Int64, csrfToken: String, now: Int64) throws {
        try connection.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
                               .text(tokenHash), .integer(userID), .text(csrfToken), .integer(now), .integer(now))
    }

    /// The session's account and CSRF token, with when it was created and last used.
    public func find(tokenHash: String) throws -> (account: Account, csrfToken: String, createdAt: Int64, lastSeenAt: Int64)? {
        guard let row = try connection.queryOne("""
            SELECT u.id, u.username, u.role, u.scope, u.disabled, u.created_at, u.last_login_at,
                   s.csrf_token, s.created_at AS session_created_at, s.last_seen_at
            FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?
            """, .text(tokenHash)), let account = AccountRepository.account(row), let csrf = row.string("csrf_token") else { return nil }
        return (account, csrf, row.int64("session_created_at") ?? 0, row.int64("last_seen_at") ?? 0)
    }

    public func touch(tokenHash: String, now: Int64) throws {
        try connection.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", .integer(now), .text(tokenHash))
    }

    public func delete(tokenHash: String) throws {
        try connection.execute("DELETE FROM sessions WHERE token_hash = ?", .text(tokenHash))
    }
}
