import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Financial aid (资助) on the web: the school applies for its pupils, the county decides.
enum AidPage {
    static let programmes: [(String, LocalizedText)] = [("living_subsidy", LocalizedText(zh: "生活补助（义务教育）", en: "Living subsidy (compulsory)")),
                                                        ("senior_grant", LocalizedText(zh: "国家助学金（普通高中）", en: "National grant (senior)"))]

    static func page(_ request: Request, identity: SessionIdentity, context: RouteContext, values: [String: String] = [:], error: DomainError? = nil, status: Int = 200) throws -> Response {
        let kit = FormKit(request, values: values, error: error)
        let applications = try context.aid.list(by: identity.actor, state: nil)
        let today = context.clock.today
        let (year, term) = SchoolTerm.of(today)
        let csrf = FormKit.csrf(identity.csrfToken)
        let decides = identity.actor.role == .bureauReviewer || identity.actor.role == .systemAdmin
        let rows: [HTML] = applications.map { a in
            let programme = programmes.first { $0.0 == a.programme }.map { kit.en ? $0.1.en : $0.1.zh } ?? a.programme
            let actions: HTML = decides && a.state == "pending" ? """
                <form method="post" action="/aid/\(a.publicID)/approve" class="inline">\(csrf)<button type="submit" id="approve-\(a.publicID)">\(kit.t("批准", "Approve"))</button></form>
                """ : ""
            return """
                <tr><td>\(a.pupilNumber)</td><td>\(a.pupilName)</td><td>\(programme)</td><td>\(a.schoolYear)-\(a.term)</td>
                <td>\(String(format: "%.2f", Double(a.amountFen) / 100))</td><td id="state-\(a.publicID)">\(a.state)</td><td>\(actions)</td></tr>
                """
        }
        let hardship: [HTML] = AidProgrammes.hardship.sorted { $0.key < $1.key }.map { "<option value=\"\($0.key)\">\(kit.en ? $0.value.en : $0.value.zh)</option>" }
        let programmeOptions: [HTML] = programmes.map { "<option value=\"\($0.0)\">\(kit.en ? $0.1.en : $0.1.zh)</option>" }
        let applyForm: HTML = identity.actor.role != .schoolRegistrar ? "" : """
            <h2>\(kit.t("申请资助", "Apply"))</h2>
            <form method="post" action="/aid" class="login">\(csrf)
            \(kit.text("pupil", "全国学籍号", "National student number"))
            <label for="programme">\(kit.t("资助项目", "Programme"))</label><select id="programme" name="programme">\(programmeOptions.joined())</select>\(kit.errorText("programme"))
            <label for="hardship">\(kit.t("困难类别", "Hardship"))</label><select id="hardship" name="hardship">\(hardship.joined())</select>
            \(kit.text("tier", "档次（高中助学金 1–3）", "Tier (senior grant 1–3)", fallback: "0", extra: "inputmode=\"numeric\""))
            <input type="hidden" name="school_year" value="\(year)"><input type="hidden" name="term" value="\(term)">
            <p class="note">\(kit.t("学期", "Term")) \(year)-\(term)</p>
            <p><button type="submit" id="apply">\(kit.t("提交申请", "Apply"))</button></p></form>
            """
        let body: HTML = """
            <h1>\(kit.t("学生资助", "Financial aid"))</h1>\(kit.top)
            <table id="applications"><thead><tr><th>\(kit.t("学籍号", "Number"))</th><th>\(kit.t("姓名", "Name"))</th><th>\(kit.t("项目", "Programme"))</th>
            <th>\(kit.t("学期", "Term"))</th><th>\(kit.t("金额（元）", "Amount (yuan)"))</th><th>\(kit.t("状态", "State"))</th><th></th></tr></thead><tbody>\(rows.joined())</tbody></table>
            \(applyForm)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "学生资助", en: "Financial aid"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func apply(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        do {
            _ = try context.aid.apply(number: form["pupil"] ?? "", programme: form["programme"] ?? "", schoolYear: Int(form["school_year"] ?? "") ?? 0,
                                      term: Int(form["term"] ?? "") ?? 0, hardship: form["hardship"] ?? "", tier: Int(form["tier"] ?? "") ?? 0, by: identity.actor)
            return PageLayout.redirect("/aid")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict || e.kind == .notFound {
            let fieldError = e.fieldErrors.isEmpty ? DomainError(e.kind, code: e.code, message: e.message,
                                                                  fieldErrors: [FieldError(field: "pupil", code: e.code, message: e.message)]) : e
            return try page(request, identity: identity, context: context, values: form, error: fieldError, status: e.kind == .invalid ? 422 : (e.kind == .conflict ? 409 : 404))
        }
    }

    static func approve(_ request: Request, id: String, identity: SessionIdentity, context: RouteContext) throws -> Response {
        guard Authenticator.constantTimeEqual(request.form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        _ = try context.aid.decide(id, approve: true, reason: nil, by: identity.actor)
        return PageLayout.redirect("/aid")
    }
}
