import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Today's tasks for whoever logs in (DEVELOPERS.md "Product picture"): the changes waiting for
/// them, the overdue ones, follow-up tasks, open problem records, and registrations to approve.
enum DashboardPage {
    static func render(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let actor = identity.actor, en = PageLayout.english(request)
        let t = { (zh: String, e: String) in en ? e : zh }
        var cards: [HTML] = []
        let inbox = actor.role == .analyst ? nil : try context.changes.inbox(by: actor, limit: 500)
        if let inbox {
            cards.append(card(t("待我审核的异动", "Changes waiting for me"), String(inbox.items.count), alert: false, id: "inbox", href: "/changes"))
            cards.append(card(t("已逾期", "Overdue"), String(inbox.overdueCount), alert: inbox.overdueCount > 0, id: "overdue", href: "/changes"))
            let tasks = try context.tasks.list(by: actor, state: "open", limit: 500)
            cards.append(card(t("待办任务（如寄送纸质档案）", "Follow-up tasks (e.g. send the paper file)"), String(tasks.count), alert: false, id: "tasks"))
            let alerts = try context.dropout.activeCount(by: actor)
            let shown = alerts >= DropoutService.activeCountCap ? "\(DropoutService.activeCountCap)+" : String(alerts)
            cards.append(card(t("控辍保学预警", "Dropout-control alerts"), shown, alert: alerts > 0, id: "alerts", href: "/alerts"))
            let problems = try context.problems.list(by: actor, school: nil, kind: nil, state: "open", after: nil, limit: 500)
            cards.append(card(t("问题学籍", "Problem records"), String(problems.items.count), alert: !problems.items.isEmpty, id: "problems", href: "/problems"))
            if actor.role == .bureauReviewer || actor.role == .systemAdmin {
                let pending = try context.statistics.pendingRegistrations(by: actor)
                cards.append(card(t("待核准的新生学籍", "Registrations to approve"), String(pending), alert: false, id: "registrations", href: "/registrations"))
                // Aid applications wait for the county's decision (at most 500 are read; the list says the rest).
                let aid = try context.aid.list(by: actor, state: "pending").count
                cards.append(card(t("待审批的资助申请", "Aid applications to decide"), aid >= 500 ? "500+" : String(aid), alert: false, id: "aid", href: "/aid"))
            }
        }
        let rows: [HTML] = (inbox?.items.prefix(20) ?? []).map { item in
            let c = item.change
            return """
                <tr><td>\(c.type.label.zh) \(en ? c.type.label.en : "")</td><td>\(c.pupil.name)</td><td>\(c.pendingStep?.code ?? "")</td>
                <td>\(c.pendingStep?.dueDate ?? "")\(item.overdue ? HTML(trusted: " <strong class=\"error\">!</strong>") : "")</td></tr>
                """
        }
        let table: HTML = rows.isEmpty ? "<p>\(t("今天没有等待您的异动。", "Nothing waits for you today."))</p>" : """
            <table><thead><tr><th>\(t("异动", "Change"))</th><th>\(t("学生", "Pupil"))</th><th>\(t("当前环节", "Step"))</th><th>\(t("截止日期", "Due"))</th></tr></thead>
            <tbody>\(rows.joined())</tbody></table>
            """
        let tasks: HTML = actor.role == .analyst ? "" : """
            <section class="cards" id="tasks">\(cards.joined())</section>
            <h2>\(t("等待您处理的异动", "Changes waiting for you"))</h2>\(table)
            """
        // Analysts have no tasks: their page is the picture of their scope.
        let title = actor.role == .analyst ? LocalizedText(zh: "本辖区概况", en: "My scope at a glance") : LocalizedText(zh: "今日待办", en: "Today's tasks")
        let body: HTML = """
            <h1>\(en ? title.en : title.zh)</h1>\(tasks)
            \(try DashboardCharts.render(request, actor: actor, context: context, headed: actor.role != .analyst))
            """
        let viewer = PageLayout.Viewer(username: actor.username, role: actor.role.rawValue, scope: actor.scope.description, csrf: identity.csrfToken)
        return PageLayout.render(request, title: title, viewer: viewer, body: body)
    }

    static func card(_ title: String, _ count: String, alert: Bool, id: String, href: String? = nil) -> HTML {
        let label: HTML = href.map { "<a href=\"\($0)\">\(title)</a>" } ?? "\(title)"
        return "<div class=\"card\(alert ? " alert" : "")\" id=\"card-\(id)\"><div>\(label)</div><div class=\"figure\">\(count)</div></div>"
    }
}
