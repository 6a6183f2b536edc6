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

    /// The programme reports of the scope: the dropout-control month by county and the left-behind
    /// children under both definitions, each as a chart with its table and files to download.
    static func programmes(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let hiddenNote = t("“<5”：少于5人的格子对分析人员隐藏。", "“<5”: cells under 5 pupils are hidden from analysts.")
        let today = context.clock.today
        let monthly = try context.statistics.dropoutMonthly(in: nil, year: today.year, month: today.month, by: identity.actor)
        let left = try context.statistics.leftBehind(in: nil, by: identity.actor)
        let column = { (table: StatisticsService.Table, i: Int) in table.cells.map { $0[i] } }
        let dropouts = SVGChart.bars(id: "chart-dropout-monthly", title: t("控辍保学月报（本月）", "Dropout control this month"), labels: monthly.rowLabels,
                                     series: [SVGChart.Series(name: t("新增", "New"), values: column(monthly, 0), style: "s2"),
                                              SVGChart.Series(name: t("劝返", "Returned"), values: column(monthly, 1), style: "s1")], hiddenNote: hiddenNote)
        let stillOut = SVGChart.bars(id: "chart-still-out", title: t("月末仍未返校", "Still out at the month's end"), labels: monthly.rowLabels,
                                     series: [SVGChart.Series(name: t("仍未返校", "Still out"), values: column(monthly, 3), style: "s2")], hiddenNote: hiddenNote)
        let registry = SVGChart.bars(id: "chart-left-behind", title: t("留守儿童：学籍口径（3个月）", "Left-behind: registry (3 months)"), labels: left.rowLabels,
                                     series: [SVGChart.Series(name: t("学籍口径", "Registry"), values: column(left, 0), style: "s1")], hiddenNote: hiddenNote)
        let statistics = SVGChart.bars(id: "chart-left-behind-6", title: t("留守儿童：统计口径（6个月）", "Left-behind: statistics (6 months)"), labels: left.rowLabels,
                                       series: [SVGChart.Series(name: t("统计口径", "Statistics"), values: column(left, 1), style: "s2")], hiddenNote: hiddenNote)
        let sizes = try context.statistics.classSizes(in: nil, asOf: nil, bySchool: false, by: identity.actor)
        let bySchool = try context.statistics.classSizes(in: nil, asOf: nil, bySchool: true, by: identity.actor)
        let bandNames = [t("≤45人", "≤45"), t("46–55人", "46–55"), t("56–65人（大班额）", "56–65 (large)"), t("≥66人（超大班额）", "66+ (super-large)")]
        let sizeChart = SVGChart.bars(id: "chart-class-sizes", title: t("班额分布（班级数）", "Classes by size"), labels: sizes.rowLabels,
                                      series: bandNames.enumerated().map { i, name in SVGChart.Series(name: name, values: column(sizes, i), style: ["s3", "s1", "s2", "s4"][i]) },
                                      hiddenNote: hiddenNote)
        let classes = sizes.total ?? 0, large = (sizes.columnTotals[2] ?? 0) + (sizes.columnTotals[3] ?? 0)
        let share = classes == 0 ? "—" : String(format: "%.1f%%", Double(large) * 100 / Double(classes))
        let worst: [HTML] = bySchool.rowLabels.enumerated().map { i, school in (school, (bySchool.cells[i][2] ?? 0) + (bySchool.cells[i][3] ?? 0)) }
            .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(10).map { "<tr><td>\($0.0)</td><td>\($0.1)</td></tr>" }
        // Each county against its province's targets, and the schools that push it over: for a bureau
        // (a school's own classes say nothing about its county's share).
        let isBureau: Bool = { if case .division = identity.actor.scope { return true } else { return false } }()
        let targets = isBureau ? try context.statistics.classSizeTargets(in: nil, asOf: nil, by: identity.actor) : []
        let permille = { (v: Int) in String(format: "%.1f%%", Double(v) / 10) }
        let targetRows: [HTML] = targets.map { c in
            let a = c.assessment
            let share = a.classes == 0 ? "—" : String(format: "%.1f%%", Double(a.large) * 100 / Double(a.classes))
            let status: HTML = a.over ? "<strong class=\"error\">\(t("超标", "Over"))</strong>" : "\(t("达标", "Within"))"
            let pushing = a.pushing.map { "\($0.code)（\($0.large)）" }.joined(separator: t("、", ", "))
            return "<tr id=\"target-\(c.county)\"><td>\(c.county)</td><td>\(a.classes)</td><td>\(share)</td><td>\(permille(c.targets.largePermille))</td><td>\(a.superLarge)</td><td>\(status)</td><td>\(pushing)</td></tr>"
        }
        let targetSection: HTML = !isBureau ? "" : """
            <h3>\(t("对照目标", "Against the targets"))</h3>
            <p class="note">\(t("目标为省级设置：大班额（56人及以上）占比上限与超大班额（66人及以上）占比上限，默认5%与0。致超标学校：大班额最多、拆分后可使全县达标的最少学校（括号内为大班额数）。",
            "The targets are province settings: the largest share of large classes (56+) and of super-large ones (66+), 5 % and 0 by default. Schools pushing a county over: the fewest schools, most large classes first, whose splitting would bring the county within them (large classes in brackets)."))</p>
            <p class="actions"><a href="/api/v1/reports/class-size-targets?format=xlsx">XLSX</a> <a href="/api/v1/reports/class-size-targets?level=school&amp;format=csv">\(t("致超标学校 CSV", "Schools over, CSV"))</a></p>
            <table id="class-size-targets"><thead><tr><th>\(t("县", "County"))</th><th>\(t("班级", "Classes"))</th><th>\(t("大班额占比", "Large share"))</th><th>\(t("目标", "Target"))</th>
            <th>\(t("超大班额", "Super-large"))</th><th>\(t("状态", "Status"))</th><th>\(t("致超标学校", "Schools pushing it over"))</th></tr></thead><tbody>\(targetRows.joined())</tbody></table>
            """
        // The less frequent reports and checks, for the roles that may use them.
        let role = identity.actor.role
        var hub: [HTML] = ["<a href=\"/reports/meals\" id=\"hub-meals\">\(t("营养改善计划申领", "Nutrition plan claims"))</a>",
                           "<a href=\"/reports/class-sizes\" id=\"hub-class-sizes\">\(t("班额与学校规模趋势", "Class and school sizes over the years"))</a>",
                           "<a href=\"/reports/funding\" id=\"hub-funding\">\(t("生均公用经费", "Per-pupil funding"))</a>",
                           "<a href=\"/aid/ledger\" id=\"hub-aid\">\(t("资助发放对账", "Aid reconciliation"))</a>",
                           "<a href=\"/reports/migrants\" id=\"hub-migrants\">\(t("随迁子女", "Migrant pupils"))</a>"]
        if [.systemAdmin, .bureauAdmin, .bureauReviewer, .analyst].contains(role) {
            hub.append("<a href=\"/reports/projection\" id=\"hub-projection\">\(t("在校生预测", "Enrolment projection"))</a>")
        }
        if [.systemAdmin, .bureauAdmin, .bureauReviewer].contains(role) {
            hub.append("<a href=\"/checks/household\" id=\"hub-household\">\(t("四查三比对", "Household-list comparison"))</a>")
            hub.append("<a href=\"/checks/statistics\" id=\"hub-statistics\">\(t("学籍与事业统计比对", "Reconciliation with the statistics"))</a>")
        }
        let body: HTML = """
            <h1>\(t("统计报表", "Reports"))</h1>
            <nav class="actions" id="report-hub" aria-label="\(t("更多报表与比对", "More reports and checks"))">\(hub.joined())</nav>
            <h2>\(t("班额", "Class sizes"))</h2>
            <p>\(t("大班额（56人及以上）占比", "Share of large classes (56 or more)")): <strong id="large-share">\(share)</strong> (\(large) / \(classes))</p>
            <p class="actions"><a href="/api/v1/reports/class-sizes?format=xlsx">XLSX</a> <a href="/api/v1/reports/class-sizes?level=school&amp;format=csv">\(t("各校 CSV", "By school, CSV"))</a></p>
            <section class="charts">\(sizeChart)<figure class="chart"><figcaption>\(t("大班额最多的学校", "Schools with the most large classes"))</figcaption>
            <table id="large-class-schools"><thead><tr><th>\(t("学校", "School"))</th><th>\(t("大班额班级", "Large classes"))</th></tr></thead><tbody>\(worst.joined())</tbody></table>\(worst.isEmpty ? HTML(trusted: "<p class=\"note\">" + HTML.escape(t("没有大班额。", "No large classes.")) + "</p>") : "")</figure></section>
            \(targetSection)
            <h2>\(t("控辍保学月报", "Dropout control, monthly")) <span class="hint">\(String(format: "%04d-%02d", today.year, today.month))</span></h2>
            <p class="actions"><a href="/api/v1/reports/dropout-monthly?format=xlsx" id="dropout-xlsx">XLSX</a> <a href="/api/v1/reports/dropout-monthly?format=csv">CSV</a></p>
            \(monthly.rowLabels.isEmpty ? HTML(trusted: "<p id=\"no-dropouts\">" + HTML.escape(t("本月没有疑似辍学、辍学或空挂学籍的预警。", "No suspected dropouts, dropouts or never-attended alerts this month.")) + "</p>")
                                         : HTML(trusted: "<section class=\"charts\">" + dropouts.rendered + stillOut.rendered + "</section>"))
            <h2>\(t("留守儿童", "Left-behind children"))</h2>
            <p class="note">\(t("学籍口径：父母外出满3个月即标记；统计口径：连续满6个月（以档案中的外出日期计）。两者之差为外出未满6个月或尚未建档的儿童。",
                               "The registry flags 3 months away; the statistics count 6 months in a row (from the record's date). The difference is children away less than 6 months or without a record."))</p>
            <p class="actions"><a href="/api/v1/reports/left-behind?format=xlsx" id="left-behind-xlsx">XLSX</a> <a href="/api/v1/reports/left-behind?format=csv">CSV</a></p>
            <section class="charts">\(registry)\(statistics)</section>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "统计报表", en: "Reports"), viewer: PageLayout.viewer(identity), body: body)
    }

    /// Class and school sizes across the last five school years (on each 1 September, from the
    /// memberships): a report page of its own, since each year is a pass over the memberships.
    static func sizeTrends(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let hiddenNote = t("“<5”：少于5人的格子对分析人员隐藏。", "“<5”: cells under 5 pupils are hidden from analysts.")
        let today = context.clock.today
        // Class sizes on each 1 September of the last five school years: the trend of large classes.
        let lastYear = SchoolTerm.stockDate(today).year
        let trendYears = Array((lastYear - 4)...lastYear)
        let trend = try trendYears.map { y -> (classes: Int, large: Int) in
            let t = try context.statistics.classSizes(in: nil, asOf: CivilDate(year: y, month: 9, day: 1)!, bySchool: false, by: identity.actor)
            return (t.total ?? 0, (t.columnTotals[2] ?? 0) + (t.columnTotals[3] ?? 0))
        }
        let schoolTrend = try trendYears.map { y -> (schools: Int, large: Int) in
            let t = try context.statistics.schoolSizes(in: nil, asOf: CivilDate(year: y, month: 9, day: 1)!, by: identity.actor)
            return (t.columnTotals.prefix(4).compactMap { $0 }.reduce(0, +), t.columnTotals[3] ?? 0)
        }
        let trendChart = SVGChart.bars(id: "chart-class-trend", title: t("各学年9月1日：班级与大班额", "Each 1 September: classes and large classes"), labels: trendYears.map(String.init),
                                       series: [SVGChart.Series(name: t("班级", "Classes"), values: trend.map(\.classes), style: "s3"),
                                                SVGChart.Series(name: t("大班额（56人及以上）", "Large (56 or more)"), values: trend.map(\.large), style: "s2")],
                                       grouped: true, hiddenNote: hiddenNote)
        let schoolChart = SVGChart.bars(id: "chart-school-trend", title: t("各学年9月1日：学校与3000人以上学校", "Each 1 September: schools and schools above 3,000"),
                                        labels: trendYears.map(String.init),
                                        series: [SVGChart.Series(name: t("学校", "Schools"), values: schoolTrend.map(\.schools), style: "s3"),
                                                 SVGChart.Series(name: t("3000人以上", "Above 3,000"), values: schoolTrend.map(\.large), style: "s2")],
                                        grouped: true, hiddenNote: hiddenNote)
        let rows: [HTML] = trendYears.enumerated().map { i, y in
            let share = trend[i].classes == 0 ? "—" : String(format: "%.1f%%", Double(trend[i].large) * 100 / Double(trend[i].classes))
            return "<tr><td>\(y)-09-01</td><td>\(trend[i].classes)</td><td>\(trend[i].large)</td><td>\(share)</td><td>\(schoolTrend[i].schools)</td><td>\(schoolTrend[i].large)</td></tr>"
        }
        let body: HTML = """
            <h1>\(t("班额与学校规模趋势", "Class and school sizes over the years"))</h1>
            <p class="note">\(t("每学年9月1日在籍学生所在班级与学校的规模（按当日学籍记录计）。", "The size of each class and school on 1 September of each school year, from the memberships of the day."))</p>
            <section class="charts">\(trendChart)\(schoolChart)</section>
            <table id="size-trend"><thead><tr><th>\(t("统计日", "Stock date"))</th><th>\(t("班级", "Classes"))</th><th>\(t("大班额", "Large classes"))</th><th>\(t("大班额占比", "Large share"))</th>
            <th>\(t("学校", "Schools"))</th><th>\(t("3000人以上", "Above 3,000"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>
            <p class="actions"><a href="/api/v1/reports/class-sizes?as_of=\(trendYears.last!)-09-01&amp;format=xlsx">\(t("班额 XLSX（最近统计日）", "Class sizes XLSX (latest stock date)"))</a>
            <a href="/api/v1/reports/school-sizes?as_of=\(trendYears.last!)-09-01&amp;format=xlsx">\(t("学校规模 XLSX", "School sizes XLSX"))</a></p>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "班额与学校规模趋势", en: "Class and school sizes over the years"), viewer: PageLayout.viewer(identity), body: body)
    }
}
