import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices

/// 四查三比对 from the browser: upload the household list (and the poverty-relief list), see the
/// children in no school, the dropouts, the priority cases and the rows that could not be read.
enum HouseholdCheckPage {
    static func form(_ request: Request, identity: SessionIdentity, result: HouseholdCheck.Result? = nil, error: DomainError? = nil, status: Int = 200) -> Response {
        let kit = FormKit(request, values: [:], error: error)
        let yes = kit.t("是", "yes")
        let outcome: HTML = result.map { r in
            let out: [HTML] = r.outOfSchool.map { c in
                "<tr><td>\(c.row)</td><td>\(c.name)</td><td>\(PupilView.maskID(c.idNumber) ?? "")</td><td>\(c.hukouPlace)</td><td class=\"error\">\(c.poverty ? yes : "")</td></tr>"
            }
            let drops: [HTML] = r.dropouts.map { d in
                "<tr><td><a href=\"/pupils/\(d.number)\">\(d.number)</a></td><td>\(d.name)</td><td>\(d.school)</td><td>\(d.grade)</td><td>\(d.reason)</td><td class=\"error\">\(d.poverty ? yes : "")</td></tr>"
            }
            return """
                <section class="cards" id="check-figures">
                \(DashboardPage.card(kit.t("名单人数", "Rows"), String(r.rows), alert: false, id: "rows"))
                \(DashboardPage.card(kit.t("在校", "In school"), String(r.inSchool), alert: false, id: "in-school"))
                \(DashboardPage.card(kit.t("疑似失学（名单有、学籍无）", "Out of school (listed, no record)"), String(r.outOfSchool.count), alert: !r.outOfSchool.isEmpty, id: "out-of-school"))
                \(DashboardPage.card(kit.t("辍学或疑似辍学", "Dropouts and suspected"), String(r.dropouts.count), alert: !r.dropouts.isEmpty, id: "dropouts"))
                \(DashboardPage.card(kit.t("建档立卡等重点对象", "Priority (poverty list)"), String(r.priority), alert: r.priority > 0, id: "priority"))
                </section>
                <h2>\(kit.t("疑似失学儿童", "Children in no school"))</h2>
                <table id="out-of-school"><thead><tr><th>\(kit.t("行", "Row"))</th><th>\(kit.t("姓名", "Name"))</th><th>\(kit.t("身份证号", "ID number"))</th>
                <th>\(kit.t("户籍地", "Household place"))</th><th>\(kit.t("重点对象", "Priority"))</th></tr></thead><tbody>\(out.joined())</tbody></table>
                <h2>\(kit.t("辍学或疑似辍学学生", "Dropouts and suspected dropouts"))</h2>
                <table id="dropouts"><thead><tr><th>\(kit.t("全国学籍号", "National number"))</th><th>\(kit.t("姓名", "Name"))</th><th>\(kit.t("学校", "School"))</th>
                <th>\(kit.t("年级", "Grade"))</th><th>\(kit.t("依据", "Why"))</th><th>\(kit.t("重点对象", "Priority"))</th></tr></thead><tbody>\(drops.joined())</tbody></table>
                <h2>\(kit.t("无法读取的行", "Rows that could not be read")) (\(r.rejected.count))</h2>
                \(RefusedRows.table(r.rejected, english: kit.en, id: "rejected"))
                """
        } ?? ""
        let body: HTML = """
            <h1>\(kit.t("四查三比对", "Household-list comparison"))</h1>\(kit.top)
            <p class="note">\(kit.t("上传公安户籍名单（义务教育适龄儿童）和建档立卡等名单（CSV 或 XLSX，含“身份证号”列）。文件仅用于本次比对，不保存。",
                                   "Upload the household-registration list of compulsory-age children and the poverty-relief list (CSV or XLSX with an ID column). The files are compared, not kept."))</p>
            <form method="post" action="/checks/household" enctype="multipart/form-data" class="login">\(FormKit.csrf(identity.csrfToken))
            <label for="household">\(kit.t("户籍名单", "Household list"))</label><input type="file" id="household" name="household" accept=".csv,.xlsx" required>\(kit.errorText("household"))
            <label for="poverty">\(kit.t("建档立卡名单（可选）", "Poverty-relief list (optional)"))</label><input type="file" id="poverty" name="poverty" accept=".csv,.xlsx">
            <p><button type="submit" id="compare">\(kit.t("比对", "Compare"))</button></p></form>\(outcome)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "四查三比对", en: "Household-list comparison"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func run(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        guard Authenticator.constantTimeEqual(request.formField("csrf_token") ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        do {
            guard let household = request.filePart("household") else {
                throw DomainError.validation([FieldError(field: "household", code: "required", message: LocalizedText(zh: "请上传户籍名单文件。", en: "Upload the household list."))])
            }
            let result = try context.householdCheck.run(household: household.data, poverty: request.filePart("poverty")?.data, region: nil, by: identity.actor)
            return form(request, identity: identity, result: result)
        } catch let e as DomainError where e.kind == .invalid {
            return form(request, identity: identity, error: e, status: 422)
        }
    }
}
