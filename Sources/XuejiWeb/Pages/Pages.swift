import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices

/// The server-rendered pages (issue 7): login, the dashboard of today's tasks, the language switch
/// and the stylesheet. Forms post `application/x-www-form-urlencoded` with the session's CSRF token
/// in a hidden field; no inline script anywhere (the page policy forbids it).
struct Pages {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] { coreRoutes + recordRoutes + adminRoutes + attendanceRoutes + programmeRoutes + careRoutes }

    var coreRoutes: [Route] {
        [
            Route("GET", "/assets/app.css") { _ in Self.asset("app", "css", type: "text/css; charset=utf-8") },
            Route("GET", "/assets/app.js") { _ in Self.asset("app", "js", type: "text/javascript; charset=utf-8") },
            Route("GET", "/language") { request in
                let lang = request.query["to"] == "en" ? "en" : "zh"
                return PageLayout.redirect("/", headers: [("Set-Cookie", "xueji_lang=\(lang); Path=/; Max-Age=31536000; SameSite=Strict")])
            },
            Route("GET", "/login") { request in LoginPage.render(request, error: nil, next: LoginPage.next(request.query["next"])) },
            Route("POST", "/login") { [context] request in
                let form = request.form
                let username = form["username"] ?? "", password = form["password"] ?? ""
                let carried = FormResume.carried(form), next = LoginPage.next(form["next"])
                let keep = carried.map { FormResume.hidden(path: $0.path, fields: $0.values) } ?? ""
                guard !username.isEmpty, username.utf8.count <= 64, password.utf8.count <= 1024 else {
                    return LoginPage.render(request, error: AccountService.badLogin.message, status: 401, next: next, resume: keep)
                }
                do {
                    let session = try context.accounts.login(username: username, password: password, address: request.clientAddress)
                    let secure = context.sessionPolicy.secureCookies ? "; Secure" : ""
                    let cookie = ("Set-Cookie", "\(Authenticator.cookieName)=\(session.token); Path=/; HttpOnly; SameSite=Strict\(secure)")
                    if let carried, let identity = try context.accounts.identity(sessionToken: session.token) {
                        var page = try FormResume.render(carried, request: request, identity: identity, context: context)
                        page.headers.append(cookie)
                        return page
                    }
                    return PageLayout.redirect(next ?? "/", headers: [cookie])
                } catch let e as DomainError {
                    return LoginPage.render(request, error: e.message, status: e.kind == .rateLimited ? 429 : 401, next: next, resume: keep)
                }
            },
            Route("POST", "/logout") { [context] request in
                if let token = request.cookie(Authenticator.cookieName), let identity = try context.accounts.identity(sessionToken: token),
                   Authenticator.constantTimeEqual(request.form["csrf_token"] ?? "", identity.csrfToken) {
                    try context.accounts.logout(sessionToken: token)
                }
                return PageLayout.redirect("/login", headers: [("Set-Cookie", "\(Authenticator.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")])
            },
            Route("GET", "/pupils") { [context] request in
                try Self.signedIn(request, context) { identity in try PupilPages.list(request, identity: identity, context: context) }
            },
            Route("GET", "/pupils/new") { [context] request in
                try Self.signedIn(request, context) { RegistrationPage.form(request, identity: $0) }
            },
            Route("POST", "/pupils/new") { [context] request in
                try Self.signedIn(request, context) { try RegistrationPage.register(request, identity: $0, context: context) }
            },
            Route("GET", "/pupils/{number}") { [context] request in
                try Self.signedIn(request, context) { identity in
                    try PupilPages.detail(request, number: request.parameter("number"), identity: identity, context: context)
                }
            },
            Route("GET", "/changes") { [context] request in
                try Self.signedIn(request, context) { try ChangePages.inbox(request, identity: $0, context: context) }
            },
            Route("GET", "/changes/new-transfer") { [context] request in
                try Self.signedIn(request, context) { TransferPage.form(request, identity: $0, context: context) }
            },
            Route("POST", "/changes/new-transfer") { [context] request in
                try Self.signedIn(request, context) { try TransferPage.file(request, identity: $0, context: context) }
            },
            Route("GET", "/changes/{id}") { [context] request in
                try Self.signedIn(request, context) { try ChangePages.detail(request, id: request.parameter("id"), identity: $0, context: context) }
            },
            Route("POST", "/changes/{id}/{action}") { [context] request in
                try Self.signedIn(request, context) { identity in
                    let action = request.parameter("action")
                    guard ["approve", "reject", "cancel"].contains(action) else { throw DomainError.notFound(LocalizedText(zh: "该操作", en: "action")) }
                    return try ChangePages.decide(request, id: request.parameter("id"), action: action, identity: identity, context: context)
                }
            },
            Route("GET", "/exports/new") { [context] request in
                try Self.signedIn(request, context) { ExportPage.form(request, identity: $0) }
            },
            Route("GET", "/imports/new") { [context] request in
                try Self.signedIn(request, context) { ImportPages.form(request, identity: $0) }
            },
            Route("POST", "/imports") { [context] request in
                try Self.signedIn(request, context) { try ImportPages.start(request, identity: $0, context: context) }
            },
            Route("GET", "/imports/{id}") { [context] request in
                try Self.signedIn(request, context) { try ImportPages.status(request, id: request.parameter("id"), identity: $0, context: context) }
            },
            Route("GET", "/") { [context] request in
                guard let token = request.cookie(Authenticator.cookieName), token.utf8.count <= 128,
                      let identity = try context.accounts.identity(sessionToken: token) else { return PageLayout.redirect("/login") }
                return try DashboardPage.render(request, identity: identity, context: context)
            },
        ]
    }
}

extension Pages {
    /// A file of the binary's resources (no CDN, no build step), cached by the browser for an hour.
    static func asset(_ name: String, _ ext: String, type: String) -> Response {
        guard let url = Bundle.module.url(forResource: "Resources/assets/\(name)", withExtension: ext),
              let bytes = FileManager.default.contents(atPath: url.path) else { return .text("", status: 404) }
        return Response(status: 200, headers: [("Content-Type", type), ("Cache-Control", "public, max-age=3600")], body: [UInt8](bytes))
    }

    /// Runs a page for a logged-in user (else to the login page); refusals become pages too.
    /// Without a live session, a page asks for a login and comes back to itself; a form sent without
    /// one is answered with the login form carrying what was typed (`FormResume`).
    static func signedIn(_ request: Request, _ context: RouteContext, _ page: (SessionIdentity) throws -> Response) throws -> Response {
        guard let token = request.cookie(Authenticator.cookieName), token.utf8.count <= 128,
              let identity = try context.accounts.identity(sessionToken: token) else {
            if request.method == "POST" {
                return LoginPage.render(request, error: FormResume.expired, status: 401,
                                        resume: FormResume.hidden(path: request.path, fields: FormResume.fields(of: request)))
            }
            return PageLayout.redirect("/login?next=" + (request.path.addingPercentEncoding(withAllowedCharacters: LoginPage.pathCharacters) ?? "/"))
        }
        do { return try page(identity) } catch let e as DomainError {
            return PageLayout.problem(request, e, viewer: PageLayout.viewer(identity))
        }
    }
}

enum LoginPage {
    /// A page to return to after logging in: a path of this site, never another origin.
    static func next(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), path.utf8.count <= 200,
              path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return nil }
        return path
    }

    static let pathCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/-_."))

    static func render(_ request: Request, error: LocalizedText?, status: Int = 200, next: String? = nil, resume: HTML = "") -> Response {
        let en = PageLayout.english(request)
        let t = { (zh: String, e: String) in en ? e : zh }
        let message: HTML = error.map { "<p class=\"error\" role=\"alert\">\(en ? $0.en : $0.zh)</p>" } ?? ""
        let body: HTML = """
            <h1>\(t("登录", "Log in"))</h1>\(message)
            <form class="login" method="post" action="/login">\(next.map { HTML(trusted: "<input type=\"hidden\" name=\"next\" value=\"" + HTML.escape($0) + "\">") } ?? "")\(resume)
            <label for="username">\(t("用户名", "Username"))</label><input type="text" id="username" name="username" autocomplete="username" required>
            <label for="password">\(t("密码", "Password"))</label><input type="password" id="password" name="password" autocomplete="current-password" required>
            <p><button type="submit" id="login">\(t("登录", "Log in"))</button></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "登录", en: "Log in"), viewer: nil, body: body, status: status)
    }
}
