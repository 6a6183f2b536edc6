/// The fields of a new account as the client sent them; `AccountService.create` checks them all.
public struct AccountDraft: Sendable {
    public var username: String
    public var password: String
    public var role: String
    public var scope: String

    public init(username: String, password: String, role: String, scope: String) {
        self.username = username
        self.password = password
        self.role = role
        self.scope = scope
    }

    static func isValidUsername(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard (3...64).contains(bytes.count) else { return false }
        return bytes.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || $0 == 46 || $0 == 95 || $0 == 45 }
    }
}
