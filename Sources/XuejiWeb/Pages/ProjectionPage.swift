import XuejiCore
import XuejiHTTP
import XuejiServices

/// Enrolment projections on the web (issue 9): one county's projection against its capacity, the
/// places outlook of every county of a prefecture or province, and the births list that feeds the
/// entrants. The routes keep their names under `ReportPages`.
extension ReportPages {
    /// A county's enrolment projection: demand by year against its capacity, and the grades × years
    /// table. Analysts see the report with small cells hidden (`GET /api/v1/reports/projection`).
    static func projection(_ request: Request, identity: SessionIdentity, context: RouteContext, births: BirthCohorts.Outcome? = nil,
                           error: DomainError? = nil, status: Int = 200) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        var county = request.query["county"] ?? request.formField("county") ?? ""
        if county.isEmpty, case .division(let d) = identity.actor.scope, d.level == .county { county = d.rawValue }
        var content: HTML = "<p class=\"note\">\(t("请输入县级行政区划代码。", "Enter a county code."))</p>"
        if county.isEmpty, case .division = identity.actor.scope {
            content = try outlook(request, identity: identity, context: context)
        }
        if !county.isEmpty {
            do {
                let table = try context.statistics.projectionTable(county: county, by: identity.actor)
                let detail = identity.actor.role == .analyst ? nil : try context.statistics.projection(county: county, by: identity.actor)
                let demand = SVGChart.bars(id: "chart-demand", title: t("在校生需求（人）", "Pupils expected"), labels: table.columnLabels,
                                           series: [SVGChart.Series(name: t("需求", "Demand"), values: table.columnTotals, style: "s1")],
                                           hiddenNote: t("“<5”：少于5人的格子对分析人员隐藏。", "“<5”: cells under 5 pupils are hidden from analysts."))
                let rows: [HTML] = table.rowLabels.enumerated().map { i, grade in
                    let cells: [HTML] = table.cells[i].map { "<td>\($0.map(String.init) ?? "<5")</td>" }
                    return "<tr><th scope=\"row\">\(grade)</th>\(cells.joined())</tr>"
                }
                let heads: [HTML] = table.columnLabels.map { "<th scope=\"col\">\($0)</th>" }
                let capacity: HTML = detail.map { d in
                    let over = d.demand.enumerated().filter { $0.element > d.capacity }.map { String(d.baseYear + $0.offset + 1) }
                    let fromBirths = d.model.entrantSources.enumerated().filter { $0.element == .births }.map { String(d.baseYear + $0.offset + 1) }
                    let ratio = d.model.entryRatio.map { String(format: "%.2f", $0) } ?? "1"
                    let entrants = fromBirths.isEmpty ? t("一年级新生按近年趋势推算（未导入出生人口）。", "Grade 1 entrants follow the recent trend (no births imported).")
                        : t("一年级新生按出生人口 × 入学比例 \(ratio) 推算的学年：", "Years whose grade 1 entrants come from births × the entry ratio \(ratio): ") + fromBirths.joined(separator: ", ")
                    return "<p id=\"entrants\">\(entrants)</p><p id=\"capacity\">\(t("容量（班级数 × 45）", "Capacity (classes × 45)")): <strong>\(d.capacity)</strong> · \(over.isEmpty ? t("今后5年够用。", "Enough for the next five years.") : t("学位不足的学年", "Years short of places") + ": " + over.joined(separator: ", "))</p>"
                } ?? ""
                content = """
                    \(capacity)<section class="charts single">\(demand)</section>
                    <table id="projection"><thead><tr><th>\(t("年级", "Grade"))</th>\(heads.joined())</tr></thead><tbody>\(rows.joined())</tbody></table>
                    <p class="note">\(t("依据近三年9月1日的学籍数推算：升级率 × 上一年级人数；一年级新生为六年前出生人数 × 入学比例（已导入出生人口时），否则按近年趋势。", "From the last three 1 September counts: each grade is last year's grade below times its progression ratio; grade 1 is the births of six years before times the entry ratio where births are imported, otherwise the recent trend."))</p>
                    """
            } catch let e as DomainError where e.kind == .invalid {
                content = "<p class=\"error\" role=\"alert\" id=\"insufficient\">\(en ? e.message.en : e.message.zh)</p>"
            }
        }
        var birthsForm: HTML = ""
        if [.systemAdmin, .bureauAdmin, .bureauReviewer].contains(identity.actor.role) {
            let kit = FormKit(request, values: [:], error: error)
            let outcome: HTML = births.map { o in
                return """
                    <p class="ok" role="status" id="births-imported">\(t("已写入", "Written")) \(o.recorded) / \(o.rows)\(o.replaced > 0 ? HTML(trusted: HTML.escape(t("（替换 ", " (replacing ") + String(o.replaced) + t(" 条）", ")"))) : "")</p>
                    \(RefusedRows.table(o.rejected, english: en))
                    """
            } ?? ""
            birthsForm = """
                <h2>\(t("导入出生人口", "Load births"))</h2>\(kit.top)
                <form method="post" action="/reports/projection/births" enctype="multipart/form-data" class="login">\(FormKit.csrf(identity.csrfToken))
                <input type="hidden" name="county" value="\(county)">
                <label for="file">\(t("出生人口表（县级行政区划代码、出生年份、出生人数）", "Births list (县级行政区划代码, 出生年份, 出生人数)"))</label>
                <input type="file" id="file" name="file" accept=".csv,.xlsx" required>\(kit.errorText("file"))
                <p><button type="submit" id="import-births">\(t("导入", "Load"))</button></p></form>\(outcome)
                """
        }
        let body: HTML = """
            <h1>\(t("在校生预测", "Enrolment projection"))</h1>
            <form method="get" action="/reports/projection" class="search"><label for="county">\(t("县级行政区划代码", "County code"))</label>
            <input type="text" id="county" name="county" value="\(county)"><p><button type="submit" id="project">\(t("推算", "Project"))</button></p></form>\(content)\(birthsForm)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "在校生预测", en: "Enrolment projection"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    /// Every county of a prefecture or province at once: capacity against demand, the counties that
    /// will run out first, each linked to its own projection.
    static func outlook(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> HTML {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let outlook = try context.statistics.capacityOutlook(in: nil, by: identity.actor)
        let table = context.statistics.capacityOutlookTable(outlook, by: identity.actor)
        let short = table.rowLabels.indices.filter { (table.cells[$0][6] ?? 0) > 0 }
            .sorted { (table.cells[$0][6] ?? 0, table.rowLabels[$0]) < (table.cells[$1][6] ?? 0, table.rowLabels[$1]) }
        let shown = Array(short.prefix(MoneyPages.chartRows))
        let chart = SVGChart.bars(id: "chart-outlook", title: t("学位将不足的县：容量与第5年需求", "Counties that will run short: capacity and demand in year 5"),
                                  labels: shown.map { table.rowLabels[$0] },
                                  series: [SVGChart.Series(name: t("容量", "Capacity"), values: shown.map { table.cells[$0][0] }, style: "s3"),
                                           SVGChart.Series(name: t("需求", "Demand"), values: shown.map { table.cells[$0][5] }, style: "s2")],
                                  grouped: true, hiddenNote: t("“<5”：少于5人的格子对分析人员隐藏。", "“<5”: cells under 5 pupils are hidden from analysts."))
        let heads: [HTML] = table.columnLabels.dropFirst().dropLast().map { "<th>\($0)</th>" }
        let rows: [HTML] = table.rowLabels.enumerated().map { i, county in
            let c = table.cells[i]
            let cells: [HTML] = c.dropFirst().dropLast().map { "<td>\($0.map(String.init) ?? "<5")</td>" }
            let first: HTML = (c[6] ?? 0) > 0 ? "<strong class=\"error\">\(String(c[6]!))</strong>" : HTML(trusted: HTML.escape(t("够用", "Enough")))
            return "<tr><td><a href=\"/reports/projection?county=\(county)\">\(county)</a></td><td>\(c[0].map(String.init) ?? "<5")</td>\(cells.joined())<td>\(first)</td></tr>"
        }
        return """
            <h2>\(t("各县学位预警", "Places outlook by county"))</h2>
            <p id="outlook-summary">\(t("推算县数", "Counties projected")) \(table.rowLabels.count) · \(t("将不足", "Running short")) <strong id="short-counties">\(short.count)</strong>
            · \(t("历史不足未推算", "Too little history, not projected")) \(outlook.unprojected.count)</p>
            <p class="actions"><a href="/api/v1/reports/capacity-outlook?format=xlsx">XLSX</a> <a href="/api/v1/reports/capacity-outlook?format=csv">CSV</a></p>
            \(shown.isEmpty ? "" : HTML(trusted: "<section class=\"charts single\">" + chart.rendered + "</section>"))
            <table id="outlook"><thead><tr><th>\(t("县", "County"))</th><th>\(t("容量", "Capacity"))</th>\(heads.joined())<th>\(t("首个不足学年", "First year short"))</th></tr></thead>
            <tbody>\(rows.joined())</tbody></table>
            """
    }

    static func importBirths(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        guard Authenticator.constantTimeEqual(request.formField("csrf_token") ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        do {
            guard let part = request.filePart("file") else {
                throw DomainError.validation([FieldError(field: "file", code: "required", message: LocalizedText(zh: "请上传出生人口表。", en: "Upload the births list."))])
            }
            let outcome = try BirthCohorts(database: context.database, clock: context.clock).importList(part.data, by: identity.actor)
            return try projection(request, identity: identity, context: context, births: outcome)
        } catch let e as DomainError where e.kind == .invalid {
            return try projection(request, identity: identity, context: context, error: e, status: 422)
        }
    }
}
