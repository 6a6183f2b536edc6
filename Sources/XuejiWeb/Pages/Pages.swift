import XuejiHTTP

/// The server-rendered pages. For now only the front page, which tells a visitor what is running
/// and where the API is; the registrar's pages come with the web application.
struct Pages {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("GET", "/") { request in
                .text(FrontPage.html(english: request.prefersEnglish), contentType: "text/html; charset=utf-8")
            },
        ]
    }
}

enum FrontPage {
    static func html(english: Bool) -> String {
        let (lang, title, lead, api, health) = english
            ? ("en", "Xueji — student-status registry", "The registry server is running.", "API description (OpenAPI)", "Health")
            : ("zh-Hans", "学籍 — 中小学生学籍管理系统", "学籍服务已启动。", "接口说明（OpenAPI）", "健康检查")
        return """
        <!doctype html>
        <html lang="\(lang)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title></head>
        <body><main><h1>\(title)</h1><p>\(lead)</p>
        <ul><li><a href="/api/v1/openapi.json">\(api)</a></li><li><a href="/healthz">\(health)</a></li></ul>
        </main></body></html>
        """
    }
}
