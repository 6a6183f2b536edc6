import XuejiCore
import XuejiHTTP
import XuejiServices

/// Migrant children (随迁子女, DOMAIN.md §5) for a bureau or an analyst: the pupils of each county
/// of the scope whose household lies elsewhere, and the flows from their home province (or county)
/// as a heat map with its table. The same table as `GET /api/v1/reports/migrant-flows`, with the
/// analysts' small cells hidden.
enum ReportPages {
    static func migrants(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let byCounty = request.query["level"] == "county"
        let flows = try context.statistics.migrantFlows(in: nil, byCounty: byCounty, by: identity.actor)
        let hiddenNote = t("“<5”：少于5人的格子对分析人员隐藏。", "“<5”: cells under 5 pupils are hidden from analysts.")
        let perCounty = SVGChart.bars(id: "chart-migrants", title: t("各县（区）随迁子女在校人数", "Migrant pupils in school by county"),
                                      labels: flows.columnLabels, series: [SVGChart.Series(name: t("随迁子女", "Migrant pupils"), values: flows.columnTotals, style: "s2")],
                                      hiddenNote: hiddenNote)
        let heat = SVGChart.heatMap(id: "chart-flows", title: byCounty ? t("流向：户籍县 → 就读县", "Flows: home county → school county")
                                                                     : t("流向：户籍省 → 就读县", "Flows: home province → school county"),
                                    rows: flows.rowLabels, columns: flows.columnLabels, cells: flows.cells, hiddenNote: hiddenNote)
        let level = byCounty ? "county" : "province"
        let body: HTML = """
            <h1>\(t("随迁子女", "Migrant pupils"))</h1>
            <p class="note">\(t("户口所在地不在就读学校所在县（区）的在校学生。", "Pupils in school whose household registration lies outside their school's county."))
            \(t("合计", "Total")): <strong id="migrant-total">\(flows.total.map(String.init) ?? "<5")</strong></p>
            <p class="actions"><a href="/reports/migrants?level=province" id="by-province">\(t("按户籍省", "By home province"))</a>
            <a href="/reports/migrants?level=county" id="by-county">\(t("按户籍县", "By home county"))</a>
            <a href="/api/v1/reports/migrant-flows?level=\(level)&amp;format=xlsx">XLSX</a> <a href="/api/v1/reports/migrant-flows?level=\(level)&amp;format=csv">CSV</a></p>
            <section class="charts single">\(perCounty)</section>\(heat)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "随迁子女", en: "Migrant pupils"), viewer: PageLayout.viewer(identity), body: body)
    }
}
