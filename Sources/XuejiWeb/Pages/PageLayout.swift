import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices

/// The frame of every page: language, title, the top bar (who is logged in, the language switch,
/// logging out) and the stylesheet. Chinese by default, whatever the browser's language; English
/// once the user picks it (the `xueji_lang` cookie set by the switch).
enum PageLayout {
    static func english(_ request: Request) -> Bool { request.cookie("xueji_lang") == "en" }

    struct Viewer { let username: String; let role: String; let scope: String; let csrf: String }

    /// A refusal shown in the page: the first field's message (what to change), else the error's own.
    static func alert(_ e: DomainError, english: Bool, id: String) -> HTML {
        let text = e.fieldErrors.first?.message ?? e.message
        return "<p class=\"error\" role=\"alert\" id=\"\(id)\">\(english ? text.en : text.zh)</p>"
    }

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

    /// An upload past the server's limit, sent from a page: a page in the user's language that says
    /// the limit and leads back to the form (the body was never read, so nothing was stored).
    static func tooLarge(_ request: Request, limit: Int) -> Response {
        let en = english(request), mb = limit / (1024 * 1024)
        let back = request.path == "/imports" ? "/imports/new" : (request.path.hasPrefix("/changes/new-transfer") ? "/changes/new-transfer" : "/")
        let body: HTML = """
            <h1>\(en ? "The file is too large" : "文件过大")</h1>
            <p class="error" role="alert" id="too-large">\(en ? "Uploads are limited to \(mb) MB. Nothing was saved; split or compress the file and send it again."
                                                              : "上传文件不能超过 \(mb) MB，本次未保存任何内容。请拆分或压缩后重新上传。")</p>
            <p><a href="\(back)">\(en ? "Back to the form" : "返回重新上传")</a></p>
            """
        return render(request, title: LocalizedText(zh: "文件过大", en: "File too large"), viewer: nil, body: body, status: 413)
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
            <title>\(t(title)) · \(t(LocalizedText(zh: "学籍", en: "Xueji")))</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/app.css"><script src="/assets/app.js" defer></script></head>
            <body><a class="skip" href="#main">\(en ? "Skip to the content" : "跳到正文")</a><header class="bar"><a class="brand" href="/">\(t(LocalizedText(zh: "学籍 · 中小学生学籍管理", en: "Xueji · student-status registry")))</a>
            \(viewer.map { navigation(for: $0, en: en) } ?? "")
            <a href="/language?to=\(switchTo)" id="language">\(en ? "中文" : "English")</a>\(user)</header>
            <main id="main" tabindex="-1">\(body)</main></body></html>
            """
        return Response.text(page.rendered, status: status, contentType: "text/html; charset=utf-8")
    }

    /// The top bar's links, each for the roles that can use the page behind it. The reports and
    /// checks that are used now and then (migrants, projections, 四查三比对, the statistics) are
    /// reached from the reports page, which keeps the bar short.
    static let links: [(href: String, id: String, label: LocalizedText, roles: Set<String>)] = {
        let readers: Set<String> = ["system_admin", "bureau_admin", "bureau_reviewer", "school_registrar", "school_approver"]
        return [
            ("/changes", "nav-inbox", LocalizedText(zh: "待办异动", en: "Inbox"), readers),
            ("/pupils", "nav-pupils", LocalizedText(zh: "学生", en: "Pupils"), readers),
            ("/problems", "nav-problems", LocalizedText(zh: "问题学籍", en: "Problems"), readers),
            ("/registrations", "nav-registrations", LocalizedText(zh: "新生核准", en: "Approve registrations"), ["system_admin", "bureau_reviewer"]),
            ("/pupils/new", "nav-register", LocalizedText(zh: "新生建籍", en: "Register"), ["school_registrar"]),
            ("/changes/new-transfer", "nav-transfer", LocalizedText(zh: "办理转入", en: "Transfer in"), ["school_registrar"]),
            ("/attendance", "nav-attendance", LocalizedText(zh: "考勤", en: "Attendance"), ["school_registrar"]),
            ("/alerts", "nav-alerts", LocalizedText(zh: "控辍预警", en: "Alerts"), readers),
            ("/reports", "nav-reports", LocalizedText(zh: "统计报表", en: "Reports"), readers.union(["analyst"])),
            ("/aid", "nav-aid", LocalizedText(zh: "资助", en: "Aid"), readers),
            ("/imports/new", "nav-import", LocalizedText(zh: "导入", en: "Import"), ["school_registrar", "system_admin"]),
            ("/exports/new", "nav-export", LocalizedText(zh: "导出", en: "Export"), readers),
            ("/year-cycle", "nav-year-cycle", LocalizedText(zh: "升级与毕业", en: "Promotion"), ["system_admin", "bureau_admin", "bureau_reviewer", "school_registrar"]),
            ("/admin/schools/{scope}", "nav-classes", LocalizedText(zh: "班级", en: "Classes"), ["school_registrar"]),
            ("/admin/schools", "nav-admin", LocalizedText(zh: "管理", en: "Administration"), ["system_admin", "bureau_admin"]),
        ]
    }()

    static func navigation(for viewer: Viewer, en: Bool) -> HTML {
        let items: [HTML] = links.filter { $0.roles.contains(viewer.role) }.map { link in
            "<a href=\"\(link.href.replacingOccurrences(of: "{scope}", with: viewer.scope))\" id=\"\(link.id)\">\(en ? link.label.en : link.label.zh)</a>"
        }
        return "<nav aria-label=\"\(en ? "Main" : "主菜单")\">\(items.joined())</nav>"
    }

    /// A value for a link's query string (percent-encoded; the page escapes it again as HTML).
    static func query(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? ""
    }

    /// A 303 to another page, with extra headers (cookies).
    static func redirect(_ location: String, headers: [(String, String)] = []) -> Response {
        Response(status: 303, headers: [("Location", location)] + headers)
    }
}
