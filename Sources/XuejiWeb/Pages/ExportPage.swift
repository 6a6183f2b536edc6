import XuejiCore
import XuejiHTTP
import XuejiServices

/// Exporting a pupil list: a form that asks the filters, the format and the reason, and sends them
/// to `GET /api/v1/exports/pupils`, which answers with the file (masked unless the school asks for
/// full numbers; audited). Opened from the pupil list, it carries that list's filters.
enum ExportPage {
    static func form(_ request: Request, identity: SessionIdentity) -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let school = identity.actor.role == .schoolRegistrar || identity.actor.role == .schoolApprover
        let full: HTML = school
            ? "<label><input type=\"checkbox\" id=\"full\" name=\"full\" value=\"1\"> \(t("包含完整证件号和电话（将记入审计日志）", "Include full ID and phone numbers (written to the audit log)"))</label>"
            : ""
        let grade = request.query["grade"] ?? "", q = request.query["q"] ?? ""
        let search: HTML = q.isEmpty ? "" : """
            <label for="q">\(t("姓名或学籍号（开头）", "Name or number (beginning)"))</label><input type="text" id="q" name="q" value="\(q)">
            """
        let body: HTML = """
            <h1>\(t("导出学生名单", "Export a pupil list"))</h1>
            <form method="get" action="/api/v1/exports/pupils" class="login" id="export">
            <label for="grade">\(t("年级（可空）", "Grade (optional)"))</label><input type="text" id="grade" name="grade" inputmode="numeric" value="\(grade)">\(search)
            <label for="format">\(t("格式", "Format"))</label><select id="format" name="format"><option value="xlsx">XLSX</option><option value="csv">CSV</option></select>
            <label for="reason">\(t("用途（必填，写入文件和审计日志）", "Reason (required; written in the file and the audit log)"))</label>
            <input type="text" id="reason" name="reason" required maxlength="200">\(full)
            <p><button type="submit" id="download">\(t("导出", "Export"))</button></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "导出学生名单", en: "Export a pupil list"), viewer: PageLayout.viewer(identity), body: body)
    }
}
