import XuejiCore
import XuejiStore

/// `xueji demo`: a realistic synthetic province for trying Xueji (issue 3). Henan's first prefectures
/// and their counties from the real division list, schools of every type and locality with classes,
/// pupils with plausible names and valid resident IDs that match their birth date, sex and a
/// birthplace code valid in their birth year, guardians, and realistic shares of boarders, migrant
/// and left-behind pupils. Every record passes the same `PupilRules` as a registration. The same
/// seed gives the same data.
public struct DemoLoader: Sendable {
    let database: any Database
    let clock: Clock
    let reference: ReferenceData

    public init(database: any Database, clock: Clock, reference: ReferenceData) {
        self.database = database
        self.clock = clock
        self.reference = reference
    }

    public static let password = "xueji-demo-2026"
    public static let province = "410000"

    public struct Summary: Sendable {
        public var schools = 0, classes = 0, pupils = 0
        public var accounts: [(username: String, role: String, scope: String)] = []
    }

    public func load(pupils count: Int, seed: UInt64, progress: (Int) -> Void = { _ in }) throws -> Summary {
        var random = SeededRandom(seed: seed)
        let today = clock.today, now = clock.now()
        let year = SchoolTerm.stockDate(today).year  // the school year runs from 1 September
        let counties = try database.read { c in
            try c.query("SELECT code FROM regions WHERE level = 3 AND code LIKE '41%' AND parent IN ('410100', '410200', '410300') ORDER BY code", [])
        }.compactMap { $0.string("code").flatMap(DivisionCode.init) }
        guard counties.count >= 6 else { throw DomainError(.conflict, code: "no_regions", message: LocalizedText(zh: "请先运行 xueji migrate。", en: "Run xueji migrate first.")) }
        let plan = DemoPlan.schools(counties: Array(counties.prefix(9)), using: &random)
        var summary = Summary()
        let rules = reference.rules(today: today)
        try database.write { connection in
            let schools = SchoolRepository(connection), classes = ClassRepository(connection), pupils = PupilRepository(connection)
            if try connection.queryOne("SELECT 1 AS x FROM schools WHERE code = ?", .text(plan[0].code.rawValue)) != nil {
                throw DomainError(.conflict, code: "demo_loaded", message: LocalizedText(zh: "演示数据已存在。", en: "The demo data is already loaded."))
            }
            var placements: [(School, Int, String, Int64, Int64)] = []  // school, grade, class name, school id, class id
            for school in plan {
                try schools.insert(school, now: now)
                summary.schools += 1
                let schoolID = try connection.queryOne("SELECT id FROM schools WHERE code = ?", .text(school.code.rawValue))?.int64("id") ?? 0
                for grade in school.grades {
                    for n in 1...(school.type == .senior ? 3 : 2) {
                        let name = "\(DemoPlan.gradeName(grade))\(n)班"
                        let made = try classes.insert(school: school.code, grade: grade, name: name, entryYear: year - (grade - school.grades[0]), now: now)
                        let classID = try connection.queryOne("SELECT id FROM classes WHERE public_id = ?", .text(made.id))?.int64("id") ?? 0
                        placements.append((school, grade, name, schoolID, classID))
                        summary.classes += 1
                    }
                }
            }
            // The nutrition plan's pilots (DOMAIN.md §5): the demo counties take turns being a national
            // pilot since 2011 autumn, a local pilot since 2014 autumn, or not a pilot.
            for (i, county) in counties.prefix(9).enumerated() where i % 3 != 2 {
                try ProgrammeRepository(connection).setPilot(county: county.rawValue, pilot: i % 3 == 0 ? "national" : "local",
                                                             since: CivilDate(year: i % 3 == 0 ? 2011 : 2014, month: 9, day: 1)!, now: now)
            }
            var sequence: [String: Int] = [:]
            for i in 0..<count {
                let (school, grade, className, schoolID, classID) = placements[i % placements.count]
                let draft = DemoPupil.draft(school: school, grade: grade, className: className, schoolYear: year,
                                            history: reference.history, sequence: &sequence, using: &random)
                let record = try rules.check(draft)
                guard let number = NationalStudentNumber("G" + (record.idNumber ?? "")) else { continue }
                let due = ProvinceSettings.forProvince("41").registrationDue(entry: record.entryDate)
                _ = try pupils.insert(record, number: number, schoolID: schoolID, classID: classID, province: "41",
                                      registrationDue: due, late: false, now: now)
                summary.pupils += 1
                if i % 1_000 == 999 { progress(i + 1) }
            }
            try connection.execute("UPDATE pupils SET approval = 'approved', approved_at = ? WHERE province = '41'", .integer(now))
            try AuditTrail().record(connection, actor: .commandLine, action: "demo.load", subject: "province 41",
                                    after: "{\"schools\":\(summary.schools),\"pupils\":\(summary.pupils),\"seed\":\(seed)}", now: now)
        }
        summary.accounts = try createAccounts()
        return summary
    }

    /// The demo accounts: one for every role, at the first demo county and its first school
    /// (Zhengzhou's 中原区 410102, school 4101029001) and a second school in another county.
    public static let accounts: [(username: String, role: String, scope: String)] = [
        ("admin", Role.systemAdmin.rawValue, "000000"),
        ("henan-admin", Role.bureauAdmin.rawValue, province),
        ("zhengzhou-admin", Role.bureauAdmin.rawValue, "410100"),
        ("county-reviewer", Role.bureauReviewer.rawValue, "410102"),
        ("county-analyst", Role.analyst.rawValue, "410102"),
        ("registrar", Role.schoolRegistrar.rawValue, "4101029001"),
        ("principal", Role.schoolApprover.rawValue, "4101029001"),
        ("registrar2", Role.schoolRegistrar.rawValue, "4101039001"),
        // The other county's bureau and the province, so a four-party transfer and an intervention
        // (强制干预) can be walked through with demo logins alone.
        ("county-reviewer2", Role.bureauReviewer.rawValue, "410103"),
        ("henan-reviewer", Role.bureauReviewer.rawValue, province),
    ]

    private func createAccounts() throws -> [(username: String, role: String, scope: String)] {
        let accounts = AccountService(database: database, clock: clock)
        for a in Self.accounts {
            do { _ = try accounts.create(AccountDraft(username: a.username, password: Self.password, role: a.role, scope: a.scope), by: nil) }
            catch let e as DomainError where e.code == "username_taken" {}
        }
        return Self.accounts
    }
}
