import Foundation
import XuejiCore
import XuejiStore

/// The aid disbursement ledger (资助发放台账, DOMAIN.md §5 "Financial aid"): what the county paid each
/// school, per programme, term and month, against a voucher, recorded one by one or from the bank's
/// list; and its reconciliation with what the approved awards say each school is owed that month
/// (`AidService.disbursement`: the month goes to the school holding the pupil on its first day).
public struct AidLedger: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    /// A payment as written by a person or read from a file row: every field still text.
    public struct Draft: Sendable {
        public var school = "", programme = "", term = "", month = "", amount = "", paidOn = "", reference = "", note = ""
        /// The amount is in fen (the API) or in yuan (a ledger file, as a person writes it).
        public var amountInFen = true

        public init() {}
    }

    public struct Problem: Sendable {
        public let field: String
        public let code: String
        public let message: LocalizedText
    }

    static let recorders: Set<Role> = [.systemAdmin, .bureauAdmin, .bureauReviewer]
    /// Programme names a bank list may use besides the codes.
    static let programmeNames = ["生活补助": "living_subsidy", "生活费补助": "living_subsidy", "国家助学金": "senior_grant", "助学金": "senior_grant"]

    /// Records one payment; every problem at once (422), a voucher already recorded 409.
    public func record(_ draft: Draft, by actor: Actor) throws -> AidPayment {
        guard Self.recorders.contains(actor.role) else { throw DomainError.forbidden }
        let now = clock.now()
        let duplicate = DomainError(.conflict, code: "duplicate_payment", message: LocalizedText(zh: "该校这张凭证已入账。", en: "This voucher is already in the school's ledger."))
        do {
            return try database.write { connection in
                let (id, problems) = try insert(draft, connection: connection, actor: actor, now: now)
                if problems.contains(where: { $0.code == "duplicate_payment" }) { throw duplicate }
                guard let id, let stored = try AidPaymentRepository(connection).get(id) else {
                    throw DomainError.validation(problems.map { FieldError(field: $0.field, code: $0.code, message: $0.message) })
                }
                return stored
            }
        } catch let e as DatabaseError where e.code == .uniqueViolation {
            throw duplicate   // the same voucher recorded at the same instant from two connections
        }
    }

    public struct ImportOutcome: Sendable {
        public var rows = 0
        public var recorded = 0
        public var recordedFen: Int64 = 0
        public var rejected: [(row: Int, column: String, code: String, message: LocalizedText)] = []
    }

    /// A bank or finance list of payments (CSV or XLSX bytes): the good rows are recorded in one
    /// transaction, each bad row listed with its column and reason. A voucher already in the
    /// ledger is a bad row, so the same list sent twice records nothing the second time.
    public func importPayments(_ bytes: [UInt8], by actor: Actor) throws -> ImportOutcome {
        guard Self.recorders.contains(actor.role) else { throw DomainError.forbidden }
        return try TemporaryFile.with(bytes) { url in
            let file = try ImportFile(url: url, template: false)
            let written = file.header.written.map(\.trimmedBlanks)
            let columns: [(field: String, index: Int)] = [
                ("school", try file.column(["学校标识码", "学校代码", "school"], label: "学校标识码 / school")),
                ("programme", try file.column(["资助项目", "项目", "programme"], label: "资助项目 / programme")),
                ("term", try file.column(["学期", "term"], label: "学期 / term")),
                ("month", try file.column(["月份", "发放月份", "month"], label: "月份 / month")),
                ("amount", try file.column(["金额（元）", "金额(元)", "金额", "amount_yuan"], label: "金额（元） / amount_yuan")),
                ("paid_on", try file.column(["支付日期", "发放日期", "paid_on"], label: "支付日期 / paid_on")),
                ("reference", try file.column(["凭证号", "凭证编号", "reference"], label: "凭证号 / reference")),
            ]
            let noteColumn = file.optionalColumn(["备注", "note"])
            var drafts: [(row: Int, draft: Draft)] = []
            var outcome = ImportOutcome()
            try file.forEachRow { row, cells, _, _ in
                outcome.rows += 1
                let cell = { (i: Int) in i < cells.count ? cells[i].trimmedBlanks : "" }
                var draft = Draft()
                draft.amountInFen = false
                draft.school = cell(columns[0].index); draft.programme = cell(columns[1].index); draft.term = cell(columns[2].index)
                draft.month = cell(columns[3].index); draft.amount = cell(columns[4].index); draft.paidOn = cell(columns[5].index)
                draft.reference = cell(columns[6].index); draft.note = noteColumn.map(cell) ?? ""
                drafts.append((row, draft))
                return true
            }
            let now = clock.now()
            try database.write { connection in
                for (row, draft) in drafts {
                    let (id, problems) = try insert(draft, connection: connection, actor: actor, now: now, audited: false)
                    if id != nil {
                        outcome.recorded += 1
                        outcome.recordedFen += (draft.amountInFen ? Int64(draft.amount) : Yuan.fen(draft.amount)) ?? 0
                    }
                    for p in problems {
                        let index = columns.first { $0.field == p.field }?.index ?? noteColumn ?? 0
                        outcome.rejected.append((row, index < written.count ? written[index] : p.field, p.code, p.message))
                    }
                }
                try audit.record(connection, actor: actor, action: "aid.payments_import", subject: actor.scope.description,
                                 after: "{\"rows\":\(outcome.rows),\"recorded\":\(outcome.recorded),\"fen\":\(outcome.recordedFen)}", now: now)
            }
            return outcome
        }
    }

    /// Checks a draft and appends it when it is good: the new row's id, or nil and every problem.
    func insert(_ draft: Draft, connection: Connection, actor: Actor, now: Int64, audited: Bool = true) throws -> (Int64?, [Problem]) {
        var problems: [Problem] = []
        func bad(_ field: String, _ code: String, _ zh: String, _ en: String) { problems.append(Problem(field: field, code: code, message: LocalizedText(zh: zh, en: en))) }
        // A school outside the scope reads as unknown: the answer does not say it exists.
        let school = try AttendanceRepository(connection).school(draft.school, scope: ScopeFilter(actor.scope))
        if school == nil { bad("school", "unknown_school", "没有这个学校标识码（或不在本辖区）。", "No such school code in your scope.") }
        let programme = AidProgrammes.codes.contains(draft.programme) ? draft.programme : Self.programmeNames[draft.programme]
        if programme == nil { bad("programme", "invalid_code", "资助项目为 living_subsidy（生活补助）或 senior_grant（国家助学金）。", "The programme is living_subsidy or senior_grant.") }
        let parts = draft.term.split(separator: "-")
        var term: Term?
        if parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]), (1...2).contains(number) {
            term = try AttendanceRepository(connection).terms(province: school?.region.province ?? "00").first { $0.schoolYear == year && $0.term == number }
            if term == nil { bad("term", "unknown_term", "没有这个学期。", "No such term.") }
        } else {
            bad("term", "invalid_term", "学期格式为 YYYY-1 或 YYYY-2。", "A term is YYYY-1 or YYYY-2.")
        }
        let month = draft.month.replacingOccurrences(of: "/", with: "-")
        if let term, !AidService.months(of: term).contains(where: { AidService.monthText($0) == month }) {
            bad("month", "month_outside_term", "月份（YYYY-MM）须在该学期内。", "The month (YYYY-MM) must be in the term.")
        }
        let fen = draft.amountInFen ? Int64(draft.amount.trimmedBlanks) : Yuan.fen(draft.amount)
        let note = draft.note.trimmedBlanks
        if fen == nil || fen == 0 || abs(fen ?? 0) > 100_000_000_000 {
            bad("amount", "invalid_amount", "金额须为非零数（元，最多两位小数；冲销为负数）。", "The amount must be a non-zero number (yuan, at most two decimals; negative for a reversal).")
        } else if fen! < 0 && note.isEmpty {
            bad("note", "required", "冲销（负数金额）须写明原因。", "A reversal (negative amount) needs a note.")
        }
        let paidOn = CivilDate(draft.paidOn.replacingOccurrences(of: "/", with: "-"))
        if paidOn == nil || paidOn! > clock.today { bad("paid_on", "invalid_date", "支付日期格式为 YYYY-MM-DD，且不晚于今天。", "The payment date is YYYY-MM-DD, not after today.") }
        let reference = draft.reference.trimmedBlanks
        if reference.isEmpty || reference.count > 64 || reference.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            bad("reference", "invalid_reference", "凭证号必填（64字以内）。", "The voucher number is required (at most 64 characters).")
        } else if let school, try AidPaymentRepository(connection).voucherExists(school: school.id, reference: reference) {
            bad("reference", "duplicate_payment", "该校这张凭证已入账。", "This voucher is already in the school's ledger.")
        }
        if note.count > 200 { bad("note", "too_long", "备注200字以内。", "A note has at most 200 characters.") }
        guard problems.isEmpty, let school, let programme, let term, let fen, let paidOn else { return (nil, problems) }
        let id = try AidPaymentRepository(connection).insert(school: school.id, province: school.region.province, programme: programme, schoolYear: term.schoolYear,
                                                             term: term.term, month: month, fen: fen, paidOn: paidOn, reference: reference,
                                                             note: note.isEmpty ? nil : note, by: actor.userID, now: now)
        if audited {
            try audit.record(connection, actor: actor, action: "aid.payment", subject: draft.school,
                             after: "{\"month\":\"\(month)\",\"fen\":\(fen),\"reference\":\(ExportService.jsonString(reference))}", now: now)
        }
        return (id, [])
    }

    /// The ledger of a term in the reader's scope (not for analysts: it is the county's books).
    public func payments(schoolYear: Int, term: Int, month: String?, by actor: Actor) throws -> [AidPayment] {
        guard actor.role != .analyst else { throw DomainError.forbidden }
        return try database.read { try AidPaymentRepository($0).list(schoolsIn: ScopeFilter(actor.scope), schoolYear: schoolYear, term: term, month: month) }
    }

    /// Per school: awards owed something, what is owed (due) and what the ledger shows paid.
    public struct Line: Sendable {
        public var awards = 0
        public var dueFen: Int64 = 0
        public var paidFen: Int64 = 0
        public var differenceFen: Int64 { paidFen - dueFen }
    }

    public func reconciliation(schoolsIn scope: Scope, schoolYear: Int, term: Int, month: String?, programme: String?) throws -> [String: Line] {
        if let programme, !AidProgrammes.codes.contains(programme) {
            throw DomainError.validation([FieldError(field: "programme", code: "invalid_code", message: LocalizedText(zh: "资助项目为 living_subsidy 或 senior_grant。", en: "The programme is living_subsidy or senior_grant."))])
        }
        var out: [String: Line] = [:]
        for (school, due) in try AidService(database: database, clock: clock).disbursement(schoolsIn: scope, schoolYear: schoolYear, term: term, month: month, programme: programme) {
            out[school, default: Line()].awards = due.awards.count
            out[school]!.dueFen = due.fen
        }
        for payment in try database.read({ try AidPaymentRepository($0).list(schoolsIn: ScopeFilter(scope), schoolYear: schoolYear, term: term, month: month, programme: programme) }) {
            out[payment.school, default: Line()].paidFen += payment.amountFen
        }
        return out
    }
}
