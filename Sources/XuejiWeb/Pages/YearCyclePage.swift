import XuejiCore
import XuejiHTTP
import XuejiServices

/// Promotion (升级) and graduation (毕业) from the browser (DOMAIN.md §4): choose the school year
/// and the schools, see the counts of a dry run first, then confirm; the batch that ran can be
/// reverted exactly, behind a confirmation too.
enum YearCyclePage {
    struct Choice {
        var action = "promote", year = "", school = "", completed = "", leftEarly = ""

        init(_ values: [String: String], defaultYear: Int) {
            action = values["action"] == "graduate" ? "graduate" : "promote"
            year = values["school_year"] ?? String(defaultYear)
            school = values["school"] ?? ""
            completed = values["completed"] ?? ""
            leftEarly = values["left_early"] ?? ""
        }

        var hidden: HTML {
            """
            <input type="hidden" name="action" value="\(action)"><input type="hidden" name="school_year" value="\(year)">
            <input type="hidden" name="school" value="\(school)"><input type="hidden" name="completed" value="\(completed)">
            <input type="hidden" name="left_early" value="\(leftEarly)">
            """
        }

        static func numbers(_ text: String) -> Set<String> {
            Set(text.split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == " " || $0 == "\r" }).map { String($0).uppercased() })
        }
    }

    /// The roles that run the year cycle (YearCycleService checks the same).
    static let roles: Set<Role> = [.systemAdmin, .bureauAdmin, .bureauReviewer, .schoolRegistrar]

    static func form(_ request: Request, identity: SessionIdentity, context: RouteContext, values: [String: String] = [:], error: DomainError? = nil,
                     preview: (Choice, YearCycleService.Outcome)? = nil, batch: String? = nil, status: Int = 200) throws -> Response {
        guard roles.contains(identity.actor.role) else { throw DomainError.forbidden }
        let today = context.clock.today
        let choice = Choice(values, defaultYear: today.month >= 7 ? today.year : today.year - 1)
        var kitValues = values
        kitValues["school_year"] = choice.year
        let kit = FormKit(request, values: kitValues, error: error)
        let isSchool = identity.actor.role == .schoolRegistrar
        let actionChoice: HTML = """
            <fieldset><legend>\(kit.t("操作", "Action"))</legend>
            <label><input type="radio" name="action" value="promote" id="action-promote"\(choice.action == "promote" ? HTML(trusted: " checked") : "")> \(kit.t("升级（8月10日，最高年级以外的在校学生升入下一年级）", "Promotion (10 August: every pupil below the final grade moves up)"))</label>
            <label><input type="radio" name="action" value="graduate" id="action-graduate"\(choice.action == "graduate" ? HTML(trusted: " checked") : "")> \(kit.t("毕业（7月30日前，最高年级学生离校）", "Graduation (by 30 July: the final grade leaves)"))</label></fieldset>
            """
        let schoolField: HTML = isSchool ? "<p class=\"note\">\(kit.t("本校", "This school")): \(identity.actor.scope.description)</p>"
            : kit.text("school", "学校标识码（留空为本辖区全部学校）", "School code (blank for every school in my scope)")
        let q = request.query
        let done: HTML = (batch ?? q["batch"]).map { batch in
            """
            <section class="card" id="batch-done"><p class="ok" role="status">\(kit.t("已完成", "Done"))\(q["moved"].map { ": " + $0 + kit.t(" 名学生", " pupils") } ?? "") · \(kit.t("批次", "batch")) <strong id="batch">\(batch)</strong></p>
            <form method="post" action="/batches/\(batch)/revert">\(FormKit.csrf(identity.csrfToken))
            \(kit.checkbox("really", "我确认撤销该批次（学生恢复到运行前的年级和状态）", "I am sure: revert this batch (pupils return to their grade and status before it)"))
            <p><button type="submit" class="danger" id="revert">\(kit.t("撤销该批次", "Revert this batch"))</button></p></form></section>
            """
        } ?? ""
        let reverted: HTML = q["reverted"].map { "<p class=\"ok\" role=\"status\" id=\"reverted\">\(kit.t("已撤销批次", "Reverted batch")) \($0) · \(q["pupils"] ?? "0") \(kit.t("名学生", "pupils"))</p>" } ?? ""
        let previewBox: HTML = preview.map { choice, outcome in
            let what = choice.action == "promote" ? kit.t("升级", "promoted") : kit.t("毕业", "graduated")
            return """
                <section class="card" id="preview"><h2>\(kit.t("预览（尚未执行）", "Preview (nothing done yet)"))</h2>
                <p>\(kit.t("将", "Would be")) \(what): <strong id="preview-moved">\(outcome.moved)</strong> \(kit.t("名学生", "pupils"))\(choice.action == "promote" ? HTML(trusted: " · " + HTML.escape(kit.t("跳过（本学年已升级）", "skipped (already promoted this year)")) + " <strong id=\"preview-skipped\">" + String(outcome.skipped) + "</strong>") : "")
                \(outcome.late ? HTML(trusted: " · <strong class=\"error\">" + HTML.escape(kit.t("已过7月30日，将标记为逾期", "after 30 July: marked late")) + "</strong>") : "")</p>
                <form method="post" action="/year-cycle/run">\(FormKit.csrf(identity.csrfToken))\(choice.hidden)
                <p><button type="submit" id="run">\(kit.t("确认执行", "Run it"))</button> <a href="/year-cycle">\(kit.t("取消", "Cancel"))</a></p></form></section>
                """
        } ?? ""
        let body: HTML = """
            <h1>\(kit.t("升级与毕业", "Promotion and graduation"))</h1>\(kit.top)\(done)\(reverted)\(previewBox)
            <form method="post" action="/year-cycle/preview" class="login">\(FormKit.csrf(identity.csrfToken))
            \(actionChoice)\(kit.text("school_year", "学年（夏季所在年份）", "School year (the summer's year)", extra: "inputmode=\"numeric\""))\(schoolField)
            <label for="completed">\(kit.t("毕业时结业的学生（全国学籍号，每行一个）", "Graduation: pupils who complete without graduating (结业), one number per line"))</label>
            <textarea id="completed" name="completed" rows="2">\(choice.completed)</textarea>
            <label for="left_early">\(kit.t("毕业时肄业的学生（全国学籍号，每行一个）", "Graduation: pupils who leave early (肄业), one number per line"))</label>
            <textarea id="left_early" name="left_early" rows="2">\(choice.leftEarly)</textarea>
            <p><button type="submit" id="preview-button">\(kit.t("预览人数", "Preview the counts"))</button></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "升级与毕业", en: "Promotion and graduation"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    /// A dry run (`run == false`) shown as a preview, or the real run, redirected to its batch.
    static func submit(_ request: Request, run: Bool, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        let choice = Choice(form, defaultYear: context.clock.today.year)
        do {
            guard let year = Int(choice.year.trimmedBlanks) else {
                throw DomainError.validation([FieldError(field: "school_year", code: "invalid_year", message: LocalizedText(zh: "请填写四位年份。", en: "Enter a four-digit year."))])
            }
            var scope = identity.actor.scope
            if !choice.school.trimmedBlanks.isEmpty {
                guard let code = SchoolCode(choice.school.trimmedBlanks) else {
                    throw DomainError.validation([FieldError(field: "school", code: "invalid_school_code", message: LocalizedText(zh: "学校标识码为10位数字。", en: "A school code has 10 digits."))])
                }
                scope = .school(code)
            }
            let outcome = choice.action == "graduate"
                ? try context.yearCycle.graduate(schoolYear: year, scope: scope, completed: Choice.numbers(choice.completed),
                                                 leftEarly: Choice.numbers(choice.leftEarly), dryRun: !run, by: identity.actor)
                : try context.yearCycle.promote(schoolYear: year, scope: scope, dryRun: !run, by: identity.actor)
            guard run else { return try Self.form(request, identity: identity, context: context, values: form, preview: (choice, outcome)) }
            return PageLayout.redirect("/year-cycle?batch=\(outcome.batch ?? "")&moved=\(outcome.moved)")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try Self.form(request, identity: identity, context: context, values: form, error: e, status: e.kind == .invalid ? 422 : 409)
        }
    }

    static func revert(_ request: Request, batch: String, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        guard form["really"] == "1" else {
            let unticked = DomainError.validation([FieldError(field: "really", code: "confirmation_required",
                                                              message: LocalizedText(zh: "撤销前请先勾选确认。", en: "Tick the box to confirm the revert."))])
            return try Self.form(request, identity: identity, context: context, error: unticked, batch: batch, status: 422)
        }
        let result = try context.batches.revert(batch, by: identity.actor)
        return PageLayout.redirect("/year-cycle?reverted=\(result.batch)&pupils=\(result.pupils)")
    }
}
