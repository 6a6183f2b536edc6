import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Dropout-control alerts (控辍保学预警): the list of the scope's open alerts with priority marks,
/// and each alert with its notes and the form that moves it on (contacted, returned, confirmed
/// dropout, resolved).
enum AlertPages {
    static let kinds: [String: LocalizedText] = [
        "unexcused_warning": LocalizedText(zh: "连续旷课预警", en: "Unexcused absences"),
        "suspected_dropout": LocalizedText(zh: "疑似辍学", en: "Suspected dropout"),
        "senior_truancy": LocalizedText(zh: "高中旷课（退学条件）", en: "Senior truancy"),
        "never_attended": LocalizedText(zh: "空挂学籍（从未到校）", en: "Never attended"),
        "transfer_not_received": LocalizedText(zh: "转出后未被接收", en: "Transferred, not received"),
        "suspension_ended": LocalizedText(zh: "休学期满未复学", en: "Suspension ended, no resumption"),
        "compulsory_dropout": LocalizedText(zh: "义务教育阶段辍学", en: "Dropout in compulsory education"),
        "left_behind_no_contact": LocalizedText(zh: "留守儿童久未联系", en: "Left-behind child: no contact"),
    ]
    static let states: [String: LocalizedText] = [
        "open": LocalizedText(zh: "待处理", en: "open"), "contacted": LocalizedText(zh: "已联系", en: "contacted"),
        "returned": LocalizedText(zh: "已返校", en: "returned"), "confirmed_dropout": LocalizedText(zh: "确认辍学", en: "confirmed dropout"),
        "resolved": LocalizedText(zh: "已处理", en: "resolved"),
    ]
    static let priorities: [String: LocalizedText] = [
        "orphan": LocalizedText(zh: "孤儿", en: "orphan"), "disabled": LocalizedText(zh: "残疾", en: "disabled"),
        "left_behind": LocalizedText(zh: "留守", en: "left-behind"), "migrant": LocalizedText(zh: "随迁", en: "migrant"),
    ]

    static func text(_ table: [String: LocalizedText], _ key: String, _ en: Bool) -> String { table[key].map { en ? $0.en : $0.zh } ?? key }

    static func list(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let page = try Pagination(request)
        let state = request.query["state"] == "all" ? "all" : "active"
        let result = try context.dropout.list(by: identity.actor, state: state, kind: nil, after: page.after, limit: min(page.limit, 100))
        let rows: [HTML] = result.items.map { a in
            var marks: [String] = []
            if a.orphan { marks.append(text(priorities, "orphan", en)) }
            if a.disabled { marks.append(text(priorities, "disabled", en)) }
            if a.leftBehind { marks.append(text(priorities, "left_behind", en)) }
            if a.migrant { marks.append(text(priorities, "migrant", en)) }
            return """
                <tr><td><a href="/alerts/\(a.publicID)">\(text(kinds, a.kind, en))</a></td><td>\(a.pupilName)</td><td>\(a.schoolName)</td><td>\(a.grade)</td>
                <td>\(a.openedOn.description)</td><td>\(text(states, a.state, en))</td><td class="error">\(marks.joined(separator: " · "))</td></tr>
                """
        }
        let next: HTML = result.nextKey.map { "<p><a id=\"next\" href=\"/alerts?state=\(state)&amp;cursor=\(Pagination.encode(key: $0))\">\(t("下一页", "Next page")) →</a></p>" } ?? ""
        let body: HTML = """
            <h1>\(t("控辍保学预警", "Dropout-control alerts"))</h1>
            <p class="actions"><a href="/alerts">\(t("未结束", "Active"))</a> <a href="/alerts?state=all" id="all-alerts">\(t("全部", "All"))</a></p>
            \(rows.isEmpty ? HTML(trusted: "<p id=\"none\">" + HTML.escape(t("没有预警。", "No alerts.")) + "</p>") : "")
            <table id="alerts"><thead><tr><th>\(t("预警", "Alert"))</th><th>\(t("学生", "Pupil"))</th><th>\(t("学校", "School"))</th><th>\(t("年级", "Grade"))</th>
            <th>\(t("发生日期", "Since"))</th><th>\(t("状态", "State"))</th><th>\(t("重点关注", "Priority"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>\(next)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "控辍保学预警", en: "Dropout-control alerts"), viewer: PageLayout.viewer(identity), body: body)
    }

    static func detail(_ request: Request, id: String, identity: SessionIdentity, context: RouteContext, values: [String: String] = [:],
                       error: DomainError? = nil, status: Int = 200) throws -> Response {
        let (alert, notes, owner) = try context.dropout.get(id, by: identity.actor)
        let kit = FormKit(request, values: values, error: error)
        let history: [HTML] = notes.map { n in "<li>\(n.day) · \(n.author) · \(text(states, n.state, kit.en)) — \(n.note)</li>" }
        let ownerText = owner == "county" ? kit.t("县教育局（学校逾期未处理）", "the county bureau (the school did not close it in time)")
            : owner == "school" ? kit.t("学校", "the school") : kit.t("已结束", "closed")
        let options: [HTML] = ["contacted", "returned", "confirmed_dropout", "resolved"].map { s in
            "<option value=\"\(s)\"\(values["state"] == s ? HTML(trusted: " selected") : "")>\(text(states, s, kit.en))</option>"
        }
        let form: HTML = owner == "closed" ? "" : """
            <h2>\(kit.t("记录跟进", "Record the follow-up"))</h2>
            <form method="post" action="/alerts/\(alert.publicID)/notes" class="login">\(FormKit.csrf(identity.csrfToken))
            <label for="note">\(kit.t("经过（电话、家访、劝返）", "What happened (a call, a home visit)"))</label>
            <textarea id="note" name="note" rows="3">\(values["note"] ?? "")</textarea>\(kit.errorText("note"))
            <label for="state">\(kit.t("处理后状态", "State after it"))</label><select id="state" name="state">\(options.joined())</select>\(kit.errorText("state"))
            <p><button type="submit" id="add-note">\(kit.t("保存", "Save"))</button></p></form>
            """
        let body: HTML = """
            <h1>\(text(kinds, alert.kind, kit.en)) · \(alert.pupilName)</h1>\(kit.top)
            <p>\(kit.t("状态", "State")): <strong id="alert-state">\(text(states, alert.state, kit.en))</strong> · \(kit.t("负责", "Owner")): <span id="owner">\(ownerText)</span>
            · <a href="/pupils/\(alert.pupilNumber)">\(alert.pupilNumber)</a> · \(alert.schoolName) · \(alert.grade)\(kit.t("年级", "")) · \(kit.t("发生", "since")) \(alert.openedOn.description)</p>
            <p class="note">\(alert.detail)</p>
            <h2>\(kit.t("跟进记录", "Follow-up"))</h2><ol id="notes">\(history.joined())</ol>\(form)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "预警", en: "Alert"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func note(_ request: Request, id: String, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        do {
            try context.dropout.note(id, note: form["note"] ?? "", state: form["state"] ?? "", by: identity.actor)
            return PageLayout.redirect("/alerts/\(id)")
        } catch let e as DomainError where e.kind == .invalid {
            return try detail(request, id: id, identity: identity, context: context, values: form, error: e, status: 422)
        }
    }
}
