import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// The aid disbursement ledger (issue 9): payments recorded one by one or from a bank list, and
/// read back per term. Its reconciliation with the awards is the `aid-reconciliation` report.
struct AidLedgerRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/aid/payments", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                var draft = AidLedger.Draft()
                draft.school = body.string("school") ?? ""
                draft.programme = body.string("programme") ?? ""
                draft.term = body.string("term") ?? ""
                draft.month = body.string("month") ?? ""
                draft.amount = body.int("amount_fen").map(String.init) ?? ""
                draft.paidOn = body.string("paid_on") ?? ""
                draft.reference = body.string("reference") ?? ""
                draft.note = body.string("note", required: false) ?? ""
                try body.finish()
                return .json(Self.json(try context.aidLedger.record(draft, by: actor)), status: 201)
            }),
            Route("POST", "/api/v1/aid/payments/imports", handler: context.authenticated { [context] request, actor in
                guard let part = request.filePart("file") else {
                    throw DomainError.validation([FieldError(field: "file", code: "required", message: LocalizedText(zh: "请上传发放清单。", en: "Upload the payment list."))])
                }
                let o = try context.aidLedger.importPayments(part.data, by: actor)
                let english = request.prefersEnglish
                return .json(["rows": .int(Int64(o.rows)), "recorded": .int(Int64(o.recorded)), "recorded_fen": .int(o.recordedFen),
                              "rejected": RefusedRows.json(o.rejected, english: english)])
            }),
            Route("GET", "/api/v1/aid/payments", handler: context.authenticated { [context] request, actor in
                let (year, term) = try TermParameter.parse(request.query["term"], default: SchoolTerm.of(context.clock.today))
                let payments = try context.aidLedger.payments(schoolYear: year, term: term, month: request.query["month"], by: actor)
                return .json(["items": .array(payments.map(Self.json)), "next_cursor": nil])
            }),
        ]
    }

    static func json(_ p: AidPayment) -> JSON {
        ["id": .int(p.id), "school": .string(p.school), "programme": .string(p.programme), "term": .string("\(p.schoolYear)-\(p.term)"),
         "month": .string(p.month), "amount_fen": .int(p.amountFen), "paid_on": .string(p.paidOn), "reference": .string(p.reference),
         "note": p.note.map(JSON.string) ?? .null, "recorded_by": .string(p.recordedBy)]
    }
}
