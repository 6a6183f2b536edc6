import XuejiCore
import XuejiHTTP
import XuejiServices

/// Starting a transfer from the receiving school (DOMAIN.md §4): the pupil's national number and
/// name, the grade and class here, the reason, and the stamped certificate.
enum TransferPage {
    static func form(_ request: Request, identity: SessionIdentity, context: RouteContext, values: [String: String] = [:], error: DomainError? = nil, status: Int = 200) -> Response {
        let kit = FormKit(request, values: values, error: error, rename: { $0 == "attachments" ? "certificate" : $0 })
        // The school's classes as suggestions for the class field (any registrar's school has some).
        let classes = identity.actor.role == .schoolRegistrar ? ((try? context.schools.classes(school: identity.actor.scope.description, by: identity.actor)) ?? []) : []
        let suggestions: [HTML] = classes.map { "<option value=\"\($0.name)\">\($0.grade)</option>" }
        let body: HTML = """
            <h1>\(kit.t("办理转入", "Transfer a pupil in"))</h1>\(kit.top)
            <form method="post" action="/changes/new-transfer" enctype="multipart/form-data" class="login">\(FormKit.csrf(identity.csrfToken))
            <input type="hidden" name="form_key" value="\(values["form_key"] ?? FormKey.new())">
            \(kit.text("pupil", "全国学籍号", "National student number", extra: "required maxlength=\"19\""))
            \(kit.text("name", "学生姓名", "Pupil's name", extra: "required"))
            \(kit.text("to_grade", "转入年级", "Grade here", extra: "inputmode=\"numeric\" required"))
            \(kit.text("to_class", "转入班级", "Class here", extra: "required list=\"school-classes\""))<datalist id="school-classes">\(suggestions.joined())</datalist>
            \(kit.text("reason", "转学原因", "Reason", extra: "required"))
            <label for="certificate">\(kit.t("盖章的转学证明（PDF、JPG、PNG，2 MB以内）", "Stamped transfer certificate (PDF, JPG, PNG, at most 2 MB)"))</label>
            <input type="file" id="certificate" name="certificate" accept=".pdf,.jpg,.jpeg,.png" required>\(kit.errorText("certificate"))
            <p><button type="submit" id="file-transfer">\(kit.t("提交转入申请", "File the transfer"))</button></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "办理转入", en: "Transfer a pupil in"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func file(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let field = { (name: String) in request.formField(name) ?? "" }
        guard Authenticator.constantTimeEqual(field("csrf_token"), identity.csrfToken) else { throw Authenticator.csrfMissing }
        guard identity.actor.role == .schoolRegistrar else { throw DomainError.forbidden }
        var draft = ChangeDraft()
        draft.type = "transfer"
        draft.pupil = field("pupil")
        draft.name = field("name")
        draft.reason = field("reason")
        draft.toClass = field("to_class")
        let values = FormResume.fields(of: request).merging(["form_key": field("form_key")]) { _, key in key }
        // A transfer sent twice (a double click) is filed once; the second answer is the first change.
        if let done = FormKey.done(field("form_key"), identity: identity) { return PageLayout.redirect(done) }
        var page: String?
        defer { FormKey.remember(field("form_key"), identity: identity, result: page) }
        do {
            guard let grade = Int(field("to_grade").trimmedBlanks) else {
                throw DomainError.validation([FieldError(field: "to_grade", code: "required", message: LocalizedText(zh: "请填写年级（数字）。", en: "Enter the grade (a number)."))])
            }
            draft.toGrade = grade
            if let certificate = request.filePart("certificate") {
                draft.attachments = [try context.attachments.upload(certificate.data, filename: certificate.filename ?? "", by: identity.actor).id]
            }
            let (change, _) = try context.changes.file(draft, by: identity.actor)
            page = "/changes/\(change.publicID)"
            return PageLayout.redirect("/changes/\(change.publicID)")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict || e.kind == .notFound {
            // Not found (a wrong number or name) is said on the form too, with what was typed kept.
            return Self.form(request, identity: identity, context: context, values: values, error: e, status: e.kind == .invalid ? 422 : (e.kind == .conflict ? 409 : 404))
        }
    }
}
