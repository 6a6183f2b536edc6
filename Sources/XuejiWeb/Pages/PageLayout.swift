import XuejiCore
import XuejiHTTP
import XuejiServices

/// The frame of every page: language, title, the top bar (who is logged in, the language switch,
/// logging out) and the stylesheet. Chinese by default, whatever the browser's language; English
/// once the user picks it (the `xueji_lang` cookie set by the switch).
enum PageLayout {
    static func english(_ request: Request) -> Bool { request.cookie("xueji_lang") == "en" }

    struct Viewer { let username: String; let role: String; let scope: String; let csrf: String }

    static func viewer(_ identity: SessionIdentity) -> Viewer {
        Viewer(username: identity.actor.username, role: identity.actor.role.rawValue, scope: identity.actor.scope.description, csrf: identity.csrfToken)
    }

    /// A refusal as a page: the problem's message in the page's language, with its status.
    static func problem(_ request: Request, _ error: DomainError, viewer: Viewer?) -> Response {
        let en = english(request)
        let status: Int
        switch error.kind {
        case .notFound: status = 404
        case .forbidden: status = 403
        case .unauthenticated: status = 401
        case .conflict: status = 409
        case .rateLimited: status = 429
        default: status = 422
        }
        let fields: [HTML] = error.fieldErrors.map { "<li><strong>\($0.field)</strong>: \(en ? $0.message.en : $0.message.zh)</li>" }
        let body: HTML = """
            <h1>\(en ? "Not possible" : "无法完成")</h1><p class="error" role="alert">\(en ? error.message.en : error.message.zh)</p>
            \(fields.isEmpty ? "" : HTML(trusted: "<ul id=\"field-errors\">" + fields.joined().rendered + "</ul>"))
            <p><a href="/">\(en ? "Back to today's tasks" : "返回今日待办")</a></p>
            """
        return render(request, title: LocalizedText(zh: "无法完成", en: "Not possible"), viewer: viewer, body: body, status: status)
    }

    static func render(_ request: Request, title: LocalizedText, viewer: Viewer?, body: HTML, status: Int = 200) -> Response {
        let en = english(request)
        let t = { (text: LocalizedText) in en ? text.en : text.zh }
        let switchTo = en ? "zh" : "en"
        let user: HTML = viewer.map { v in
            """
            <span class="who">\(v.username) · \(v.role) · \(v.scope)</span>
            <form method="post" action="/logout"><input type="hidden" name="csrf_token" value="\(v.csrf)"><button class="link" type="submit">\(t(LocalizedText(zh: "退出", en: "Log out")))</button></form>
            """
        } ?? ""
        let page: HTML = """
            <!doctype html>
            <html lang="\(en ? "en" : "zh-Hans")"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(t(title)) · \(t(LocalizedText(zh: "学籍", en: "Xueji")))</title><link rel="stylesheet" href="/assets/app.css"></head>
            <body><header class="bar"><a class="brand" href="/">\(t(LocalizedText(zh: "学籍 · 中小学生学籍管理", en: "Xueji · student-status registry")))</a>
            \(viewer == nil ? "" : HTML(trusted: "<a href=\"/changes\" id=\"nav-inbox\">" + HTML.escape(t(LocalizedText(zh: "待办异动", en: "Inbox"))) + "</a> <a href=\"/pupils\" id=\"nav-pupils\">" + HTML.escape(t(LocalizedText(zh: "学生", en: "Pupils"))) + "</a> <a href=\"/imports/new\" id=\"nav-import\">" + HTML.escape(t(LocalizedText(zh: "导入", en: "Import"))) + "</a>"
                + " <a href=\"/exports/new\" id=\"nav-export\">" + HTML.escape(t(LocalizedText(zh: "导出", en: "Export"))) + "</a>"
                + (viewer?.role == "school_registrar" ? " <a href=\"/pupils/new\" id=\"nav-register\">" + HTML.escape(t(LocalizedText(zh: "新生建籍", en: "Register"))) + "</a>"
                    + " <a href=\"/changes/new-transfer\" id=\"nav-transfer\">" + HTML.escape(t(LocalizedText(zh: "办理转入", en: "Transfer in"))) + "</a>" : "")))
            <a href="/language?to=\(switchTo)" id="language">\(en ? "中文" : "English")</a>\(user)</header>
            <main>\(body)</main></body></html>
            """
        return Response.text(page.rendered, status: status, contentType: "text/html; charset=utf-8")
    }

    /// A 303 to another page, with extra headers (cookies).
    static func redirect(_ location: String, headers: [(String, String)] = []) -> Response {
        Response(status: 303, headers: [("Location", location)] + headers)
    }
}
