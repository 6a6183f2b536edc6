import XuejiCore
import XuejiHTTP

/// The frame of every page: language, title, the top bar (who is logged in, the language switch,
/// logging out) and the stylesheet. Chinese by default, whatever the browser's language; English
/// once the user picks it (the `xueji_lang` cookie set by the switch).
enum PageLayout {
    static func english(_ request: Request) -> Bool { request.cookie("xueji_lang") == "en" }

    struct Viewer { let username: String; let role: String; let scope: String; let csrf: String }

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
