import XuejiCore
import XuejiHTTP
import XuejiServices

/// Registering a new pupil at the registrar's school: the fields of the record with their code
/// tables as choices and sensible defaults, every error shown next to its field, the values kept.
/// With JavaScript on, the resident ID is checked as it is typed and fills in birth date and sex.
enum RegistrationPage {
    static func form(_ request: Request, identity: SessionIdentity, values: [String: String] = [:], error: DomainError? = nil, status: Int = 200) -> Response {
        let kit = FormKit(request, values: values, error: error, rename: RecordFields.formName)
        let body: HTML = """
            <h1>\(kit.t("新生建籍", "Register a pupil"))</h1>\(kit.top)
            <form method="post" action="/pupils/new" class="login register" data-id-check="1">\(FormKit.csrf(identity.csrfToken))
            <input type="hidden" name="form_key" value="\(values["form_key"] ?? FormKey.new())">
            \(RecordFields.inputs(kit, fields: RecordFields.all))
            <p><button type="submit" id="register">\(kit.t("提交", "Register"))</button></p></form>
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
        // A form sent twice (a double click, a resent POST) registers once: the second answer is the
        // pupil the first one registered.
        if let done = FormKey.done(form["form_key"], identity: identity) { return PageLayout.redirect(done) }
        var page: String?
        defer { FormKey.remember(form["form_key"], identity: identity, result: page) }
        do {
            let pupil = try context.pupils.register(draft, by: identity.actor)
            page = "/pupils/\(pupil.number.rawValue)"
            return PageLayout.redirect("/pupils/\(pupil.number.rawValue)")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return Self.form(request, identity: identity, values: form, error: e, status: e.kind == .invalid ? 422 : 409)
        }
    }
}
