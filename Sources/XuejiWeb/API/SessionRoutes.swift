import XuejiCore
import XuejiHTTP
import XuejiServices

/// Logging in and out (API.md "Session and accounts").
struct SessionRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/session") { [context] request in
                var body = try BodyReader(request)
                let username = body.string("username"), password = body.string("password")
                try body.finish()
                // Over-long input is refused before any hashing work is spent on it.
                guard let username, let password, username.utf8.count <= 64, password.utf8.count <= 1024 else { throw AccountService.badLogin }
                let session = try context.accounts.login(username: username, password: password, address: request.clientAddress)
                var response = Response.json(["user": AccountJSON.user(session.account), "csrf_token": .string(session.csrfToken)])
                let secure = context.sessionPolicy.secureCookies ? "; Secure" : ""
                response.headers.append(("Set-Cookie", "\(Authenticator.cookieName)=\(session.token); Path=/; HttpOnly; SameSite=Strict\(secure)"))
                return response
            },
            Route("DELETE", "/api/v1/session") { [context] request in
                _ = try context.authenticator.actor(for: request)
                if let token = request.cookie(Authenticator.cookieName) { try context.accounts.logout(sessionToken: token) }
                var response = Response.noContent()
                response.headers.append(("Set-Cookie", "\(Authenticator.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"))
                return response
            },
            Route("GET", "/api/v1/me", handler: context.authenticated { [context] _, actor in
                .json(AccountJSON.user(try context.accounts.account(actor)))
            }),
        ]
    }
}

enum AccountJSON {
    static func user(_ account: Account) -> JSON {
        ["username": .string(account.username), "role": .string(account.role.rawValue), "scope": .string(account.scope.description),
         "disabled": .bool(account.disabled)]
    }
}
