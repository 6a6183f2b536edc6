import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices

/// Reconciliation with the annual statistics from the browser: upload the table, see the
/// differences with a link to the pupils behind each registry count, and sign off the county's
/// census snapshot.
enum StatisticsCheckPage {
    static func form(_ request: Request, identity: SessionIdentity, context: RouteContext, outcome: ReconciliationService.Outcome? = nil,
                     error: DomainError? = nil, signed: String? = nil, status: Int = 200) throws -> Response {
        guard [.systemAdmin, .bureauAdmin, .bureauReviewer].contains(identity.actor.role) else { throw DomainError.forbidden }
        let kit = FormKit(request, values: [:], error: error)
        let asOf = outcome?.asOf ?? context.reconciliation.defaultDate()
        let result: HTML = outcome.map { o in
            let rows: [HTML] = o.differences.map { d in
                """
                <tr><td>\(d.school)</td><td>\(d.grade)</td><td>\(d.sex == "1" ? kit.t("男", "M") : kit.t("女", "F"))</td><td>\(d.statistics)</td><td>\(d.registry)</td>
                <td class="error">\(d.registry - d.statistics)</td>
                <td><a href="/checks/statistics/pupils?school=\(d.school)&amp;grade=\(d.grade)&amp;sex=\(d.sex)&amp;as_of=\(o.asOf.description)">\(kit.t("学生名单", "Pupils"))</a></td></tr>
                """
            }
            // The schools furthest apart, statistics beside registry (a county has hundreds of schools).
            let apart = o.schoolTotals.filter { $0.value.statistics != $0.value.registry }
                .sorted { (abs($0.value.registry - $0.value.statistics), $1.key) > (abs($1.value.registry - $1.value.statistics), $0.key) }.prefix(15)
            let chart: HTML = apart.isEmpty ? "" : SVGChart.bars(id: "chart-reconciliation", title: kit.t("差异最大的学校：统计数与学籍数", "Schools furthest apart: statistics and registry"),
                                                                labels: apart.map(\.key), axisLabels: MoneyPages.axis(apart.map(\.key)),
                                                                series: [SVGChart.Series(name: kit.t("统计数", "Statistics"), values: apart.map { $0.value.statistics }, style: "s1"),
                                                                         SVGChart.Series(name: kit.t("学籍数", "Registry"), values: apart.map { $0.value.registry }, style: "s2")],
                                                                grouped: true, hiddenNote: "")
            return """
                <p id="summary">\(kit.t("统计日", "Stock date")) \(o.asOf.description) · \(kit.t("一致", "matching")) \(o.matched) · \(kit.t("不一致", "differing")) <strong id="differing">\(o.differences.count)</strong></p>
                <table id="differences"><thead><tr><th>\(kit.t("学校", "School"))</th><th>\(kit.t("年级", "Grade"))</th><th>\(kit.t("性别", "Sex"))</th>
                <th>\(kit.t("统计数", "Statistics"))</th><th>\(kit.t("学籍数", "Registry"))</th><th>\(kit.t("差", "Difference"))</th><th></th></tr></thead><tbody>\(rows.joined())</tbody></table>
                \(chart.rendered.isEmpty ? "" : HTML(trusted: "<section class=\"charts single\">" + chart.rendered + "</section>"))
                <h2>\(kit.t("未能比对的行", "Rows refused")) (\(o.rejected.count))</h2>
                \(RefusedRows.table(o.rejected, english: kit.en))
                """
        } ?? ""
        let county: String
        if case .division(let d) = identity.actor.scope, d.level == .county { county = d.rawValue } else { county = "" }
        let signedNote: HTML = signed.map { "<p class=\"ok\" role=\"status\" id=\"signed\">\(kit.t("已签署统计快照", "Snapshot signed off")): \($0)</p>" } ?? ""
        let body: HTML = """
            <h1>\(kit.t("学籍与事业统计比对", "Reconciliation with the statistics"))</h1>\(kit.top)\(signedNote)
            <form method="post" action="/checks/statistics" enctype="multipart/form-data" class="login">\(FormKit.csrf(identity.csrfToken))
            <label for="file">\(kit.t("事业统计表（学校标识码、年级、性别、在校生数）", "Statistics table (school code, grade, sex, pupils)"))</label>
            <input type="file" id="file" name="file" accept=".csv,.xlsx" required>\(kit.errorText("file"))
            \(kit.text("as_of", "统计日", "Stock date", fallback: asOf.description, type: "date"))
            <p><button type="submit" id="reconcile">\(kit.t("比对", "Compare"))</button></p></form>\(result)
            <h2>\(kit.t("签署统计快照", "Sign off the census snapshot"))</h2>
            <p class="note">\(kit.t("签署后该县当日的学籍数冻结，用于经费测算；此后的更正另行记录。", "Signing freezes the county's registry counts of the day for funding; later corrections are recorded beside them."))</p>
            <form method="post" action="/checks/statistics/sign-off" class="login">\(FormKit.csrf(identity.csrfToken))
            \(kit.text("county", "县级行政区划代码", "County code", fallback: county))\(kit.text("sign_as_of", "统计日", "Stock date", fallback: asOf.description, type: "date"))
            \(kit.checkbox("really", "我确认签署，签署后不可修改", "I am sure: sign it off; it cannot be changed after"))
            <p><button type="submit" id="sign-off">\(kit.t("签署", "Sign off"))</button></p></form>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "学籍与事业统计比对", en: "Reconciliation"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func compare(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        guard Authenticator.constantTimeEqual(request.formField("csrf_token") ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        do {
            guard let part = request.filePart("file") else {
                throw DomainError.validation([FieldError(field: "file", code: "required", message: LocalizedText(zh: "请上传统计表。", en: "Upload the statistics table."))])
            }
            let asOf = request.formField("as_of").flatMap { $0.isEmpty ? nil : $0 }
            let outcome = try context.reconciliation.compare(part.data, region: nil, asOf: asOf, by: identity.actor)
            return try form(request, identity: identity, context: context, outcome: outcome)
        } catch let e as DomainError where e.kind == .invalid {
            return try form(request, identity: identity, context: context, error: e, status: 422)
        }
    }

    static func signOff(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        do {
            guard form["really"] == "1" else {
                throw DomainError.validation([FieldError(field: "really", code: "confirmation_required", message: LocalizedText(zh: "签署前请先勾选确认。", en: "Tick the box to confirm."))])
            }
            let (_, pupils) = try context.reconciliation.signOff(county: form["county"] ?? "", asOf: form["sign_as_of"], by: identity.actor)
            return try Self.form(request, identity: identity, context: context, signed: "\(form["county"] ?? "") · \(form["sign_as_of"] ?? "") · \(pupils)")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try Self.form(request, identity: identity, context: context, error: e, status: e.kind == .invalid ? 422 : 409)
        }
    }

    static func pupils(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let q = request.query
        let list = try context.reconciliation.pupils(school: q["school"] ?? "", grade: Int(q["grade"] ?? "") ?? 0, sex: q["sex"] ?? "", asOf: q["as_of"], by: identity.actor)
        let rows: [HTML] = list.map { "<li><a href=\"/pupils/\($0.number)\">\($0.number)</a> \($0.name)</li>" }
        let body: HTML = """
            <h1>\(t("学籍数背后的学生", "The pupils behind the count"))</h1>
            <p>\(q["school"] ?? "") · \(q["grade"] ?? "")\(t("年级", "")) · \(q["sex"] == "1" ? t("男", "boys") : t("女", "girls")) · \(q["as_of"] ?? "") · \(list.count)</p>
            <ol id="count-pupils">\(rows.joined())</ol><p><a href="/checks/statistics">\(t("返回比对", "Back to the comparison"))</a></p>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "学生名单", en: "Pupils"), viewer: PageLayout.viewer(identity), body: body)
    }
}
