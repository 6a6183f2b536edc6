import XuejiCore
import XuejiHTTP
import XuejiServices

/// Editing a pupil's record (the school's registrar). The form carries the version it was read at;
/// when someone else saved in between, the page says so plainly and shows, field by field, what is
/// stored now beside what the user typed, so they can keep theirs deliberately (send again) or
/// start over. School, grade, class and entry date change only through a change (DOMAIN.md §4),
/// and after graduation the identity fields are read-only (§3).
enum EditPage {
    static let fields = RecordFields.all.filter { !PupilService.notEditable.contains($0.name) }

    static func form(_ request: Request, number: String, identity: SessionIdentity, context: RouteContext,
                     values: [String: String]? = nil, error: DomainError? = nil, conflict: [(String, String, String)] = [], status: Int = 200) throws -> Response {
        let view = try context.pupils.get(number, by: identity.actor)
        guard identity.actor.role == .schoolRegistrar || identity.actor.role == .systemAdmin else { throw DomainError.forbidden }
        let pupil = view.pupil, r = pupil.record
        var shown = values ?? RecordFields.values(of: r)
        // The version the user's values were typed against (after a conflict, the one now stored, so
        // that sending again keeps theirs deliberately).
        if shown["version"] == nil { shown["version"] = String(pupil.version) }
        let kit = FormKit(request, values: shown, error: error, rename: RecordFields.formName)
        let locked = pupil.status.locksIdentity ? PupilRecord.identityFields : []
        let rows: [HTML] = conflict.map { field, stored, typed in
            "<tr><th>\(RecordFields.all.first { $0.name == field }.map { kit.en ? $0.en : $0.zh } ?? field)</th><td>\(stored)</td><td>\(typed)</td></tr>"
        }
        let conflictTable: HTML = conflict.isEmpty ? "" : """
            <table id="conflict"><thead><tr><th></th><th>\(kit.t("现在保存的", "Stored now"))</th><th>\(kit.t("您填写的", "What you typed"))</th></tr></thead>
            <tbody>\(rows.joined())</tbody></table>
            <p class="note">\(kit.t("再次点击“保存”将以您填写的内容为准；或返回学生页面重新打开修改。", "Press Save again to keep what you typed, or go back to the pupil's page and start again."))</p>
            """
        let lockNote: HTML = locked.isEmpty ? "" : "<p class=\"note\" id=\"identity-locked\">\(kit.t("学生已毕业（结业、肄业），身份信息不可修改。", "The pupil has left school; the identity fields are read-only."))</p>"
        let body: HTML = """
            <h1>\(kit.t("修改学籍信息", "Edit the record")) · \(r.name) <small>\(pupil.number.rawValue)</small></h1>\(kit.top)\(conflictTable)\(lockNote)
            <p class="note">\(kit.t("学校、年级、班级和入学日期须通过学籍异动办理。", "School, grade, class and entry date change through a status change."))
            \(pupil.schoolName) · \(r.grade) · \(r.className) · \(r.entryDate.description)</p>
            <form method="post" action="/pupils/\(pupil.number.rawValue)/edit" class="login register" data-id-check="1">\(FormKit.csrf(identity.csrfToken))
            <input type="hidden" name="version" value="\(shown["version"] ?? "")">
            \(RecordFields.inputs(kit, fields: fields, locked: locked))
            <p><button type="submit" id="save">\(kit.t("保存", "Save"))</button> <a href="/pupils/\(pupil.number.rawValue)">\(kit.t("取消", "Cancel"))</a></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "修改学籍信息", en: "Edit the record"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func save(_ request: Request, number: String, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        let current = try context.pupils.get(number, by: identity.actor)
        let locked = current.pupil.status.locksIdentity ? PupilRecord.identityFields : []
        var patch = PupilDraft()
        for f in fields where !f.name.hasPrefix("guardian_") && !locked.contains(f.name) {
            if let value = form[f.name] { patch[f.name] = value }
        }
        for flag in PupilDraft.flagFields { patch.flags[flag] = form[flag] == "1" }
        // The first guardian is edited here; any others are kept as they are.
        var guardians = PupilDraft.from(current.pupil.record).guardians
        let first = ["name": form["guardian_name"] ?? "", "relation": form["guardian_relation"] ?? "", "phone": form["guardian_phone"] ?? ""]
        if guardians.isEmpty { guardians = [first.merging(["is_guardian": "1"]) { a, _ in a }] } else { guardians[0].merge(first) { _, new in new } }
        patch.guardians = guardians
        guard let version = form["version"].flatMap({ Int($0) }) else { throw PupilService.stale }
        do {
            let saved = try context.pupils.update(number, patch: patch, expectedVersion: version, by: identity.actor)
            return PageLayout.redirect("/pupils/\(saved.pupil.number.rawValue)?saved=1")
        } catch let e as DomainError where e.kind == .preconditionFailed {
            let stored = RecordFields.values(of: current.pupil.record)
            let differing = fields.map(\.name).filter { (stored[$0] ?? "") != (form[$0] ?? stored[$0] ?? "") && !locked.contains($0) }
                .map { ($0, stored[$0] ?? "", form[$0] ?? "") }
            var typed = form
            typed["version"] = String(current.pupil.version)
            return try Self.form(request, number: number, identity: identity, context: context, values: typed, error: e, conflict: differing, status: 412)
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try Self.form(request, number: number, identity: identity, context: context, values: form, error: e, status: e.kind == .invalid ? 422 : 409)
        }
    }
}
