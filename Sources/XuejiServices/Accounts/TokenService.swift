import XuejiCore
import XuejiStore

/// API tokens (`Authorization: Bearer …`) for programs: created by a logged-in account for itself,
/// stored only as a BLAKE2b hash, listed without their secrets, revocable at once.
public struct TokenService: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    /// Creates a token and returns it with its secret, which is never shown again.
    public func create(name: String, by actor: Actor) throws -> (APIToken, String) {
        let trimmed = name.trimmedBlanks
        guard !trimmed.isEmpty, trimmed.count <= 100, !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DomainError.validation([FieldError(field: "name", code: "invalid_name",
                                                     message: LocalizedText(zh: "请为令牌起一个1–100字的名称。", en: "Give the token a name of 1–100 characters."))])
        }
        let secret = "xjt_" + Crypto.randomToken()
        let publicID = "T" + Crypto.randomToken(bytes: 9)
        let now = clock.now()
        try database.write { connection in
            try TokenRepository(connection).insert(publicID: publicID, userID: actor.userID, name: trimmed, tokenHash: Crypto.blake2b(secret), now: now)
            try audit.record(connection, actor: actor, action: "token.create", subject: publicID, now: now)
        }
        return (APIToken(id: publicID, name: trimmed, createdAt: now, revoked: false), secret)
    }

    public func list(by actor: Actor) throws -> [APIToken] {
        try database.read { try TokenRepository($0).list(userID: actor.userID) }
    }

    /// Revokes one of the actor's own tokens; returns its hash so the caller can drop cached copies.
    public func revoke(_ id: String, by actor: Actor) throws {
        let now = clock.now()
        try database.write { connection in
            guard try TokenRepository(connection).revoke(publicID: id, userID: actor.userID, now: now) != nil else {
                throw DomainError.notFound(LocalizedText(zh: "该令牌", en: "token"))
            }
            try audit.record(connection, actor: actor, action: "token.revoke", subject: id, now: now)
        }
    }

    /// The actor behind a bearer token, or nil when it is unknown, revoked or its account disabled.
    /// Checked against the database every time: revocation takes effect at once.
    public func actor(bearer token: String) throws -> Actor? {
        guard token.hasPrefix("xjt_"), token.utf8.count <= 100 else { return nil }
        guard let account = try database.read({ try TokenRepository($0).account(tokenHash: Crypto.blake2b(token)) }), !account.disabled else { return nil }
        return account.actor
    }
}
