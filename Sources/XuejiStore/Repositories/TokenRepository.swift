import XuejiCore

/// An API token's public description (never the secret).
public struct APIToken: Sendable {
    public let id: String
    public let name: String
    public let createdAt: Int64
    public let revoked: Bool

    public init(id: String, name: String, createdAt: Int64, revoked: Bool) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.revoked = revoked
    }
}

/// Stores API tokens by the hash of their secret.
public struct TokenRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public func insert(publicID: String, userID: Int64, name: String, tokenHash: String, now: Int64) throws {
        try connection.execute("INSERT INTO api_tokens (public_id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                               .text(publicID), .integer(userID), .text(name), .text(tokenHash), .integer(now))
    }

    /// The account behind a live (not revoked) token.
    public func account(tokenHash: String) throws -> Account? {
        try connection.queryOne("""
            SELECT u.id, u.username, u.role, u.scope, u.disabled, u.created_at, u.last_login_at
            FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL
            """, .text(tokenHash)).flatMap(AccountRepository.account)
    }

    public func list(userID: Int64) throws -> [APIToken] {
        try connection.query("SELECT public_id, name, created_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY created_at, public_id",
                             .integer(userID)).map {
            APIToken(id: $0.string("public_id") ?? "", name: $0.string("name") ?? "", createdAt: $0.int64("created_at") ?? 0, revoked: !$0["revoked_at"].isNull)
        }
    }

    /// Revokes one of the user's tokens; the hash of the revoked token is returned so caches drop it.
    public func revoke(publicID: String, userID: Int64, now: Int64) throws -> String? {
        try connection.queryOne("UPDATE api_tokens SET revoked_at = ? WHERE public_id = ? AND user_id = ? AND revoked_at IS NULL RETURNING token_hash",
                                .integer(now), .text(publicID), .integer(userID))?.string("token_hash")
    }
}
