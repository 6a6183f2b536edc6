import XuejiCore
import XuejiHTTP
import XuejiServices

/// The dashboard's picture of the scope (issue 7): key figures, enrolment by grade and sex (stacked
/// bars), changes waiting by age (bars) and changes filed per month (a line). The same tables as
/// `GET /api/v1/reports/{name}`, with the same small-cell hiding for analysts.
enum DashboardCharts {
    /// `headed`: under its own heading (below the tasks), or as the page itself (analysts).
    static func render(_ request: Request, actor: Actor, context: RouteContext, headed: Bool) throws -> HTML {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let hiddenNote = t("“<5”：少于5人的格子对分析人员隐藏，以保护未成年人隐私。", "“<5”: cells under 5 pupils are hidden from analysts to protect minors.")
        let enrolment = try context.statistics.enrolment(in: nil, asOf: nil, by: actor)
        let waiting = try context.statistics.pendingChangesByAge(in: nil, by: actor)
        let monthly = try context.statistics.changesByMonth(in: nil, by: actor)
        let figure = { (v: Int?) in v.map { en ? $0.formatted(english: true) : $0.formatted(english: false) } ?? "<5" }
        let figures: [HTML] = [
            DashboardPage.card(t("在校学生", "Pupils in school"), figure(enrolment.total), alert: false, id: "pupils"),
            DashboardPage.card(t("男生", "Boys"), figure(enrolment.columnTotals.first ?? 0), alert: false, id: "boys"),
            DashboardPage.card(t("女生", "Girls"), figure(enrolment.columnTotals.last ?? 0), alert: false, id: "girls"),
            DashboardPage.card(t("审核中的异动", "Changes in progress"), figure(waiting.total), alert: false, id: "pending-changes"),
        ]
        let grades = enrolment.rowLabels.map { en ? "G\($0)" : "\($0)年级" }
        let bySex = SVGChart.bars(id: "chart-enrolment", title: t("在校学生（按年级、性别）", "Pupils in school by grade and sex"), labels: grades,
                                  axisLabels: grades.count > 6 ? enrolment.rowLabels : nil,
                                  series: [SVGChart.Series(name: t("男", "Boys"), values: enrolment.cells.map { $0[0] }, style: "s1"),
                                           SVGChart.Series(name: t("女", "Girls"), values: enrolment.cells.map { $0[1] }, style: "s2")],
                                  hiddenNote: hiddenNote)
        let byAge = SVGChart.bars(id: "chart-waiting", title: t("审核中的异动（已等待天数）", "Changes in progress, days since filing"),
                                  labels: waiting.columnLabels.map { en ? "\($0) d" : "\($0)天" },
                                  series: [SVGChart.Series(name: t("异动", "Changes"), values: waiting.cells[0], style: "s1")], hiddenNote: hiddenNote)
        let byMonth = SVGChart.line(id: "chart-monthly", title: t("每月提交的异动", "Changes filed per month"),
                                    labels: monthly.columnLabels.map { String($0.suffix(2)) + (en ? "" : "月") },
                                    series: SVGChart.Series(name: t("异动", "Changes"), values: monthly.cells[0], style: "s1"), hiddenNote: hiddenNote)
        return """
            <h2>\(headed ? t("本辖区概况", "My scope at a glance") : "") <span class="hint">\(actor.scope.description) · \(context.clock.today.description)</span></h2>
            <section class="cards" id="figures">\(figures.joined())</section>
            <section class="charts">\(bySex)\(byAge)\(byMonth)</section>
            <p><a id="report-enrolment" href="/api/v1/reports/enrolment?format=xlsx">\(t("下载在校学生统计（XLSX）", "Download the enrolment table (XLSX)"))</a> ·
            <a href="/api/v1/reports/enrolment?format=csv">CSV</a></p>
            """
    }
}

extension Int {
    /// 1,234,567 in English, 1234567 in Chinese (grouping is not customary in Chinese tables).
    func formatted(english: Bool) -> String {
        guard english else { return String(self) }
        var digits = Array(String(abs(self)))
        var out: [Character] = []
        while digits.count > 3 { out = [","] + digits.suffix(3) + out; digits.removeLast(3) }
        return (self < 0 ? "-" : "") + String(digits + out)
    }
}
