import XuejiCore
import XuejiStore

/// Logging in and out, and creating accounts down the tree (API.md "Session and accounts").
public struct AccountService: Sendable {
    let database: any Database
    let clock: Clock
    let policy: SessionPolicy
    let cache: SessionCache
    /// Verified when the username is unknown, so both answers take the same time.
    private static let decoyHash: String = (try? Crypto.hashPassword("decoy-\(Crypto.randomToken())")) ?? ""

    public init(database: any Database, clock: Clock, policy: SessionPolicy = SessionPolicy()) {
        self.database = database
        self.clock = clock
        self.policy = policy
        cache = SessionCache(ttlMilliseconds: policy.cacheMilliseconds)
    }

    static let closed = DomainError(.forbidden, code: "account_disabled",
                                    message: LocalizedText(zh: "账号已停用或因长期未使用被冻结，请联系上级管理员启用。",
                                                           en: "This account is disabled, or frozen after long disuse; ask an administrator above you to enable it."))

    public static let badLogin = DomainError(.unauthenticated, code: "invalid_credentials",
                                      message: LocalizedText(zh: "用户名或密码错误。", en: "Wrong username or password."))

    /// Checks the password and opens a session. Unknown user, wrong password and disabled account
    /// all give the same answer, so the reply never tells whether an account exists.
    public func login(username: String, password: String, address: String = "") throws -> LoginSession {
        let now = clock.now()
        try takeAttempt(username: username, address: address, now: now)
        let found = try database.read { try AccountRepository($0).credentials(username: username) }
        guard let (account, hash) = found else {
            _ = Crypto.verifyPassword(password, hash: Self.decoyHash)
            throw Self.badLogin
        }
        guard Crypto.verifyPassword(password, hash: hash) else { throw Self.badLogin }
        // Only someone who knows the password learns why the account is closed.
        if account.disabled { throw Self.closed }
        if now - (account.lastLoginAt ?? account.createdAt) > policy.freezeAfterMilliseconds {
            try database.write { try AccountRepository($0).setDisabled(id: account.id, state: 2, now: now) }
            throw Self.closed
        }
        let token = Crypto.randomToken(), csrf = Crypto.randomToken()
        try database.write { connection in
            try LoginAttemptRepository(connection).reset("user:" + username)
            if !address.isEmpty { try LoginAttemptRepository(connection).release("addr:" + address) }
            try SessionRepository(connection).insert(tokenHash: Crypto.blake2b(token), userID: account.id, csrfToken: csrf, now: now)
            try AccountRepository(connection).recordLogin(id: account.id, now: now)
        }
        return LoginSession(token: token, csrfToken: csrf, account: account)
    }

    /// Counts this attempt against the account name and the address before any password is checked,
    /// so a hundred parallel guesses cannot all slip in before the first failure is recorded. The
    /// answer is the same whether or not the account exists.
    private func takeAttempt(username: String, address: String, now: Int64) throws {
        let lockedUntil = try database.write { connection -> Int64? in
            let attempts = LoginAttemptRepository(connection)
            if let until = try attempts.take("user:" + username, max: policy.maxFailuresPerAccount, window: policy.lockoutMilliseconds, now: now) { return until }
            if !address.isEmpty, let until = try attempts.take("addr:" + address, max: policy.maxFailuresPerAddress, window: policy.lockoutMilliseconds, now: now) { return until }
            return nil
        }
        if let lockedUntil {
            let seconds = max(1, (lockedUntil - now + 999) / 1000)
            throw DomainError(.rateLimited, code: "too_many_attempts",
                              message: LocalizedText(zh: "登录失败次数过多，请\((seconds + 59) / 60)分钟后再试。", en: "Too many failed logins; try again in \((seconds + 59) / 60) minutes."),
                              extras: ["retry_after": String(seconds)])
        }
    }

    /// The identity behind a session token, or nil when unknown, expired or disabled.
    public func identity(sessionToken token: String) throws -> SessionIdentity? {
        let now = clock.now()
        if let cached = cache.get(token, now: now) { return cached }
        let hash = Crypto.blake2b(token)
        guard let found = try database.read({ try SessionRepository($0).find(tokenHash: hash) }) else { return nil }
        let expired = now - found.lastSeenAt > policy.idleTimeout || now - found.createdAt > policy.absoluteTimeout
        if expired || found.account.disabled {
            try database.write { try SessionRepository($0).delete(tokenHash: hash) }
            return nil
        }
        // Writing on every request would serialize reads behind the writer; a minute's precision is plenty.
        if now - found.lastSeenAt > 60_000 {
            try database.write { try SessionRepository($0).touch(tokenHash: hash, now: now) }
        }
        let identity = SessionIdentity(actor: found.account.actor, csrfToken: found.csrfToken)
        cache.put(token, identity, now: now)
        return identity
    }

    public func logout(sessionToken token: String) throws {
        cache.remove(token)
        try database.write { try SessionRepository($0).delete(tokenHash: Crypto.blake2b(token)) }
    }

    public func account(_ actor: Actor) throws -> Account {
        guard let account = try database.read({ try AccountRepository($0).get(id: actor.userID) }) else { throw DomainError.unauthenticated }
        return account
    }

    /// Creates an account. The system administrator may create any; a bureau administrator only
    /// inside its own subtree and never a role above its own (API.md "Roles and scopes").
    public func create(_ draft: AccountDraft, by actor: Actor?) throws -> Account {
        if let actor { try requireAdministrator(actor) }
        var errors: [FieldError] = []
        let username = draft.username.trimmedBlanks
        if !AccountDraft.isValidUsername(username) {
            errors.append(FieldError(field: "username", code: "invalid_username",
                                     message: LocalizedText(zh: "用户名为3–64位字母、数字、点、下划线或连字符。",
                                                            en: "A username is 3–64 letters, digits, dots, underscores or hyphens.")))
        }
        if draft.password.count < policy.minimumPasswordLength {
            errors.append(FieldError(field: "password", code: "password_too_short",
                                     message: LocalizedText(zh: "密码至少\(policy.minimumPasswordLength)位。", en: "A password has at least \(policy.minimumPasswordLength) characters.")))
        } else if CommonPasswords.shipped.contains(draft.password.lowercased()) || draft.password.lowercased() == username.lowercased() {
            errors.append(FieldError(field: "password", code: "password_too_common",
                                     message: LocalizedText(zh: "这个密码太常见，很容易被猜中，请换一个。", en: "This password is among the most common ones and easy to guess; choose another.")))
        }
        let role = Role(rawValue: draft.role)
        if role == nil {
            errors.append(FieldError(field: "role", code: "invalid_code", message: LocalizedText(zh: "未知角色。", en: "Unknown role.")))
        }
        let scope = Scope(draft.scope)
        if scope == nil {
            errors.append(FieldError(field: "scope", code: "invalid_scope",
                                     message: LocalizedText(zh: "范围须为6位行政区划代码或10位学校标识码。", en: "A scope is a 6-digit division code or a 10-digit school code.")))
        }
        if let role, let scope, errors.isEmpty {
            if let e = try checkScope(role: role, scope: scope) { errors.append(e) }
        }
        guard errors.isEmpty, let role, let scope else { throw DomainError.validation(errors) }
        if let actor { try authorize(actor, toGrant: role, in: scope) }
        let hash = try Crypto.hashPassword(draft.password)
        let duplicate = DomainError(.conflict, code: "username_taken", message: LocalizedText(zh: "用户名已被使用。", en: "That username is taken."))
        return try onUniqueViolation(duplicate) {
            try database.write { try AccountRepository($0).insert(username: username, passwordHash: hash, role: role, scope: scope, createdBy: actor?.userID, now: clock.now()) }
        }
    }

    /// The scope must fit the role and exist: a school role takes a registered school, a division role
    /// a known division, and the system administrator the nation.
    private func checkScope(role: Role, scope: Scope) throws -> FieldError? {
        switch (role, scope) {
        case (.systemAdmin, .division(let d)) where d == .nation: return nil
        case (.systemAdmin, _):
            return FieldError(field: "scope", code: "invalid_scope", message: LocalizedText(zh: "系统管理员的范围必须是000000。", en: "A system administrator's scope is 000000."))
        case (_, .school(let code)) where role.isSchoolRole:
            let exists = try database.read { try SchoolRepository($0).get(code) } != nil
            return exists ? nil : FieldError(field: "scope", code: "unknown_school", message: LocalizedText(zh: "学校不存在。", en: "No such school."))
        case (_, .division(let d)) where !role.isSchoolRole:
            if d == .nation { return nil }
            let exists = try database.read { try RegionRepository($0).get(d) } != nil
            return exists ? nil : FieldError(field: "scope", code: "unknown_region", message: LocalizedText(zh: "行政区划不存在。", en: "No such division."))
        default:
            return FieldError(field: "scope", code: "scope_role_mismatch",
                              message: LocalizedText(zh: "学校角色的范围是学校标识码，其他角色的范围是行政区划代码。", en: "School roles take a school code; other roles take a division code."))
        }
    }

    private func authorize(_ actor: Actor, toGrant role: Role, in scope: Scope) throws {
        switch actor.role {
        case .systemAdmin: return
        case .bureauAdmin:
            guard role != .systemAdmin, role.rank <= actor.role.rank else { throw DomainError.forbidden }
            guard try ScopeCheck(database: database).contains(actor.scope, scope) else { throw DomainError.forbidden }
        default:
            throw DomainError.forbidden
        }
    }

    /// Sets a new password (the operator's reset: `xueji user password`). The same rules as for a new
    /// account apply; the account's sessions end, and its lockout is lifted.
    public func resetPassword(username: String, password: String, by actor: Actor) throws {
        try requireAdministrator(actor)
        if password.count < policy.minimumPasswordLength || CommonPasswords.shipped.contains(password.lowercased()) || password.lowercased() == username.lowercased() {
            throw DomainError.validation([FieldError(field: "password", code: "password_too_weak",
                                                     message: LocalizedText(zh: "密码至少\(policy.minimumPasswordLength)位，且不能是常见密码或用户名。",
                                                                            en: "At least \(policy.minimumPasswordLength) characters, not a common password, not the username."))])
        }
        let hash = try Crypto.hashPassword(password)
        let now = clock.now()
        try database.write { connection in
            guard let account = try AccountRepository(connection).get(username: username),
                  try AccountRepository(connection).setPassword(username: username, hash: hash) else {
                throw DomainError.notFound(LocalizedText(zh: "该账号", en: "account"))
            }
            try connection.execute("DELETE FROM sessions WHERE user_id = ?", .integer(account.id))
            try LoginAttemptRepository(connection).reset("user:" + username)
            try AuditTrail().record(connection, actor: actor, action: "account.password_reset", subject: username, now: now)
        }
        cache.removeAll()
    }

    /// Only administrators manage accounts; others get 403 before any field is looked at.
    public func requireAdministrator(_ actor: Actor) throws {
        guard actor.role == .systemAdmin || actor.role == .bureauAdmin else { throw DomainError.forbidden }
    }

    /// Disables or re-enables an account: the system administrator any, a bureau administrator only
    /// accounts inside its subtree and never one of a higher role; nobody their own.
    public func setEnabled(_ username: String, enabled: Bool, by actor: Actor) throws -> Account {
        guard actor.role == .systemAdmin || actor.role == .bureauAdmin else { throw DomainError.forbidden }
        let target = try database.read { try AccountRepository($0).get(username: username) }
        let inside = try target.map { actor.role == .systemAdmin ? true : try ScopeCheck(database: database).contains(actor.scope, $0.scope) } ?? false
        guard let target, inside else {
            throw DomainError.notFound(LocalizedText(zh: "该账号", en: "account"))
        }
        guard target.id != actor.userID, target.role.rank <= actor.role.rank, actor.role == .systemAdmin || target.role != .systemAdmin else {
            throw DomainError.forbidden
        }
        let now = clock.now()
        try database.write { connection in
            try AccountRepository(connection).setDisabled(id: target.id, state: enabled ? 0 : 1, now: now)
            if !enabled { try connection.execute("DELETE FROM sessions WHERE user_id = ?", .integer(target.id)) }
            try AuditTrail().record(connection, actor: actor, action: enabled ? "account.enable" : "account.disable", subject: username, now: now)
        }
        cache.removeAll()
        guard let updated = try database.read({ try AccountRepository($0).get(username: username) }) else { throw DomainError.busy }
        return updated
    }

    /// Accounts inside the actor's subtree (administrators only).
    public func list(by actor: Actor, scope filter: String?, after: String?, limit: Int) throws -> Page<Account> {
        guard actor.role == .systemAdmin || actor.role == .bureauAdmin else { throw DomainError.forbidden }
        guard case .division(let own) = actor.scope else { throw DomainError.forbidden }
        var prefix = own.subtreePrefix
        if let filter {
            guard let wanted = DivisionCode(filter), filter.count == 6, own.contains(wanted) else { throw DomainError.notFound(LocalizedText(zh: "该范围", en: "scope")) }
            prefix = wanted.subtreePrefix
        }
        return try database.read { try AccountRepository($0).list(regionPrefix: prefix, after: after, limit: limit) }
    }
}
