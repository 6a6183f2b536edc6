import XuejiCore
import XuejiHTTP
import XuejiServices

/// Importing a class from Excel (issue 6 in the browser): upload, a progress bar while it runs, then
/// every bad row with its column and reason, and the error file to download.
enum ImportPages {
    static func form(_ request: Request, identity: SessionIdentity) -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let body: HTML = """
            <h1>\(t("导入新生", "Import new pupils"))</h1>
            <p>\(t("使用全国学籍导入模板（CSV 或 XLSX）。", "Use the national import template (CSV or XLSX).")) <a href="/api/v1/import-template">\(t("下载模板", "Download the template"))</a></p>
            <form method="post" action="/imports" enctype="multipart/form-data" class="login">
            <input type="hidden" name="csrf_token" value="\(identity.csrfToken)">
            <label for="file">\(t("文件", "File"))</label><input type="file" id="file" name="file" accept=".csv,.xlsx" required>
            <label><input type="checkbox" name="mode" value="validate" id="validate"> \(t("只检查，不写入", "Check only, write nothing"))</label>
            <p><button type="submit" id="upload">\(t("上传并导入", "Upload and import"))</button></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "导入新生", en: "Import new pupils"), viewer: PageLayout.viewer(identity), body: body)
    }

    static func start(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let field = request.formField
        guard Authenticator.constantTimeEqual(field("csrf_token") ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        guard let file = request.filePart("file") else {
            throw DomainError.validation([FieldError(field: "file", code: "required", message: LocalizedText(zh: "请选择文件。", en: "Choose a file."))])
        }
        let school = identity.actor.scope.description
        let id = try context.imports.start(file.data, school: school, mode: field("mode") == "validate" ? .validate : .commit, strict: false, by: identity.actor)
        return PageLayout.redirect("/imports/\(id)")
    }

    static func status(_ request: Request, id: String, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let job = try context.imports.get(id, by: identity.actor)
        var body: HTML
        switch job.state {
        case "running":
            body = """
                <h1>\(t("正在导入", "Importing"))</h1><p><progress id="progress" max="1000" value="\(Int(job.progress * 1000))"></progress> \(job.rows) \(t("行", "rows"))</p>
                """
        case "failed":
            body = "<h1>\(t("无法导入", "Cannot import"))</h1><p class=\"error\" role=\"alert\">\(job.failure.map { en ? $0.message.en : $0.message.zh } ?? "")</p>"
        default:
            let r = job.report ?? ImportReport()
            let errors: [HTML] = r.errors.prefix(500).map { e in
                "<tr><td>\(e.row)</td><td>\(e.column)</td><td>\(en ? e.message.en : e.message.zh)</td></tr>"
            }
            let outcome = r.committed ? t("已写入，批次 ", "Written as batch ") + (r.batch ?? "") : t("未写入", "Nothing written")
            body = """
                <h1>\(t("导入结果", "Import result"))</h1>
                <p id="summary">\(t("共", "Rows:")) \(r.rows) · \(t("通过", "accepted")) <strong id="accepted">\(r.accepted)</strong> · \(t("有错", "rejected")) <strong id="rejected">\(r.rejected)</strong> · \(outcome)</p>
                """
            if r.rejected > 0 {
                body = """
                    \(body)<p><a id="errors-csv" href="/api/v1/imports/\(id)/errors?format=csv">\(t("下载错误行（CSV）", "Download the bad rows (CSV)"))</a> ·
                    <a id="errors-xlsx" href="/api/v1/imports/\(id)/errors?format=xlsx">\(t("下载错误行（XLSX）", "Download the bad rows (XLSX)"))</a></p>
                    <table id="errors"><thead><tr><th>\(t("行", "Row"))</th><th>\(t("列", "Column"))</th><th>\(t("原因", "Reason"))</th></tr></thead><tbody>\(errors.joined())</tbody></table>
                    """
            }
        }
        var response = PageLayout.render(request, title: LocalizedText(zh: "导入", en: "Import"), viewer: PageLayout.viewer(identity), body: body)
        // While it runs the page reloads itself each second (no script needed).
        if job.state == "running" { response.headers.append(("Refresh", "1")) }
        return response
    }
}
