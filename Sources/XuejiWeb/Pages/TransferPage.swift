import XuejiCore
import XuejiHTTP
import XuejiServices

/// Starting a transfer from the receiving school (DOMAIN.md §4): the pupil's national number and
/// name, the grade and class here, the reason, and the stamped certificate.
enum TransferPage {
    static func form(_ request: Request, identity: SessionIdentity) -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let body: HTML = """
            <h1>\(t("办理转入", "Transfer a pupil in"))</h1>
            <form method="post" action="/changes/new-transfer" enctype="multipart/form-data" class="login">
            <input type="hidden" name="csrf_token" value="\(identity.csrfToken)">
            <label for="pupil">\(t("全国学籍号", "National student number"))</label><input type="text" id="pupil" name="pupil" required maxlength="19">
            <label for="name">\(t("学生姓名", "Pupil's name"))</label><input type="text" id="name" name="name" required>
            <label for="to_grade">\(t("转入年级", "Grade here"))</label><input type="text" id="to_grade" name="to_grade" inputmode="numeric" required>
            <label for="to_class">\(t("转入班级", "Class here"))</label><input type="text" id="to_class" name="to_class" required>
            <label for="reason">\(t("转学原因", "Reason"))</label><input type="text" id="reason" name="reason" required>
            <label for="certificate">\(t("盖章的转学证明（PDF、JPG、PNG，2 MB以内）", "Stamped transfer certificate (PDF, JPG, PNG, at most 2 MB)"))</label>
            <input type="file" id="certificate" name="certificate" accept=".pdf,.jpg,.jpeg,.png" required>
            <p><button type="submit" id="file-transfer">\(t("提交转入申请", "File the transfer"))</button></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "办理转入", en: "Transfer a pupil in"), viewer: PageLayout.viewer(identity), body: body)
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
        guard let grade = Int(field("to_grade").trimmedBlanks) else {
            throw DomainError.validation([FieldError(field: "to_grade", code: "required", message: LocalizedText(zh: "请填写年级（数字）。", en: "Enter the grade (a number)."))])
        }
        draft.toGrade = grade
        if let certificate = request.formParts.first(where: { $0.name == "certificate" && $0.filename != nil }), !certificate.data.isEmpty {
            draft.attachments = [try context.attachments.upload(certificate.data, filename: certificate.filename ?? "", by: identity.actor).id]
        }
        let (change, _) = try context.changes.file(draft, by: identity.actor)
        return PageLayout.redirect("/changes/\(change.publicID)")
    }
}
