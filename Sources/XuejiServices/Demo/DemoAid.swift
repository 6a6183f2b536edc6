import XuejiCore
import XuejiStore

/// The demo's financial aid for the current term (DOMAIN.md §5 "Financial aid"): about one pupil in
/// twelve of the compulsory stage (boarders three times as likely) with the living subsidy, one in
/// five seniors with the national grant, all approved by the county; and the ledger paid for every
/// month of the term before this one, so the reconciliation shows this month still due.
public struct DemoAid: Sendable {
    let database: any Database
    let clock: Clock

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public struct Summary: Sendable {
        public var awards = 0
        public var payments = 0
    }

    public func write(seed: UInt64) throws -> Summary {
        var random = SeededRandom(seed: seed ^ 0xA1D)
        let today = clock.today, now = clock.now()
        let (year, number) = SchoolTerm.of(today)
        var summary = Summary()
        guard let term = try database.read({ try AttendanceRepository($0).terms(province: "41").first { $0.schoolYear == year && $0.term == number } }) else { return summary }
        let hardship = AidProgrammes.hardship.keys.sorted()
        try database.write { connection in
            // Once per term: a second run adds nothing.
            guard try connection.queryOne("SELECT 1 FROM aid_applications WHERE province = '41' AND school_year = ? AND term = ?",
                                          .integer(Int64(year)), .integer(Int64(number))) == nil,
                  let admin = try connection.queryOne("SELECT id FROM users WHERE username = 'admin'")?[0].int64 else { return }
            let rates = RateBook(try ProgrammeRepository(connection).rates())
            let aid = AidRepository(connection)
            for r in try connection.query("""
                SELECT id, grade, study_mode, school_id FROM pupils WHERE province = '41' AND status = 'active' AND approval = 'approved' ORDER BY id
                """) {
                guard let pupil = r[0].int64, let school = r[3].int64 else { continue }
                let grade = Int(r[1].int64 ?? 0), boarder = r[2].string == "2"
                let senior = grade >= 10
                guard random.chance(senior ? 0.2 : (boarder ? 0.2 : 0.06)) else { continue }
                let programme = senior ? "senior_grant" : "living_subsidy", tier = senior ? random.pick([1, 2, 2, 3]) : 0
                guard let fen = AidProgrammes.termAward(programme: programme, grade: grade, boarder: boarder, tier: tier, rates: rates, province: "41", on: term.starts) else { continue }
                try aid.insert(publicID: "D41-" + String(random.next() >> 16, radix: 36), pupil: pupil, province: "41", programme: programme, schoolYear: year, term: number,
                               hardship: random.pick(hardship), tier: tier, fen: fen, school: school, by: admin, now: now)
                summary.awards += 1
            }
            try connection.execute("UPDATE aid_applications SET state = 'approved', decided_by = ?, decided_at = ? WHERE province = '41' AND school_year = ? AND term = ? AND state = 'pending'",
                                   [.integer(admin), .integer(now), .integer(Int64(year)), .integer(Int64(number))])
        }
        // The county paid each past month's due on the 10th of the month after.
        let thisMonth = String(today.description.prefix(7))
        let province = Scope.division(DivisionCode("410000")!)
        for first in AidService.months(of: term) {
            let month = String(first.description.prefix(7))
            guard month < thisMonth else { break }
            for programme in AidProgrammes.codes.sorted() {
                let due = try AidService(database: database, clock: clock).disbursement(schoolsIn: province, schoolYear: year, term: number, month: month, programme: programme)
                try database.write { connection in
                    guard let admin = try connection.queryOne("SELECT id FROM users WHERE username = 'admin'")?[0].int64 else { return }
                    let next = CivilDate(year: first.month == 12 ? first.year + 1 : first.year, month: first.month % 12 + 1, day: 10)!
                    for (code, owed) in due where owed.fen > 0 {
                        guard let school = try connection.queryOne("SELECT id FROM schools WHERE code = ?", .text(code))?[0].int64,
                              try !AidPaymentRepository(connection).voucherExists(school: school, reference: "DEMO-\(month)-\(programme)") else { continue }
                        _ = try AidPaymentRepository(connection).insert(school: school, province: "41", programme: programme, schoolYear: year, term: number, month: month,
                                                                        fen: owed.fen, paidOn: min(next, today), reference: "DEMO-\(month)-\(programme)", note: nil,
                                                                        by: admin, now: now)
                        summary.payments += 1
                    }
                }
            }
        }
        return summary
    }
}
