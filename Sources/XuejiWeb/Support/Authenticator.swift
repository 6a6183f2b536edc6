import XuejiCore
import XuejiHTTP
import XuejiServices

/// Finds who is asking from the session cookie and enforces the CSRF token on unsafe methods
/// (API.md "Auth"). Handlers that need an actor get one from here or the request ends with 401/403.
struct Authenticator: Sendable {
    static let cookieName = "xueji_session"
    let accounts: AccountService
    let tokens: TokenService

    static let csrfMissing = DomainError(.forbidden, code: "csrf_token_invalid",
                                         message: LocalizedText(zh: "缺少或错误的 X-CSRF-Token，请刷新页面后重试。", en: "Missing or wrong X-CSRF-Token; reload the page and try again."))

    func actor(for request: Request) throws -> Actor {
        // A bearer token needs no CSRF token: a browser never attaches it on its own.
        if let authorization = request.header("authorization") {
            guard authorization.hasPrefix("Bearer "), let actor = try tokens.actor(bearer: String(authorization.dropFirst(7)).trimmedBlanks) else {
                throw DomainError.unauthenticated
            }
            return actor
        }
        guard let token = request.cookie(Self.cookieName), !token.isEmpty, token.utf8.count <= 128,
              let identity = try accounts.identity(sessionToken: token) else { throw DomainError.unauthenticated }
        if !["GET", "HEAD", "OPTIONS"].contains(request.method) {
            guard let sent = request.header("x-csrf-token"), Self.constantTimeEqual(sent, identity.csrfToken) else { throw Self.csrfMissing }
        }
        return identity.actor
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
