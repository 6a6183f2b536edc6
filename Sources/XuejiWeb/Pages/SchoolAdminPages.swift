import XuejiCore
import XuejiHTTP
import XuejiServices

/// Schools and their classes for administrators (a bureau registers the schools of its subtree; a
/// school's registrar keeps its own classes), with the same rules and errors as the API.
enum SchoolAdminPages {
    static func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, selected: String, label: (T) -> String) -> HTML where T.RawValue == String {
        let items: [HTML] = T.allCases.map { c in "<option value=\"\(c.rawValue)\"\(c.rawValue == selected ? HTML(trusted: " selected") : "")>\(label(c))</option>" }
        return items.joined()
    }

    static func schools(_ request: Request, identity: SessionIdentity, context: RouteContext, values: [String: String] = [:], error: DomainError? = nil, status: Int = 200) throws -> Response {
        let kit = FormKit(request, values: values, error: error)
        let page = try Pagination(request)
        let list = try context.schools.list(region: nil, by: identity.actor, after: page.after, limit: 100)
        let rows: [HTML] = list.items.map { s in
            """
            <tr><td><a href="/admin/schools/\(s.code.rawValue)">\(s.code.rawValue)</a></td><td>\(s.name)</td><td>\(s.region.rawValue)</td>
            <td>\(kit.en ? s.type.label.en : s.type.label.zh)</td><td>\(s.grades.map(String.init).joined(separator: ","))</td></tr>
            """
        }
        let next: HTML = list.nextKey.map { "<p><a id=\"next\" href=\"/admin/schools?cursor=\(Pagination.encode(key: $0))\">\(kit.t("下一页", "Next page")) →</a></p>" } ?? ""
        let mayCreate = identity.actor.role == .systemAdmin || identity.actor.role == .bureauAdmin
        let create: HTML = !mayCreate ? "" : """
            <h2>\(kit.t("登记学校", "Register a school"))</h2>
            <form method="post" action="/admin/schools" class="login">\(FormKit.csrf(identity.csrfToken))
            \(kit.text("code", "学校标识码（10位）", "School code (10 digits)"))\(kit.text("name", "学校名称", "Name"))
            \(kit.text("region", "所在县级行政区划代码", "County division code"))
            <label for="type">\(kit.t("办学类型", "Type"))</label><select id="type" name="type">\(options(SchoolType.self, selected: values["type"] ?? "primary") { kit.en ? $0.label.en : $0.label.zh })</select>\(kit.errorText("type"))
            <label for="ownership">\(kit.t("举办者", "Ownership"))</label><select id="ownership" name="ownership">\(options(Ownership.self, selected: values["ownership"] ?? "public") { $0.rawValue })</select>
            <label for="locality">\(kit.t("城乡分类", "Locality"))</label><select id="locality" name="locality">\(options(Locality.self, selected: values["locality"] ?? "urban") { $0.rawValue })</select>
            \(kit.text("grades", "开设年级（逗号分隔）", "Grades offered (comma-separated)", fallback: "1,2,3,4,5,6"))
            <p><button type="submit" id="create-school">\(kit.t("登记", "Register"))</button></p></form>
            """
        let body: HTML = """
            <h1>\(kit.t("学校管理", "Schools"))</h1>\(AccountAdminPages.subnav(kit, identity))\(kit.top)
            <table id="schools"><thead><tr><th>\(kit.t("学校标识码", "Code"))</th><th>\(kit.t("名称", "Name"))</th><th>\(kit.t("区划", "Division"))</th>
            <th>\(kit.t("类型", "Type"))</th><th>\(kit.t("年级", "Grades"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>\(next)\(create)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "学校管理", en: "Schools"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func createSchool(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        try context.schools.requireCreator(identity.actor)
        let grades = (form["grades"] ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).compactMap { Int($0) }
        let draft = SchoolDraft(code: form["code"] ?? "", name: form["name"] ?? "", region: form["region"] ?? "", type: form["type"] ?? "",
                                ownership: form["ownership"] ?? "", locality: form["locality"] ?? "", grades: grades)
        do {
            let school = try context.schools.create(draft, by: identity.actor)
            return PageLayout.redirect("/admin/schools/\(school.code.rawValue)")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try schools(request, identity: identity, context: context, values: form, error: e, status: e.kind == .invalid ? 422 : 409)
        }
    }

    static func school(_ request: Request, code: String, identity: SessionIdentity, context: RouteContext, values: [String: String] = [:], error: DomainError? = nil, status: Int = 200) throws -> Response {
        let school = try context.schools.get(code, by: identity.actor)
        let classes = try context.schools.classes(school: code, by: identity.actor)
        let kit = FormKit(request, values: values, error: error)
        let rows: [HTML] = classes.map { c in "<tr><td>\(c.grade)</td><td>\(c.name)</td><td>\(c.entryYear)</td><td>\(c.id)</td></tr>" }
        let year = SchoolTerm.schoolYear(of: context.clock.today)
        let body: HTML = """
            <h1>\(school.name) <small>\(school.code.rawValue)</small></h1>\(AccountAdminPages.subnav(kit, identity))\(kit.top)
            <p>\(kit.en ? school.type.label.en : school.type.label.zh) · \(school.region.rawValue) · \(kit.t("开设年级", "grades")) \(school.grades.map(String.init).joined(separator: ","))</p>
            <h2>\(kit.t("班级", "Classes"))</h2>
            <table id="classes"><thead><tr><th>\(kit.t("年级", "Grade"))</th><th>\(kit.t("班级名称", "Name"))</th><th>\(kit.t("入学年份", "Entry year"))</th><th>ID</th></tr></thead>
            <tbody>\(rows.joined())</tbody></table>
            <h2>\(kit.t("新建班级", "Add a class"))</h2>
            <form method="post" action="/admin/schools/\(school.code.rawValue)/classes" class="login">\(FormKit.csrf(identity.csrfToken))
            \(kit.text("grade", "年级", "Grade", extra: "inputmode=\"numeric\""))\(kit.text("name", "班级名称", "Name"))
            \(kit.text("entry_year", "入学年份", "Entry year", fallback: String(year), extra: "inputmode=\"numeric\""))
            <p><button type="submit" id="create-class">\(kit.t("新建", "Add"))</button></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: school.name, en: school.name), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func createClass(_ request: Request, code: String, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        let draft = ClassDraft(grade: Int(form["grade"] ?? "") ?? 0, name: form["name"] ?? "", entryYear: Int(form["entry_year"] ?? "") ?? 0)
        do {
            _ = try context.schools.createClass(draft, school: code, by: identity.actor)
            return PageLayout.redirect("/admin/schools/\(code)")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try school(request, code: code, identity: identity, context: context, values: form, error: e, status: e.kind == .invalid ? 422 : 409)
        }
    }
}
