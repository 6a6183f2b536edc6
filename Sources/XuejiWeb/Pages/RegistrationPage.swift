import XuejiCore
import XuejiHTTP
import XuejiServices

/// Registering a new pupil at the registrar's school: the fields of the record with their code
/// tables as choices and sensible defaults, every error shown next to its field, the values kept.
enum RegistrationPage {
    /// (field, zh, en, code table or nil for free text, default)
    static let fields: [(String, String, String, CodeTable?, String)] = [
        ("name", "姓名", "Name", nil, ""), ("sex", "性别", "Sex", CodeTables.sex, ""), ("birth_date", "出生日期", "Birth date", nil, ""),
        ("id_type", "身份证件类型", "ID type", CodeTables.idType, "1"), ("id_number", "身份证件号", "ID number", nil, ""),
        ("ethnicity", "民族", "Ethnicity", CodeTables.ethnicity, "01"), ("nationality", "国籍/地区", "Nationality", nil, "CHN"),
        ("birthplace", "出生地（代码）", "Birthplace (code)", nil, ""), ("native_place", "籍贯（代码）", "Native place (code)", nil, ""),
        ("hukou_place", "户口所在地（代码）", "Household registration (code)", nil, ""), ("hukou_nature", "户口性质", "Household type", CodeTables.hukouNature, ""),
        ("overseas", "港澳台侨外", "Overseas status", CodeTables.overseas, "00"), ("health", "健康状况", "Health", CodeTables.health, "10"),
        ("grade", "年级", "Grade", nil, "1"), ("class", "班级", "Class", nil, ""), ("entry_date", "入学日期", "Entry date", nil, ""),
        ("entry_mode", "入学方式", "Entry mode", CodeTables.entryMode, "11"), ("study_mode", "就读方式", "Study mode", CodeTables.studyMode, "1"),
        ("address", "现住址", "Address", nil, ""), ("phone", "联系电话", "Phone", nil, ""), ("left_behind", "留守儿童", "Left-behind", CodeTables.leftBehind, "0"),
        ("guardian_name", "监护人姓名", "Guardian's name", nil, ""), ("guardian_relation", "关系", "Relation", CodeTables.relation, "51"),
        ("guardian_phone", "监护人电话", "Guardian's phone", nil, ""),
    ]

    static func form(_ request: Request, identity: SessionIdentity, values: [String: String] = [:], error: DomainError? = nil, status: Int = 200) -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        var byField: [String: [String]] = [:]
        for f in error?.fieldErrors ?? [] {
            let key = f.field.hasPrefix("guardians[0].") ? "guardian_" + f.field.dropFirst("guardians[0].".count) : f.field
            byField[key, default: []].append(en ? f.message.en : f.message.zh)
        }
        let inputs: [HTML] = fields.map { field, zh, e, table, fallback in
            let value = values[field] ?? fallback
            let control: HTML
            if let table {
                let options: [HTML] = [HTML("<option value=\"\"></option>")] + table.entries.map { entry in
                    "<option value=\"\(entry.code)\"\(entry.code == value ? HTML(trusted: " selected") : "")>\(entry.code) \(en ? entry.label.en : entry.label.zh)</option>"
                }
                control = "<select id=\"\(field)\" name=\"\(field)\">\(options.joined())</select>"
            } else {
                control = "<input type=\"text\" id=\"\(field)\" name=\"\(field)\" value=\"\(value)\">"
            }
            let errors: [HTML] = (byField[field] ?? []).map { "<span class=\"error\" id=\"error-\(field)\">\($0)</span>" }
            return "<label for=\"\(field)\">\(t(zh, e))</label>\(control)\(errors.joined())"
        }
        let flagLabels: [(String, String, String)] = [("only_child", "独生子女", "Only child"), ("preschool", "受过学前教育", "Attended preschool"),
                                                       ("migrant", "进城务工人员随迁子女", "Child of migrant workers"), ("orphan", "孤儿", "Orphan"),
                                                       ("martyr_family", "烈士或优抚子女", "Martyr's or entitled family")]
        let flags: [HTML] = flagLabels.map { field, zh, e in
            "<label><input type=\"checkbox\" id=\"\(field)\" name=\"\(field)\" value=\"1\"\(values[field] == "1" ? HTML(trusted: " checked") : "")> \(t(zh, e))</label>"
        }
        let top: HTML = error.map { e in "<p class=\"error\" role=\"alert\" id=\"form-error\">\(en ? e.message.en : e.message.zh)</p>" } ?? ""
        let body: HTML = """
            <h1>\(t("新生建籍", "Register a pupil"))</h1>\(top)
            <form method="post" action="/pupils/new" class="login register"><input type="hidden" name="csrf_token" value="\(identity.csrfToken)">
            \(inputs.joined())\(flags.joined())
            <p><button type="submit" id="register">\(t("提交", "Register"))</button></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "新生建籍", en: "Register a pupil"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func register(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        try context.pupils.requireRegistrar(identity.actor)
        var draft = PupilDraft()
        for field in PupilDraft.textFields where field != "school" { if let v = form[field] { draft[field] = v } }
        draft["school"] = identity.actor.scope.description
        for flag in PupilDraft.flagFields { draft.flags[flag] = form[flag] == "1" }
        draft.guardians = [["name": form["guardian_name"] ?? "", "relation": form["guardian_relation"] ?? "", "phone": form["guardian_phone"] ?? "",
                            "is_guardian": "1"]]
        do {
            let pupil = try context.pupils.register(draft, by: identity.actor)
            return PageLayout.redirect("/pupils/\(pupil.number.rawValue)")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return Self.form(request, identity: identity, values: form, error: e, status: e.kind == .invalid ? 422 : 409)
        }
    }
}
