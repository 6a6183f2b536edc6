import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// The inbox (待办) and the change page with its steps, deadlines and the decision forms.
enum ChangePages {
    static func inbox(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let inbox = try context.changes.inbox(by: identity.actor, limit: 200)
        let rows: [HTML] = inbox.items.map { item in
            let c = item.change
            return """
                <tr><td><a href="/changes/\(c.publicID)">\(en ? c.type.label.en : c.type.label.zh)</a></td><td>\(c.pupil.name)</td>
                <td>\(c.fromSchoolName) → \(c.toSchoolName ?? "")</td><td>\(c.pendingStep?.code ?? "")</td>
                <td>\(c.pendingStep?.dueDate ?? "")\(item.overdue ? HTML(trusted: " <strong class=\"error\">" + HTML.escape(t("已逾期", "overdue")) + "</strong>") : "")</td></tr>
                """
        }
        let body: HTML = """
            <h1>\(t("待办异动", "Changes waiting for me"))</h1>
            \(rows.isEmpty ? HTML(trusted: "<p id=\"empty\">" + HTML.escape(t("没有等待您处理的异动。", "Nothing waits for you.")) + "</p>") : "")
            <table id="inbox"><thead><tr><th>\(t("异动", "Change"))</th><th>\(t("学生", "Pupil"))</th><th>\(t("学校", "Schools"))</th>
            <th>\(t("当前环节", "Step"))</th><th>\(t("截止日期", "Due"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "待办异动", en: "Changes waiting for me"), viewer: PageLayout.viewer(identity), body: body)
    }

    /// `values`: the comment or reason typed before a session expired (`FormResume`).
    static func detail(_ request: Request, id: String, identity: SessionIdentity, context: RouteContext, values: [String: String] = [:]) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let detail = try context.changes.get(id, by: identity.actor)
        let c = detail.change
        let steps: [HTML] = c.steps.map { s in
            """
            <li class="step-\(s.state)"><strong>\(s.code)</strong> · \(s.partyKind) \(s.partyCode) · <span class="state">\(s.state)</span>
            \(s.dueDate.map { HTML(trusted: " · " + HTML.escape(t("截止", "due")) + " " + HTML.escape($0)) } ?? "")
            \(s.decidedBy.map { HTML(trusted: " · " + HTML.escape($0)) } ?? "")\(s.comment.map { HTML(trusted: " · “" + HTML.escape($0) + "”") } ?? "")</li>
            """
        }
        let csrf = identity.csrfToken
        var forms: [HTML] = []
        if context.changes.mayDecide(c, by: identity.actor) {
            forms.append("""
                <form method="post" action="/changes/\(c.publicID)/approve" class="decide"><input type="hidden" name="csrf_token" value="\(csrf)">
                <label for="comment">\(t("审核意见（可选）", "Comment (optional)"))</label><input type="text" id="comment" name="comment" value="\(values["comment"] ?? "")">
                <p><button type="submit" id="approve">\(t("同意", "Approve"))</button></p></form>
                <form method="post" action="/changes/\(c.publicID)/reject" class="decide"><input type="hidden" name="csrf_token" value="\(csrf)">
                <label for="reason">\(t("退回原因", "Reason for rejecting"))</label><input type="text" id="reason" name="reason" value="\(values["reason"] ?? "")">
                <p><button type="submit" id="reject">\(t("退回", "Reject"))</button></p></form>
                """)
        }
        if context.changes.mayCancel(c, by: identity.actor) {
            forms.append("""
                <form method="post" action="/changes/\(c.publicID)/cancel" class="decide"><input type="hidden" name="csrf_token" value="\(csrf)">
                <label for="cancel-reason">\(t("撤销原因", "Reason for cancelling"))</label><input type="text" id="cancel-reason" name="reason">
                <p><button type="submit" id="cancel">\(t("撤销", "Cancel the change"))</button></p></form>
                """)
        }
        let files: [HTML] = detail.attachments.map { a in
            "<li><a href=\"/api/v1/attachments/\(a.id)\">\(a.id)</a> · \(a.step) · \(a.contentType) · \((a.size + 1023) / 1024) KB</li>"
        }
        let attachments: HTML = files.isEmpty ? "" : "<h2>\(t("证明材料", "Proof"))</h2><ul id=\"attachments\">\(files.joined())</ul>"
        let body: HTML = """
            <h1>\(en ? c.type.label.en : c.type.label.zh) · \(c.pupil.name)</h1>
            <p>\(t("状态", "State")): <strong id="state">\(c.state)</strong> · \(c.fromSchoolName)\(c.toSchoolName.map { HTML(trusted: " → " + HTML.escape($0)) } ?? "") · \(t("原因", "Reason")): \(c.reason)</p>
            <p>\(t("学生", "Pupil")): \(c.pupil.number) · \(c.pupil.schoolName) · \(c.pupil.grade)\(t("年级", "")) \(detail.overdue ? HTML(trusted: " · <strong class=\"error\" id=\"overdue\">" + HTML.escape(t("已逾期", "overdue")) + "</strong>") : "")</p>
            <h2>\(t("审核环节", "Steps"))</h2><ol id="steps">\(steps.joined())</ol>\(attachments)\(forms.joined())
            """
        return PageLayout.render(request, title: LocalizedText(zh: c.type.label.zh, en: c.type.label.en), viewer: PageLayout.viewer(identity), body: body)
    }

    /// A decision posted from the change page: the form's CSRF token must be the session's.
    static func decide(_ request: Request, id: String, action: String, identity: SessionIdentity, context: RouteContext) throws -> Response {
        guard Authenticator.constantTimeEqual(request.form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        let form = request.form
        switch action {
        case "approve": _ = try context.changes.decide(id, .approve, comment: form["comment"], by: identity.actor)
        case "reject": _ = try context.changes.decide(id, .reject, comment: form["reason"], by: identity.actor)
        default: _ = try context.changes.cancel(id, reason: form["reason"], by: identity.actor)
        }
        return PageLayout.redirect("/changes/\(id)")
    }
}
