import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// The pupil list with its search, and the pupil page (record, guardians, history, changes with
/// their proof on the change page). The same scope rules as the API (out of scope is "not found"),
/// and ID and phone numbers masked in the list.
enum PupilPages {
    static func list(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let filter = try PupilRoutes.filter(request)
        let page = try Pagination(request)
        let result = try context.pupils.list(filter, by: identity.actor, after: page.after, limit: min(page.limit, 50))
        let rows: [HTML] = result.items.map { v in
            let p = v.pupil, r = p.record
            return """
                <tr><td><a href="/pupils/\(p.number.rawValue)">\(p.number.rawValue)</a></td><td>\(r.name)</td>
                <td>\((en ? CodeTables.sex.label(r.sex)?.en : CodeTables.sex.label(r.sex)?.zh) ?? r.sex)</td><td>\(r.birthDate.description)</td>
                <td>\(v.idNumber ?? "")</td><td>\(p.schoolName)</td><td>\(r.grade)</td><td>\(r.className)</td><td>\(p.status.rawValue)</td></tr>
                """
        }
        let q = request.query["q"] ?? "", grade = request.query["grade"] ?? ""
        let next: HTML = result.nextKey.map { key in
            "<p><a id=\"next\" href=\"/pupils?q=\(PageLayout.query(q))&amp;grade=\(PageLayout.query(grade))&amp;cursor=\(Pagination.encode(key: key))\">\(t("下一页", "Next page")) →</a></p>"
        } ?? ""
        let body: HTML = """
            <h1>\(t("学生", "Pupils"))</h1>
            <form method="get" action="/pupils" class="search">
            <label for="q">\(t("姓名或学籍号（开头）", "Name or number (beginning)"))</label><input type="text" id="q" name="q" value="\(q)">
            <label for="grade">\(t("年级", "Grade"))</label><input type="text" id="grade" name="grade" value="\(grade)" inputmode="numeric">
            <p><button type="submit" id="search">\(t("查询", "Search"))</button>
            <a id="export-list" href="/exports/new?grade=\(PageLayout.query(grade))&amp;q=\(PageLayout.query(q))">\(t("导出本列表（CSV / XLSX）", "Export this list (CSV / XLSX)"))</a></p></form>
            <table id="pupils"><thead><tr><th>\(t("全国学籍号", "National number"))</th><th>\(t("姓名", "Name"))</th><th>\(t("性别", "Sex"))</th>
            <th>\(t("出生日期", "Birth date"))</th><th>\(t("身份证件号", "ID number"))</th><th>\(t("学校", "School"))</th><th>\(t("年级", "Grade"))</th>
            <th>\(t("班级", "Class"))</th><th>\(t("状态", "Status"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>
            \(rows.isEmpty ? HTML(trusted: "<p id=\"none\">" + HTML.escape(t("没有符合条件的学生。", "No pupils match.")) + "</p>") : "")\(next)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "学生", en: "Pupils"), viewer: PageLayout.viewer(identity), body: body)
    }

    static func detail(_ request: Request, number: String, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let (view, memberships, _) = try context.pupils.history(number, by: identity.actor)
        let pupil = view.pupil
        let r = pupil.record
        func row(_ zh: String, _ e: String, _ value: String) -> HTML { "<tr><th>\(t(zh, e))</th><td>\(value)</td></tr>" }
        let record: [HTML] = [
            row("全国学籍号", "National number", pupil.number.rawValue), row("姓名", "Name", r.name),
            row("性别", "Sex", (en ? CodeTables.sex.label(r.sex)?.en : CodeTables.sex.label(r.sex)?.zh) ?? r.sex),
            row("出生日期", "Birth date", r.birthDate.description), row("身份证件号", "ID number", view.idNumber ?? ""),
            row("学校", "School", pupil.schoolName), row("年级", "Grade", String(r.grade)), row("班级", "Class", r.className),
            row("学籍状态", "Status", pupil.status.rawValue), row("核准", "Approval", pupil.approval), row("联系电话", "Phone", view.phone),
            row("现住址", "Address", r.address),
        ]
        let guardians: [HTML] = r.guardians.map { g in
            "<tr><td>\(g.name)</td><td>\((en ? CodeTables.relation.label(g.relation)?.en : CodeTables.relation.label(g.relation)?.zh) ?? g.relation)</td><td>\(view.guardianPhone(g))</td></tr>"
        }
        let history: [HTML] = memberships.map { m in
            "<li>\(m.string("entry_date") ?? "") \(m.string("school_name") ?? "") \(m.int("grade") ?? 0)\(t("年级", "")) \(m.string("class_name") ?? "") · \(t("入", "in")) \(m.string("entry_code") ?? "")\(m.string("exit_date").map { " → \($0) · \(t("出", "out")) \(m.string("exit_code") ?? "")" } ?? "")</li>"
        }
        let changes: [HTML] = try context.changes.history(of: pupil).map { c in
            let open: HTML = c.state == "pending" ? HTML(trusted: " <strong class=\"error\">" + HTML.escape(t("办理中", "in progress")) + "</strong>") : ""
            return "<li><a href=\"/changes/\(c.publicID)\">\(en ? c.type.label.en : c.type.label.zh)</a> (\(c.type.code)) · \(c.state)\(open) · \(c.steps.map { "\($0.code):\($0.state)" }.joined(separator: " → "))</li>"
        }
        let mayEdit = identity.actor.role == .schoolRegistrar || identity.actor.role == .systemAdmin
        let leftBehind: HTML = r.leftBehind == "0" ? "" : "<a id=\"left-behind\" href=\"/pupils/\(pupil.number.rawValue)/left-behind\">\(t("留守儿童档案", "Left-behind record"))</a>"
        let actions: HTML = "<p class=\"actions\">\(mayEdit ? HTML(trusted: "<a id=\"edit\" href=\"/pupils/" + pupil.number.rawValue + "/edit\">" + HTML.escape(t("修改学籍信息", "Edit the record")) + "</a>") : "")\(leftBehind)</p>"
        let saved: HTML = request.query["saved"] == "1" ? "<p class=\"ok\" role=\"status\" id=\"saved\">\(t("已保存。", "Saved."))</p>" : ""
        let body: HTML = """
            <h1>\(r.name) <small>\(pupil.number.rawValue)</small></h1>\(saved)\(actions)
            <section class="cards"><div class="card"><table id="record">\(record.joined())</table></div>
            <div class="card"><h2>\(t("家庭成员", "Family"))</h2><table id="guardians">\(guardians.joined())</table></div></section>
            <h2>\(t("学籍经历", "Enrolment history"))</h2><ol id="history">\(history.joined())</ol>
            <h2>\(t("学籍异动", "Changes"))</h2><ol id="changes">\(changes.joined())</ol>
            """
        return PageLayout.render(request, title: LocalizedText(zh: r.name, en: r.name), viewer: PageLayout.viewer(identity), body: body)
    }
}
