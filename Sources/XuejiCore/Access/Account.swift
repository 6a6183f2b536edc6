/// A login account (账号): one role, one scope (API.md "Roles and scopes").
public struct Account: Sendable, Hashable {
    public let id: Int64
    public let username: String
    public let role: Role
    public let scope: Scope
    public let disabled: Bool
    public let createdAt: Int64
    public let lastLoginAt: Int64?

    public init(id: Int64, username: String, role: Role, scope: Scope, disabled: Bool, createdAt: Int64, lastLoginAt: Int64?) {
        self.id = id
        self.username = username
        self.role = role
        self.scope = scope
        self.disabled = disabled
        self.createdAt = createdAt
        self.lastLoginAt = lastLoginAt
    }

    public var actor: Actor { Actor(userID: id, username: username, role: role, scope: scope) }
}
