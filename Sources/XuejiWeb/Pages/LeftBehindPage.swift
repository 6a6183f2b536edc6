import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// A left-behind child's living record (留守儿童档案): the record as a form for the school's
/// registrar (read-only above it, the carer's phone masked), the contact log, and a form to log a
/// call or home visit.
enum LeftBehindPage {
    static let away: [(String, LocalizedText)] = [("both", LocalizedText(zh: "父母均外出", en: "Both parents away")),
                                                 ("father", LocalizedText(zh: "父亲外出", en: "Father away")),
                                                 ("mother", LocalizedText(zh: "母亲外出", en: "Mother away"))]
    static let kinds: [(String, LocalizedText)] = [("visit", LocalizedText(zh: "家访", en: "Home visit")), ("call", LocalizedText(zh: "电话", en: "Call")),
                                                  ("meeting", LocalizedText(zh: "面谈", en: "Meeting"))]

    static func page(_ request: Request, number: String, identity: SessionIdentity, context: RouteContext, values: [String: String]? = nil,
                     error: DomainError? = nil, status: Int = 200) throws -> Response {
        let view = try context.leftBehind.get(number, by: identity.actor)
        var shown: [String: String] = [:]
        if let r = view.record {
            shown = ["parents_away": r.parentsAway, "father_place": r.fatherPlace, "mother_place": r.motherPlace, "away_since": r.awaySince.description,
                     "carer_name": r.carerName, "carer_relation": r.carerRelation, "carer_phone": r.carerPhone, "care_measures": r.careMeasures]
        }
        let kit = FormKit(request, values: shown.merging(values ?? [:]) { _, sent in sent }, error: error)
        let csrf = FormKit.csrf(identity.csrfToken)
        let mayWrite = identity.actor.role == .schoolRegistrar || identity.actor.role == .systemAdmin
        let mayLog = [.schoolRegistrar, .schoolApprover, .systemAdmin].contains(identity.actor.role)
        let readOnly: HTML = mayWrite ? "" : "disabled"
        let awayOptions: [HTML] = away.map { code, label in
            "<option value=\"\(code)\"\(kit.values["parents_away"] == code ? HTML(trusted: " selected") : "")>\(kit.en ? label.en : label.zh)</option>"
        }
        let kindOptions: [HTML] = kinds.map { code, label in "<option value=\"\(code)\">\(kit.en ? label.en : label.zh)</option>" }
        let log: [HTML] = view.contacts.map { c in
            "<li>\(c.day) · \(kinds.first { $0.0 == c.kind }.map { kit.en ? $0.1.en : $0.1.zh } ?? c.kind) · \(c.author) — \(c.note)</li>"
        }
        let contactForm: HTML = !mayLog ? "" : """
            <form method="post" action="/pupils/\(view.number)/left-behind/contacts" class="login">\(csrf)
            <label for="kind">\(kit.t("方式", "How"))</label><select id="kind" name="kind">\(kindOptions.joined())</select>
            \(kit.text("day", "日期", "Date", fallback: context.clock.today.description, type: "date"))
            <label for="note">\(kit.t("内容", "What was discussed"))</label><textarea id="note" name="note" rows="2"></textarea>\(kit.errorText("note"))
            <p><button type="submit" id="add-contact">\(kit.t("记录", "Log it"))</button></p></form>
            """
        let body: HTML = """
            <h1>\(kit.t("留守儿童档案", "Left-behind child's record")) · \(view.name) <small>\(view.number)</small></h1>\(kit.top)
            <p class="note">\(kit.t("学籍标记", "Registry flag")): \(view.flag) · \(kit.t("学籍口径为父母外出满3个月，统计口径为满6个月。", "The registry counts 3 months away; the statistics count 6."))</p>
            <form method="post" action="/pupils/\(view.number)/left-behind" class="login">\(csrf)
            <label for="parents_away">\(kit.t("外出情况", "Who is away"))</label><select id="parents_away" name="parents_away" \(readOnly)>\(awayOptions.joined())</select>\(kit.errorText("parents_away"))
            \(kit.text("father_place", "父亲务工地", "Father works in", extra: readOnly))\(kit.text("mother_place", "母亲务工地", "Mother works in", extra: readOnly))
            \(kit.text("away_since", "外出日期", "Away since", type: "date", extra: readOnly))
            \(kit.text("carer_name", "实际监护人", "Actual carer", extra: readOnly))\(kit.text("carer_relation", "与学生关系", "Relation", extra: readOnly))
            \(kit.text("carer_phone", "监护人电话", "Carer's phone", extra: readOnly))
            <label for="care_measures">\(kit.t("关爱措施", "Care measures"))</label><textarea id="care_measures" name="care_measures" rows="3" \(readOnly)>\(kit.values["care_measures"] ?? "")</textarea>
            \(mayWrite ? HTML(trusted: "<p><button type=\"submit\" id=\"save-record\">" + HTML.escape(kit.t("保存档案", "Save the record")) + "</button></p>") : "")</form>
            <h2>\(kit.t("联系记录", "Contacts"))</h2><ol id="contacts">\(log.joined())</ol>\(contactForm)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "留守儿童档案", en: "Left-behind child's record"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func save(_ request: Request, number: String, contact: Bool, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        do {
            if contact {
                _ = try context.leftBehind.addContact(number, day: form["day"] ?? "", kind: form["kind"] ?? "", note: form["note"] ?? "", by: identity.actor)
            } else {
                _ = try context.leftBehind.save(number, fields: form, by: identity.actor)
            }
            return PageLayout.redirect("/pupils/\(number)/left-behind")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try page(request, number: number, identity: identity, context: context, values: contact ? [:] : form, error: e, status: e.kind == .invalid ? 422 : 409)
        }
    }
}
