import XuejiCore

/// A successful login: the secret session token (goes into the cookie only) and the CSRF token the
/// client must echo on unsafe requests.
public struct LoginSession: Sendable {
    public let token: String
    public let csrfToken: String
    public let account: Account
}

/// An authenticated request's identity, found from its session cookie.
public struct SessionIdentity: Sendable {
    public let actor: Actor
    public let csrfToken: String
}
