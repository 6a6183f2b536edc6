import XuejiCore
import XuejiHTTP
import XuejiServices

/// The money reports on the web (issue 9): the nutrition plan's claims of a month and the per-pupil
/// funding of a term, each as a chart with its table and the files to download. The same tables as
/// `GET /api/v1/reports/meal-claims` and `…/funding`, with the analysts' small cells hidden.
enum MoneyPages {
    static let hiddenNote = LocalizedText(zh: "“<5”：少于5人的格子对分析人员隐藏。", en: "“<5”: cells under 5 pupils are hidden from analysts.")
    /// The chart shows at most this many rows (the largest); the table below it has them all.
    static let chartRows = 20

    /// Labels under the bars: a 10-digit school code is cut to its last four digits when several
    /// bars share the width (the table beside the chart has the whole codes).
    static func axis(_ labels: [String]) -> [String]? {
        labels.count > 4 && labels.contains(where: { $0.count > 6 }) ? labels.map { "…" + String($0.suffix(4)) } : nil
    }

    static func yuan(_ fen: Int?) -> String { fen.map { Yuan.text(Int64($0)) } ?? "<5" }
    static func count(_ value: Int?) -> String { value.map(String.init) ?? "<5" }

    /// The rows with the largest value of one column, for a chart that stays readable.
    static func largest(_ table: StatisticsService.Table, by column: Int) -> [Int] {
        Array(table.rowLabels.indices.sorted { (table.cells[$0][column] ?? 0, table.rowLabels[$1]) > (table.cells[$1][column] ?? 0, table.rowLabels[$0]) }.prefix(chartRows))
    }

    static func meals(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        let today = context.clock.today
        var (year, month) = (today.year, today.month)
        var problem: HTML = ""
        if let text = request.query["month"], !text.isEmpty {
            if text.utf8.count == 7, let day = CivilDate(text + "-01") { (year, month) = (day.year, day.month) } else {
                problem = "<p class=\"error\" role=\"alert\" id=\"form-error\">\(t("月份格式为 YYYY-MM。", "A month is YYYY-MM."))</p>"
            }
        }
        let monthText = String(format: "%04d-%02d", year, month)
        let byCounty = request.query["level"] == "county"
        let table = try context.statistics.mealClaims(in: nil, year: year, month: month, byCounty: byCounty, by: identity.actor)
        let shown = largest(table, by: 2)
        let chart = SVGChart.bars(id: "chart-meals", title: t("申领金额（元）：中央与地方", "Claimed (yuan): central and local"), labels: shown.map { table.rowLabels[$0] },
                                  axisLabels: axis(shown.map { table.rowLabels[$0] }),
                                  series: [SVGChart.Series(name: t("中央", "Central"), values: shown.map { table.cells[$0][3].map { $0 / 100 } }, style: "s1"),
                                           SVGChart.Series(name: t("地方", "Local"), values: shown.map { table.cells[$0][4].map { $0 / 100 } }, style: "s2")],
                                  hiddenNote: en ? hiddenNote.en : hiddenNote.zh)
        let rows: [HTML] = table.rowLabels.enumerated().map { i, school in
            let c = table.cells[i]
            return "<tr><td>\(school)</td><td>\(count(c[0]))</td><td>\(count(c[1]))</td><td>\(yuan(c[2]))</td><td>\(yuan(c[3]))</td><td>\(yuan(c[4]))</td></tr>"
        }
        let totals = table.columnTotals
        let body: HTML = """
            <h1>\(t("营养改善计划申领", "Nutrition plan claims"))</h1>\(problem)
            <form method="get" action="/reports/meals" class="search"><label for="month">\(t("月份", "Month"))</label>
            <input type="month" id="month" name="month" value="\(monthText)"><input type="hidden" name="level" value="\(byCounty ? "county" : "school")">
            <p><button type="submit" id="show">\(t("查看", "Show"))</button>
            <a href="/reports/meals?month=\(monthText)&amp;level=\(byCounty ? "school" : "county")" id="switch-level">\(byCounty ? t("按学校", "By school") : t("按县", "By county"))</a></p></form>
            <p class="note">\(t("就餐天数 = 试点县镇区、乡村学校1–9年级学生在该校的到校天数；金额按当天的膳食补助标准计。", "Meal-days are days present at a pilot county's town or rural school in grades 1–9; each day at the meal rate in force that day."))</p>
            <p id="meal-summary">\(monthText) · \(byCounty ? t("县", "Counties") : t("学校", "Schools")) \(table.rowLabels.count) · \(t("就餐天数", "Meal-days")) \(count(totals[1])) ·
            \(t("金额", "Amount")) <strong id="meal-amount">\(yuan(totals[2]))</strong> \(t("元", "yuan"))</p>
            <p class="actions"><a href="/api/v1/reports/meal-claims?month=\(monthText)&amp;level=\(byCounty ? "county" : "school")&amp;format=xlsx">XLSX</a>
            <a href="/api/v1/reports/meal-claims?month=\(monthText)&amp;level=\(byCounty ? "county" : "school")&amp;format=csv">CSV</a></p>
            \(table.rowLabels.isEmpty ? HTML(trusted: "<p id=\"no-meals\">" + HTML.escape(t("本辖区本月没有试点学校的就餐记录。", "No pilot school's meals this month in the scope.")) + "</p>")
                                      : HTML(trusted: "<section class=\"charts single\">" + chart.rendered + "</section>"))
            <table id="meal-claims"><thead><tr><th>\(byCounty ? t("县", "County") : t("学校", "School"))</th><th>\(t("人数", "Pupils"))</th><th>\(t("就餐天数", "Meal-days"))</th>
            <th>\(t("金额（元）", "Amount (yuan)"))</th><th>\(t("中央（元）", "Central (yuan)"))</th><th>\(t("地方（元）", "Local (yuan)"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>
            """
        return PageLayout.render(request, title: LocalizedText(zh: "营养改善计划申领", en: "Nutrition plan claims"), viewer: PageLayout.viewer(identity), body: body)
    }

    static func funding(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let en = PageLayout.english(request), t = { (zh: String, e: String) in en ? e : zh }
        var (year, term) = SchoolTerm.of(context.clock.today)
        var problem: HTML = ""
        if let text = request.query["term"], !text.isEmpty {
            do { (year, term) = try TermParameter.parse(text, default: (year, term)) } catch let e as DomainError {
                problem = PageLayout.alert(e, english: en, id: "form-error")
            }
        }
        // A county reads its schools; a prefecture or more reads its counties unless it asks for schools.
        let countyOrSchool: Bool = { if case .division(let d) = identity.actor.scope { return d.level == .county } else { return true } }()
        let bySchool = request.query["level"] == "school" || (request.query["level"] == nil && countyOrSchool)
        let termText = "\(year)-\(term)"
        var content: HTML
        do {
            let table = try context.statistics.funding(in: nil, schoolYear: year, term: term, byCounty: !bySchool, by: identity.actor)
            let shown = largest(table, by: 3)
            let chart = SVGChart.bars(id: "chart-funding", title: t("本学期经费（元）", "This term's funding (yuan)"), labels: shown.map { table.rowLabels[$0] },
                                      axisLabels: axis(shown.map { table.rowLabels[$0] }),
                                      series: [SVGChart.Series(name: t("金额", "Amount"), values: shown.map { table.cells[$0][3].map { $0 / 100 } }, style: "s1")],
                                      hiddenNote: en ? hiddenNote.en : hiddenNote.zh)
            let rows: [HTML] = table.rowLabels.enumerated().map { i, label in
                let c = table.cells[i]
                return "<tr><td>\(label)</td><td>\(count(c[0]))</td><td>\(count(c[1]))</td><td>\(count(c[2]))</td><td>\(yuan(c[3]))</td><td>\(count(c[4]))</td></tr>"
            }
            content = """
                <p id="funding-summary">\(termText) · \(t("学生", "Pupils")) \(count(table.columnTotals[0])) · \(t("金额", "Amount")) <strong id="funding-amount">\(yuan(table.columnTotals[3]))</strong> \(t("元", "yuan"))</p>
                <p class="actions"><a href="/api/v1/reports/funding?term=\(termText)&amp;level=\(bySchool ? "school" : "county")&amp;format=xlsx">XLSX</a>
                <a href="/api/v1/reports/funding?term=\(termText)&amp;level=\(bySchool ? "school" : "county")&amp;format=csv">CSV</a></p>
                \(table.rowLabels.isEmpty ? "" : HTML(trusted: "<section class=\"charts single\">" + chart.rendered + "</section>"))
                <table id="funding"><thead><tr><th>\(bySchool ? t("学校", "School") : t("县", "County"))</th><th>\(t("学生", "Pupils"))</th><th>\(t("寄宿生", "Boarders"))</th>
                <th>\(t("特教", "Special education"))</th><th>\(t("金额（元）", "Amount (yuan)"))</th><th>\(t("按签署快照计", "From a signed snapshot"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>
                """
        } catch let e as DomainError where e.kind == .invalid {
            content = PageLayout.alert(e, english: en, id: "form-error")
        }
        let body: HTML = """
            <h1>\(t("生均公用经费", "Per-pupil public funding"))</h1>\(problem)
            <form method="get" action="/reports/funding" class="search"><label for="term">\(t("学期（YYYY-1 秋季，YYYY-2 春季）", "Term (YYYY-1 autumn, YYYY-2 spring)"))</label>
            <input type="text" id="term" name="term" value="\(termText)"><input type="hidden" name="level" value="\(bySchool ? "school" : "county")">
            <p><button type="submit" id="show">\(t("查看", "Show"))</button>
            <a href="/reports/funding?term=\(termText)&amp;level=\(bySchool ? "county" : "school")" id="switch-level">\(bySchool ? t("按县", "By county") : t("按学校", "By school"))</a></p></form>
            <p class="note">\(t("每生每学期为普查日（学期第一天）基准定额的一半：小学650元、初中850元/年，寄宿生加200元，特教学生6000元。签署了统计快照的县按快照冻结的学生计。",
                               "Each pupil's term is half the annual benchmark of the census date (the term's first day): primary 650, junior 850 yuan a year, +200 for a boarder, 6,000 for a special-education pupil. A county with a signed snapshot is paid from the pupils it froze."))</p>
            \(content)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "生均公用经费", en: "Per-pupil funding"), viewer: PageLayout.viewer(identity), body: body)
    }
}
