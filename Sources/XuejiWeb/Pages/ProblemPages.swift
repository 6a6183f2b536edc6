import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Problem records (问题学籍, DOMAIN.md §4): the school's list, and each record with its three ways
/// out: delete the record (the pupil is not here, behind a confirmation because it cannot be
/// undone), confirm it with proof, or correct the identity fields.
enum ProblemPages {
    static let kinds: [String: LocalizedText] = [
        "duplicate_id": LocalizedText(zh: "身份证件号重复", en: "Duplicate ID number"),
        "invalid_id": LocalizedText(zh: "身份证件号无效", en: "Invalid ID number"),
        "identity_mismatch": LocalizedText(zh: "身份核验不一致", en: "Identity check mismatch"),
        "duplicate_candidate": LocalizedText(zh: "疑似重复学籍", en: "Possible duplicate record"),
    ]

    /// What each kind means, for the person who resolves it.
    static let explanations: [String: LocalizedText] = [
        "duplicate_id": LocalizedText(zh: "该身份证件号已在另一学籍中使用。", en: "The ID number is used by another record."),
        "invalid_id": LocalizedText(zh: "身份证件号未通过校验。", en: "The ID number does not pass its checks."),
        "identity_mismatch": LocalizedText(zh: "公安身份核验结果与学籍中的姓名或证件号不一致。", en: "The identity verification disagrees with the recorded name or ID number."),
        "duplicate_candidate": LocalizedText(zh: "与另一学籍的姓名、性别、出生日期都相同，可能是同一人。", en: "Same name, sex and birth date as another record: possibly the same person."),
    ]

    static func label(_ kind: String, _ en: Bool) -> String { kinds[kind].map { en ? $0.en : $0.zh } ?? kind }

    static func list(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let state = request.query["state"] == "resolved" ? "resolved" : "open"
        let page = try Pagination(request)
        let result = try context.problems.list(by: identity.actor, school: nil, kind: request.query["kind"], state: state, after: page.after, limit: min(page.limit, 50))
        let rows: [HTML] = result.items.map { p in
            """
            <tr><td><a href="/problems/\(p.id)">\(label(p.kind, en))</a></td><td><a href="/pupils/\(p.pupilNumber)">\(p.pupilNumber)</a></td>
            <td>\(p.pupilName)</td><td>\(p.school)</td><td>\(p.detail)</td></tr>
            """
        }
        let next: HTML = result.nextKey.map { "<p><a id=\"next\" href=\"/problems?state=\(state)&amp;cursor=\(Pagination.encode(key: $0))\">\(t("下一页", "Next page")) →</a></p>" } ?? ""
        let deleted: HTML = request.query["deleted"] == "1" ? "<p class=\"ok\" role=\"status\" id=\"deleted\">\(t("学籍已删除。", "The record was deleted."))</p>" : ""
        let body: HTML = """
            <h1>\(t("问题学籍", "Problem records"))</h1>\(deleted)
            <p class="actions"><a href="/problems?state=open"\(state == "open" ? HTML(trusted: " aria-current=\"page\"") : "")>\(t("待处理", "Open"))</a>
            <a href="/problems?state=resolved" id="show-resolved"\(state == "resolved" ? HTML(trusted: " aria-current=\"page\"") : "")>\(t("已处理", "Resolved"))</a></p>
            \(rows.isEmpty ? HTML(trusted: "<p id=\"none\">" + HTML.escape(t("没有问题学籍。", "No problem records.")) + "</p>") : "")
            <table id="problems"><thead><tr><th>\(t("问题", "Problem"))</th><th>\(t("全国学籍号", "National number"))</th><th>\(t("姓名", "Name"))</th>
            <th>\(t("学校", "School"))</th><th>\(t("说明", "Detail"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>\(next)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "问题学籍", en: "Problem records"), viewer: PageLayout.viewer(identity), body: body)
    }

    static func detail(_ request: Request, id: String, identity: SessionIdentity, context: RouteContext,
                       values: [String: String]? = nil, error: DomainError? = nil, status: Int = 200) throws -> Response {
        let problem = try context.problems.get(id, by: identity.actor)
        let pupil = try context.pupils.get(problem.pupilNumber, by: identity.actor)
        let record = RecordFields.values(of: pupil.pupil.record)
        // After a refused action the form shows what was sent, over the record as stored.
        let kit = FormKit(request, values: record.merging(values ?? [:]) { _, sent in sent }, error: error)
        let csrf = FormKit.csrf(identity.csrfToken)
        let mayResolve = problem.state == "open" && (identity.actor.role == .schoolRegistrar || identity.actor.role == .systemAdmin)
        let identityFields = RecordFields.all.filter { ["name", "sex", "birth_date", "id_type", "id_number"].contains($0.name) }
        let forms: HTML = !mayResolve ? "" : """
            <section class="cards">
            <form method="post" action="/problems/\(problem.id)/resolve" class="card" id="form-correct">\(csrf)<input type="hidden" name="action" value="correct">
            <h2>\(kit.t("更正信息", "Correct the record"))</h2>\(RecordFields.inputs(kit, fields: identityFields, withFlags: false))
            <p><button type="submit" id="correct">\(kit.t("保存更正", "Save the correction"))</button></p></form>
            <form method="post" action="/problems/\(problem.id)/resolve" enctype="multipart/form-data" class="card" id="form-confirm">\(csrf)<input type="hidden" name="action" value="confirm">
            <h2>\(kit.t("确认无误", "Confirm as it is"))</h2><p class="note">\(kit.t("附上户口簿、出生证明等证明材料（PDF、JPG、PNG，2 MB以内）。", "Attach proof such as the household register or birth certificate (PDF, JPG, PNG, at most 2 MB)."))</p>
            <label for="proof">\(kit.t("证明材料", "Proof"))</label><input type="file" id="proof" name="proof" accept=".pdf,.jpg,.jpeg,.png">\(kit.errorText("attachment"))
            <p><button type="submit" id="confirm">\(kit.t("确认", "Confirm"))</button></p></form>
            <form method="post" action="/problems/\(problem.id)/resolve" class="card" id="form-delete">\(csrf)<input type="hidden" name="action" value="delete">
            <h2>\(kit.t("删除学籍", "Delete the record"))</h2><p class="note">\(kit.t("该学生不在本校就读时删除。删除后不可恢复。", "When the pupil is not at this school. This cannot be undone."))</p>
            \(kit.checkbox("really", "我确认删除该学籍", "I am sure: delete this record"))
            <p><button type="submit" class="danger" id="delete">\(kit.t("删除", "Delete"))</button></p></form>
            </section>
            """
        let body: HTML = """
            <h1>\(label(problem.kind, kit.en)) · \(problem.pupilName)</h1>\(kit.top)
            <p>\(kit.t("状态", "State")): <strong id="problem-state">\(problem.state)</strong> · <a href="/pupils/\(problem.pupilNumber)">\(problem.pupilNumber)</a> · \(problem.school)</p>
            <p>\(explanations[problem.kind].map { kit.en ? $0.en : $0.zh } ?? problem.detail)</p>\(forms)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "问题学籍", en: "Problem record"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func resolve(_ request: Request, id: String, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let multipart = !request.formParts.isEmpty
        let form = multipart ? [:] : request.form
        let field = { (name: String) in multipart ? request.formField(name) : form[name] }
        guard Authenticator.constantTimeEqual(field("csrf_token") ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        let action = ProblemService.Action(rawValue: field("action") ?? "")
        do {
            switch action {
            case .delete:
                guard field("really") == "1" else {
                    throw DomainError.validation([FieldError(field: "really", code: "confirmation_required",
                                                             message: LocalizedText(zh: "删除不可恢复，请先勾选确认。", en: "Deleting cannot be undone; tick the box to confirm."))])
                }
                try context.problems.resolve(id, action: .delete, attachment: nil, corrections: PupilDraft(), by: identity.actor)
                return PageLayout.redirect("/problems?deleted=1")
            case .confirm:
                var attachment: String?
                if let proof = request.filePart("proof") {
                    attachment = try context.attachments.upload(proof.data, filename: proof.filename ?? "", by: identity.actor).id
                }
                try context.problems.resolve(id, action: .confirm, attachment: attachment, corrections: PupilDraft(), by: identity.actor)
            case .correct:
                var corrections = PupilDraft()
                for name in ["name", "sex", "birth_date", "id_type", "id_number"] { if let v = form[name] { corrections[name] = v } }
                try context.problems.resolve(id, action: .correct, attachment: nil, corrections: corrections, by: identity.actor)
            case nil:
                throw DomainError.validation([FieldError(field: "action", code: "invalid_code",
                                                         message: LocalizedText(zh: "处理方式为删除、确认或更正。", en: "The action is delete, confirm or correct."))])
            }
            return PageLayout.redirect("/problems/\(id)")
        } catch let e as DomainError where e.kind == .invalid {
            return try detail(request, id: id, identity: identity, context: context, values: multipart ? nil : form, error: e, status: 422)
        }
    }
}
