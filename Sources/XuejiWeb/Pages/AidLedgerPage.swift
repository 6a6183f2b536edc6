import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// The aid ledger on the web (issue 9): what each school is owed for the term or a month against
/// what the ledger shows paid, as a chart and a table; the ledger itself; and, for the county, a
/// payment to record or the bank's list to load.
enum AidLedgerPage {
    static func page(_ request: Request, identity: SessionIdentity, context: RouteContext, values: [String: String] = [:], error: DomainError? = nil,
                     imported: AidLedger.ImportOutcome? = nil, status: Int = 200) throws -> Response {
        let kit = FormKit(request, values: values, error: error)
        var (year, term) = SchoolTerm.of(context.clock.today)
        if let text = request.query["term"] ?? values["term"], let found = try? TermParameter.parse(text, default: (year, term)) { (year, term) = found }
        let termText = "\(year)-\(term)"
        let month = (request.query["month"] ?? "").isEmpty ? nil : request.query["month"]
        var reconciliation: HTML
        do {
            let table = try context.statistics.aidReconciliation(in: nil, schoolYear: year, term: term, month: month, programme: nil, by: identity.actor)
            let shown = MoneyPages.largest(table, by: 1)
            let chart = SVGChart.bars(id: "chart-aid", title: kit.t("应发与实发（元）", "Due and paid (yuan)"), labels: shown.map { table.rowLabels[$0] },
                                      axisLabels: MoneyPages.axis(shown.map { table.rowLabels[$0] }),
                                      series: [SVGChart.Series(name: kit.t("应发", "Due"), values: shown.map { table.cells[$0][1].map { $0 / 100 } }, style: "s1"),
                                               SVGChart.Series(name: kit.t("实发", "Paid"), values: shown.map { table.cells[$0][2].map { $0 / 100 } }, style: "s2")],
                                      grouped: true, hiddenNote: kit.en ? MoneyPages.hiddenNote.en : MoneyPages.hiddenNote.zh)
            let rows: [HTML] = table.rowLabels.enumerated().map { i, school in
                let c = table.cells[i]
                let off = (c[3] ?? 0) != 0
                return "<tr><td>\(school)</td><td>\(MoneyPages.count(c[0]))</td><td>\(MoneyPages.yuan(c[1]))</td><td>\(MoneyPages.yuan(c[2]))</td><td\(off ? HTML(trusted: " class=\"error\"") : "")>\(MoneyPages.yuan(c[3]))</td></tr>"
            }
            let owed = table.columnTotals
            reconciliation = """
                <p id="aid-summary">\(termText)\(month.map { " · " + $0 } ?? "") · \(kit.t("应发", "Due")) \(MoneyPages.yuan(owed[1])) · \(kit.t("实发", "Paid")) \(MoneyPages.yuan(owed[2])) ·
                \(kit.t("差额", "Difference")) <strong id="aid-difference">\(MoneyPages.yuan(owed[3]))</strong> \(kit.t("元", "yuan"))</p>
                <p class="actions"><a href="/api/v1/reports/aid-reconciliation?term=\(termText)\(month.map { "&amp;month=" + $0 } ?? "")&amp;format=xlsx">XLSX</a>
                <a href="/api/v1/reports/aid-reconciliation?term=\(termText)\(month.map { "&amp;month=" + $0 } ?? "")&amp;format=csv">CSV</a></p>
                \(table.rowLabels.isEmpty ? HTML(trusted: "<p id=\"no-aid\">" + HTML.escape(kit.t("本学期没有应发或已发的资助。", "Nothing due or paid this term.")) + "</p>")
                                          : HTML(trusted: "<section class=\"charts single\">" + chart.rendered + "</section>"))
                <table id="aid-reconciliation"><thead><tr><th>\(kit.t("学校", "School"))</th><th>\(kit.t("受助人数", "Awards"))</th><th>\(kit.t("应发（元）", "Due (yuan)"))</th>
                <th>\(kit.t("实发（元）", "Paid (yuan)"))</th><th>\(kit.t("差额（实发−应发）", "Paid − due"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>
                """
        } catch let e as DomainError where e.kind == .invalid {
            reconciliation = PageLayout.alert(e, english: kit.en, id: "period-error")
        }
        var ledger: HTML = ""
        if identity.actor.role != .analyst {
            let payments = try context.aidLedger.payments(schoolYear: year, term: term, month: month, by: identity.actor)
            let rows: [HTML] = payments.map { p in
                "<tr><td>\(p.paidOn)</td><td>\(p.school)</td><td>\(p.programme)</td><td>\(p.month)</td><td>\(Yuan.text(p.amountFen))</td><td>\(p.reference)</td><td>\(p.note ?? "")</td><td>\(p.recordedBy)</td></tr>"
            }
            ledger = """
                <h2>\(kit.t("发放台账", "Payments ledger"))</h2>
                <table id="aid-ledger"><thead><tr><th>\(kit.t("支付日期", "Paid on"))</th><th>\(kit.t("学校", "School"))</th><th>\(kit.t("项目", "Programme"))</th>
                <th>\(kit.t("月份", "Month"))</th><th>\(kit.t("金额（元）", "Amount (yuan)"))</th><th>\(kit.t("凭证号", "Voucher"))</th><th>\(kit.t("备注", "Note"))</th>
                <th>\(kit.t("记录人", "Recorded by"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>
                """
        }
        var forms: HTML = ""
        if [.systemAdmin, .bureauAdmin, .bureauReviewer].contains(identity.actor.role) {
            let csrf = FormKit.csrf(identity.csrfToken)
            let programmes: [HTML] = AidPage.programmes.map { "<option value=\"\($0.0)\"\((values["programme"] ?? "") == $0.0 ? HTML(trusted: " selected") : "")>\(kit.en ? $0.1.en : $0.1.zh)</option>" }
            let outcome: HTML = imported.map { o in
                return """
                    <p class="ok" role="status" id="imported">\(kit.t("已入账", "Recorded")) \(o.recorded) / \(o.rows) · \(Yuan.text(o.recordedFen)) \(kit.t("元", "yuan"))</p>
                    \(RefusedRows.table(o.rejected, english: kit.en))
                    """
            } ?? ""
            forms = """
                <h2>\(kit.t("记录一笔支付", "Record a payment"))</h2>
                <form method="post" action="/aid/ledger" class="login">\(csrf)
                \(kit.text("school", "学校标识码", "School code", extra: "inputmode=\"numeric\""))
                <label for="programme">\(kit.t("资助项目", "Programme"))</label><select id="programme" name="programme">\(programmes.joined())</select>\(kit.errorText("programme"))
                \(kit.text("term", "学期", "Term", fallback: termText))
                \(kit.text("month", "月份", "Month", fallback: month ?? String(context.clock.today.description.prefix(7)), type: "month"))
                \(kit.text("amount", "金额（元；冲销填负数）", "Amount (yuan; negative for a reversal)", extra: "inputmode=\"decimal\""))
                \(kit.text("paid_on", "支付日期", "Paid on", fallback: context.clock.today.description, type: "date"))
                \(kit.text("reference", "凭证号", "Voucher number"))\(kit.text("note", "备注", "Note"))
                <p><button type="submit" id="record-payment">\(kit.t("入账", "Record"))</button></p></form>
                <h2>\(kit.t("导入发放清单", "Load a payment list"))</h2>
                <form method="post" action="/aid/ledger/import" enctype="multipart/form-data" class="login">\(csrf)
                <label for="file">\(kit.t("清单（学校标识码、资助项目、学期、月份、金额（元）、支付日期、凭证号、备注）", "List (学校标识码, 资助项目, 学期, 月份, 金额（元）, 支付日期, 凭证号, 备注)"))</label>
                <input type="file" id="file" name="file" accept=".csv,.xlsx" required>\(kit.errorText("file"))
                <p><button type="submit" id="import-payments">\(kit.t("导入", "Load"))</button></p></form>\(outcome)
                """
        }
        let body: HTML = """
            <h1>\(kit.t("资助发放对账", "Aid reconciliation"))</h1>\(kit.top)
            <form method="get" action="/aid/ledger" class="search"><label for="period-term">\(kit.t("学期", "Term"))</label>
            <input type="text" id="period-term" name="term" value="\(termText)">
            <label for="period-month">\(kit.t("月份（可空）", "Month (optional)"))</label><input type="month" id="period-month" name="month" value="\(month ?? "")">
            <p><button type="submit" id="show">\(kit.t("查看", "Show"))</button></p></form>
            <p class="note">\(kit.t("应发：已批准的资助按学期月份均分，每月归该月1日学生所在学校；实发：台账记录的支付（含冲销）。",
                                   "Due: each approved award split over the term's months, each month to the school holding the pupil on its 1st; paid: the ledger's payments, reversals included."))</p>
            \(reconciliation)\(ledger)\(forms)
            """
        return PageLayout.render(request, title: LocalizedText(zh: "资助发放对账", en: "Aid reconciliation"), viewer: PageLayout.viewer(identity), body: body, status: status)
    }

    static func record(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        let form = request.form
        guard Authenticator.constantTimeEqual(form["csrf_token"] ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        var draft = AidLedger.Draft()
        draft.amountInFen = false
        draft.school = form["school"] ?? ""; draft.programme = form["programme"] ?? ""; draft.term = form["term"] ?? ""; draft.month = form["month"] ?? ""
        draft.amount = form["amount"] ?? ""; draft.paidOn = form["paid_on"] ?? ""; draft.reference = form["reference"] ?? ""; draft.note = form["note"] ?? ""
        do {
            let payment = try context.aidLedger.record(draft, by: identity.actor)
            return PageLayout.redirect("/aid/ledger?term=\(payment.schoolYear)-\(payment.term)")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            let shown = e.fieldErrors.isEmpty ? DomainError(e.kind, code: e.code, message: e.message, fieldErrors: [FieldError(field: "reference", code: e.code, message: e.message)]) : e
            return try page(request, identity: identity, context: context, values: form, error: shown, status: e.kind == .invalid ? 422 : 409)
        }
    }

    static func importList(_ request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        guard Authenticator.constantTimeEqual(request.formField("csrf_token") ?? "", identity.csrfToken) else { throw Authenticator.csrfMissing }
        do {
            guard let part = request.filePart("file") else {
                throw DomainError.validation([FieldError(field: "file", code: "required", message: LocalizedText(zh: "请上传发放清单。", en: "Upload the payment list."))])
            }
            let outcome = try context.aidLedger.importPayments(part.data, by: identity.actor)
            return try page(request, identity: identity, context: context, imported: outcome)
        } catch let e as DomainError where e.kind == .invalid {
            return try page(request, identity: identity, context: context, error: e, status: 422)
        }
    }
}
