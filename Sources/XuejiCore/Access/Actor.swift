/// Who is asking: the account, its role and its scope. Every service call takes one, so that no
/// use case can run without knowing whose scope bounds it.
public struct Actor: Sendable, Hashable {
    public let userID: Int64
    public let username: String
    public let role: Role
    public let scope: Scope

    public init(userID: Int64, username: String, role: Role, scope: Scope) {
        self.userID = userID
        self.username = username
        self.role = role
        self.scope = scope
    }

    /// The command line acts as the operator of the machine, with the system administrator's rights.
    public static let commandLine = Actor(userID: 0, username: "cli", role: .systemAdmin, scope: .division(.nation))
}
