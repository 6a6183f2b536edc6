import XuejiCore
import XuejiHTTP
import XuejiServices

/// Accounts down the tree (issue 4): an administrator lists, creates, disables and re-enables the
/// accounts of its subtree, never granting a role above its own (the service refuses, the page
/// shows why). Frozen accounts (unused for 90 days) are re-enabled here too.
enum AccountAdminPages {
    static let roles: [(String, LocalizedText)] = [
        ("school_registrar", LocalizedText(zh: "学校学籍管理员", en: "School registrar")),
        ("school_approver", LocalizedText(zh: "学校审核人（校长）", en: "School approver (principal)")),
        ("bureau_reviewer", LocalizedText(zh: "教育局审核人", en: "Bureau reviewer")),
        ("bureau_admin", LocalizedText(zh: "教育局管理员", en: "Bureau administrator")),
        ("analyst", LocalizedText(zh: "统计分析人员", en: "Analyst")),
        ("system_admin", LocalizedText(zh: "系统管理员", en: "System administrator")),
    ]

    /// The links between the administration pages.
    static func subnav(_ kit: FormKit, _ identity: SessionIdentity) -> HTML {
        guard identity.actor.role == .systemAdmin || identity.actor.role == .bureauAdmin else { return "" }
        return "<p class=\"actions\"><a href=\"/admin/schools\" id=\"admin-schools\">\(kit.t("学校", "Schools"))</a> <a href=\"/admin/accounts\" id=\"admin-accounts\">\(kit.t("账号", "Accounts"))</a></p>"
    }

    static func list(_ request: Request, identity: SessionIdentity, context: RouteContext, values: [String: String] = [:], error: DomainError? = nil, status: Int = 200) throws -> Response {
        try context.accounts.requireAdministrator(identity.actor)
        let kit = FormKit(request, values: values, error: error)
        let page = try Pagination(request)
        let accounts = try context.accounts.list(by: identity.actor, scope: nil, after: page.after, limit: 100)
        let csrf = FormKit.csrf(identity.csrfToken)
        let roleName = { (role: String) in roles.first { $0.0 == role }.map { kit.en ? $0.1.en : $0.1.zh } ?? role }
        let rows: [HTML] = accounts.items.map { a in
            let action = a.disabled ? "enable" : "disable"
            let label = a.disabled ? kit.t("启用", "Enable") : kit.t("停用", "Disable")
            let last = a.lastLoginAt.map { CivilDate(daysSinceEpoch: Int(($0 + 8 * 3_600_000) / 86_400_000)).description } ?? "—"
            return """
                <tr id="account-\(a.username)"><td>\(a.username)</td><td>\(roleName(a.role.rawValue))</td><td>\(a.scope.description)</td><td>\(last)</td>
                <td>\(a.disabled ? kit.t("已停用", "disabled") : kit.t("正常", "active"))</td>
                <td>\(a.username == identity.actor.username ? "" : HTML(trusted: "<form method=\"post\" action=\"/admin/accounts/" + HTML.escape(a.username) + "/" + action + "\">" + csrf.rendered + "<button type=\"submit\" class=\"link\">" + HTML.escape(label) + "</button></form>"))</td></tr>
                """
        }
        let options: [HTML] = roles.map { r in "<option value=\"\(r.0)\"\(values["role"] == r.0 ? HTML(trusted: " selected") : "")>\(kit.en ? r.1.en : r.1.zh)</option>" }
        let next: HTML = accounts.nextKey.map { "<p><a id=\"next\" href=\"/admin/accounts?cursor=\(Pagination.encode(key: $0))\">\(kit.t("下一页", "Next page")) →</a></p>" } ?? ""
        let body: HTML = """
            <h1>\(kit.t("账号管理", "Accounts"))</h1>\(subnav(kit, identity))\(kit.top)
            <table id="accounts"><thead><tr><th>\(kit.t("用户名", "Username"))</th><th>\(kit.t("角色", "Role"))</th><th>\(kit.t("范围", "Scope"))</th>
            <th>\(kit.t("最近登录", "Last login"))</th><th>\(kit.t("状态", "State"))</th><th></th></tr></thead><tbody>\(rows.joined())</tbody></table>\(next)
            <h2>\(kit.t("新建账号", "Create an account"))</h2>
            <form method="post" action="/admin/accounts" class="login">\(csrf)
            \(kit.text("username", "用户名", "Username", extra: "autocomplete=\"off\""))
            <label for="password">\(kit.t("初始密码（至少12位）", "Initial password (at least 12 characters)"))</label><input type="password" id="password" name="password" autocomplete="new-password">\(kit.errorText("password"))
            <label for="role">\(kit.t("角色", "Role"))</label><select id="role" name="role">\(options.joined())</select>\(kit.errorText("role"))
            \(kit.text("scope", "范围（行政区划代码或学校标识码）", "Scope (division code or school code)"))
            <p><button type="submit" id="create-account">\(kit.t("创建", "Create"))</button></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "账号管理", en: "Accounts"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func create(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        var form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        try context.accounts.requireAdministrator(identity.actor)
        let draft = AccountDraft(username: form["username"] ?? "", password: form["password"] ?? "", role: form["role"] ?? "", scope: form["scope"] ?? "")
        form["password"] = nil   // never echoed back into the page
        do {
            _ = try context.accounts.create(draft, by: identity.actor)
            return PageLayout.redirect("/admin/accounts")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict || e.kind == .forbidden {
            return try list(request, identity: identity, context: context, values: form, error: e, status: e.kind == .invalid ? 422 : (e.kind == .conflict ? 409 : 403))
        }
    }

    static func setEnabled(_ request: Request, username: String, action: String, identity: SessionIdentity, context: RouteContext) throws -> Response {
        guard Authenticator.constantTimeEqual(request.form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        guard action == "enable" || action == "disable" else { throw DomainError.notFound(LocalizedText(zh: "该操作", en: "action")) }
        _ = try context.accounts.setEnabled(username, enabled: action == "enable", by: identity.actor)
        return PageLayout.redirect("/admin/accounts")
    }
}
