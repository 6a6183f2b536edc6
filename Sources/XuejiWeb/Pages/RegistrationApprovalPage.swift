import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// The county bureau's approval (核准) of new registrations in batches (DOMAIN.md §4): the pending
/// registrations of its scope, late ones marked, each with a box; one press approves the ticked ones.
enum RegistrationApprovalPage {
    static func list(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        var filter = PupilFilter()
        filter.approval = "pending"
        let page = try Pagination(request)
        let result = try context.pupils.list(filter, by: identity.actor, after: page.after, limit: 100)
        let rows: [HTML] = result.items.map { v in
            let p = v.pupil, r = p.record
            let late: HTML = p.registeredLate ? HTML(trusted: " <strong class=\"error\">" + HTML.escape(t("逾期建籍", "late")) + "</strong>") : ""
            return """
                <tr><td><input type="checkbox" name="n_\(p.number.rawValue)" value="1" id="n_\(p.number.rawValue)" aria-label="\(r.name)" checked></td>
                <td><a href="/pupils/\(p.number.rawValue)">\(p.number.rawValue)</a></td><td>\(r.name)</td><td>\(p.schoolName)</td><td>\(r.grade)</td>
                <td>\(r.entryDate.description)\(late)</td></tr>
                """
        }
        let q = request.query
        let outcome: HTML = q["approved"].map { approved in
            "<p class=\"ok\" role=\"status\" id=\"outcome\">\(t("已核准", "Approved")) \(approved)\(q["refused"].map { " · " + t("未核准", "refused") + " " + $0 } ?? "")</p>"
        } ?? ""
        let next: HTML = result.nextKey.map { "<p><a id=\"next\" href=\"/registrations?cursor=\(Pagination.encode(key: $0))\">\(t("下一页", "Next page")) →</a></p>" } ?? ""
        let body: HTML = """
            <h1>\(t("新生学籍核准", "Approve registrations"))</h1>\(outcome)
            \(rows.isEmpty ? HTML(trusted: "<p id=\"none\">" + HTML.escape(t("没有待核准的新生学籍。", "No registrations wait for approval.")) + "</p>") : "")
            <form method="post" action="/registrations/approve">\(FormKit.csrf(identity.csrfToken))
            <table id="registrations"><thead><tr><th></th><th>\(t("全国学籍号", "National number"))</th><th>\(t("姓名", "Name"))</th><th>\(t("学校", "School"))</th>
            <th>\(t("年级", "Grade"))</th><th>\(t("入学日期", "Entry date"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>
            \(rows.isEmpty ? "" : HTML(trusted: "<p><button type=\"submit\" id=\"approve-registrations\">" + HTML.escape(t("核准勾选的学籍", "Approve the ticked registrations")) + "</button></p>"))</form>\(next)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "新生学籍核准", en: "Approve registrations"), viewer: PageLayout.viewer(identity), body: body)
    }

    static func approve(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        let numbers = form.filter { $0.key.hasPrefix("n_") && $0.value == "1" }.map { String($0.key.dropFirst(2)) }.sorted()
        guard !numbers.isEmpty else {
            throw DomainError.validation([FieldError(field: "numbers", code: "required", message: LocalizedText(zh: "请至少勾选一名学生。", en: "Tick at least one pupil."))])
        }
        let result = try context.pupils.approve(Array(numbers.prefix(1000)), by: identity.actor)
        return PageLayout.redirect("/registrations?approved=\(result.approved.count)&refused=\(result.refused.count)")
    }
}
