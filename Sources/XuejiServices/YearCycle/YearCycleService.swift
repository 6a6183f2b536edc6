import Foundation
import XuejiCore
import XuejiStore

/// The school-year cycle (DOMAIN.md §4): promotion on 10 August and graduation before 30 July, as
/// batches that can be reverted. Set-based SQL per school, so a province's million pupils move in
/// seconds; idempotent per pupil and school year (a pupil promoted for a year is not promoted again).
public struct YearCycleService: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public var batch: String?
        public var moved = 0
        public var skipped = 0
        public var late = false
    }

    /// Administrators and reviewers of a division, or a school's registrar for its school.
    func schools(_ target: Scope, by actor: Actor, connection: Connection) throws -> [School] {
        switch actor.role {
        case .systemAdmin, .bureauAdmin, .bureauReviewer, .schoolRegistrar: break
        default: throw DomainError.forbidden
        }
        let repository = SchoolRepository(connection)
        switch target {
        case .school(let code):
            guard let school = try repository.get(code), actor.scope.contains(school: school.code, in: school.region) else {
                throw DomainError.notFound(LocalizedText(zh: "该学校", en: "school"))
            }
            return [school]
        case .division(let d):
            guard actor.scope.contains(division: d) else { throw DomainError.notFound(LocalizedText(zh: "该地区", en: "region")) }
            var all: [School] = [], after: String? = nil
            repeat {
                let page = try repository.list(regionPrefix: d.subtreePrefix, after: after, limit: 500)
                all += page.items
                after = page.nextKey
            } while after != nil
            return all
        }
    }

    /// 升级 on 10 August of `schoolYear` (into the school year starting that September): every active pupil below the school's final grade moves up a grade, into its class's next
    /// grade (created when missing); final grades are left for graduation.
    public func promote(schoolYear: Int, scope target: Scope, dryRun: Bool, by actor: Actor) throws -> Outcome {
        guard (2000...2100).contains(schoolYear) else { throw Self.badYear }
        let effective = CivilDate(year: schoolYear, month: 8, day: 10) ?? clock.today
        let now = clock.now()
        let run = { (connection: Connection) throws -> (result: Outcome, commit: Bool) in
            let schools = try schools(target, by: actor, connection: connection)
            var outcome = Outcome()
            let batches = BatchRepository(connection)
            let batchID = "B" + Crypto.randomToken(bytes: 9)
            var notGraduated: [String] = []
            let batch = try batches.insert(publicID: batchID, kind: "promotion", schoolYear: schoolYear, scope: target.description, by: actor.userID, now: now)
            let promotedAlready = "EXISTS (SELECT 1 FROM memberships m WHERE m.pupil_id = pupils.id AND m.exit_date IS NULL AND m.entry_code = '31' AND m.entry_date = ?)"
            var active = 0, classMoves: [(from: Int64, to: Int64)] = []
            for school in schools {
                guard let top = school.grades.max(), let schoolID = try ChangeRepository(connection).schoolID(school.code) else { continue }
                active += Int(try connection.queryOne("SELECT COUNT(*) FROM pupils WHERE school_id = ? AND status = 'active'",
                                                      .integer(schoolID))?[0].int64 ?? 0)
                // The final grade must have graduated first: pupils moving up into it would otherwise
                // mix with a class that has not left, and graduate a year early.
                let waiting = Int(try connection.queryOne("""
                    SELECT COUNT(*) FROM pupils WHERE school_id = ? AND status = 'active' AND grade >= ? AND NOT \(promotedAlready)
                    """, .integer(schoolID), .integer(Int64(top)), .text(effective.description))?[0].int64 ?? 0)
                if waiting > 0 { notGraduated.append("\(school.code.rawValue)（\(waiting)）") }
                try connection.execute("""
                    INSERT INTO batch_pupils (batch_id, pupil_id, before_grade, before_class, before_status, before_updated, after_version)
                    SELECT ?, id, grade, class_id, status, updated_at, version + 1 FROM pupils
                    WHERE school_id = ? AND status = 'active' AND grade < ? AND NOT \(promotedAlready)
                    """, .integer(batch), .integer(schoolID), .integer(Int64(top)), .text(effective.description))
                // Each class's cohort moves into the next grade's class of the advanced name (created
                // when missing); the mapping is applied below in the same statement as the grade.
                for c in try ClassRepository(connection).list(school: school.code) where c.grade < top {
                    guard let from = try ChangeRepository(connection).classID(school: school.code, grade: c.grade, name: c.name) else { continue }
                    let moving = try connection.queryOne("SELECT COUNT(*) FROM batch_pupils WHERE batch_id = ? AND before_class = ?",
                                                         .integer(batch), .integer(from))?[0].int64 ?? 0
                    guard moving > 0 else { continue }
                    let name = GradeNames.advance(c.name, from: c.grade)
                    var target = try ChangeRepository(connection).classID(school: school.code, grade: c.grade + 1, name: name)
                    if target == nil {
                        _ = try ClassRepository(connection).insert(school: school.code, grade: c.grade + 1, name: name, entryYear: c.entryYear, now: now)
                        target = try ChangeRepository(connection).classID(school: school.code, grade: c.grade + 1, name: name)
                        if let target { try connection.execute("INSERT INTO batch_classes (batch_id, class_id) VALUES (?, ?)", .integer(batch), .integer(target)) }
                    }
                    if let target { classMoves.append((from, target)) }
                }
            }
            // The rest once for the whole batch: statements per school re-read the batch per school.
            let members = "(SELECT pupil_id FROM batch_pupils WHERE batch_id = ?)"
            try connection.execute("UPDATE memberships SET exit_date = ?, exit_code = '31' WHERE exit_date IS NULL AND pupil_id IN \(members)",
                                   .text(effective.description), .integer(batch))
            // Grade and class in one statement, so each pupil row and its indexes are rewritten once;
            // pupils still hold their old class here, which is what the mapping is keyed by.
            let classCase = classMoves.isEmpty ? "class_id" : "CASE class_id " + String(repeating: "WHEN ? THEN ? ", count: classMoves.count) + "ELSE class_id END"
            outcome.moved = try connection.execute("UPDATE pupils SET grade = grade + 1, class_id = \(classCase), version = version + 1, updated_at = ? WHERE id IN \(members)",
                                                   classMoves.flatMap { [SQLValue.integer($0.from), .integer($0.to)] } + [.integer(now), .integer(batch)])
            outcome.skipped = active - outcome.moved   // final grades, and pupils already promoted for this year
            try connection.execute("""
                INSERT INTO memberships (pupil_id, province, school_id, grade, class_id, entry_date, entry_code)
                SELECT p.id, p.province, p.school_id, p.grade, p.class_id, ?, '31' FROM batch_pupils b JOIN pupils p ON p.id = b.pupil_id WHERE b.batch_id = ?
                """, .text(effective.description), .integer(batch))
            if !notGraduated.isEmpty {
                let list = notGraduated.prefix(20).joined(separator: "、")
                throw DomainError(.conflict, code: "graduate_first",
                                  message: LocalizedText(zh: "请先办理毕业：以下学校的毕业年级仍有在校学生（人数）：\(list)。",
                                                         en: "Graduate the final grades first; these schools still have pupils in them (count): \(list)."))
            }
            // Nothing to do (a second run for the year): no batch and no audit entry, as if never run.
            guard outcome.moved > 0, !dryRun else { return (outcome, false) }
            try batches.setSummary(batch, "{\"promoted\":\(outcome.moved),\"skipped\":\(outcome.skipped)}")
            try audit.record(connection, actor: actor, action: "year.promote", subject: batchID,
                             after: "{\"school_year\":\(schoolYear),\"scope\":\"\(target)\",\"promoted\":\(outcome.moved)}", now: now)
            outcome.batch = batchID
            return (outcome, true)
        }
        return try batchTransaction(run)
    }

    /// 毕业: active pupils in their school's final grade leave with status graduated (or, when named,
    /// completed 结业 / left early 肄业), membership exit code 21/22; identity fields lock. `schoolYear`
    /// is the summer's year, as for promotion (graduation by 30 July, promotion on 10 August of it);
    /// later runs are allowed and flagged `late`.
    public func graduate(schoolYear: Int, scope target: Scope, completed: Set<String> = [], leftEarly: Set<String> = [],
                         dryRun: Bool, by actor: Actor) throws -> Outcome {
        guard (2000...2100).contains(schoolYear) else { throw Self.badYear }
        let effective = clock.today, now = clock.now()
        let deadline = CivilDate(year: schoolYear, month: 7, day: 30) ?? effective
        // Pupils who moved up into the final grade by this summer's promotion graduate next year.
        let promotionDay = (CivilDate(year: schoolYear, month: 8, day: 10) ?? effective).description
        let run = { (connection: Connection) throws -> (result: Outcome, commit: Bool) in
            let schools = try schools(target, by: actor, connection: connection)
            var outcome = Outcome()
            outcome.late = effective > deadline
            let batches = BatchRepository(connection)
            let batchID = "B" + Crypto.randomToken(bytes: 9)
            let batch = try batches.insert(publicID: batchID, kind: "graduation", schoolYear: schoolYear, scope: target.description, by: actor.userID, now: now)
            for school in schools {
                guard let top = school.grades.max(), let schoolID = try ChangeRepository(connection).schoolID(school.code) else { continue }
                try connection.execute("""
                    INSERT INTO batch_pupils (batch_id, pupil_id, before_grade, before_class, before_status, before_updated, after_version)
                    SELECT ?, id, grade, class_id, status, updated_at, version + 1 FROM pupils WHERE school_id = ? AND status = 'active' AND grade = ?
                      AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.pupil_id = pupils.id AND m.exit_date IS NULL AND m.entry_code = '31'
                                      AND m.entry_date = ?)
                    """, .integer(batch), .integer(schoolID), .integer(Int64(top)), .text(promotionDay))
            }
            let members = "(SELECT pupil_id FROM batch_pupils WHERE batch_id = ?)"
            for (status, numbers) in [("completed", completed), ("left_early", leftEarly)] {
                for number in numbers.sorted() {
                    try connection.execute("UPDATE pupils SET status = ? WHERE number = ? AND id IN \(members)", .text(status), .text(number), .integer(batch))
                }
            }
            try connection.execute("""
                UPDATE memberships SET exit_date = ?, exit_code = CASE (SELECT status FROM pupils p WHERE p.id = memberships.pupil_id)
                    WHEN 'completed' THEN '22' WHEN 'left_early' THEN '22' ELSE '21' END
                WHERE exit_date IS NULL AND pupil_id IN \(members)
                """, .text(effective.description), .integer(batch))
            outcome.moved = try connection.execute("""
                UPDATE pupils SET status = CASE status WHEN 'active' THEN 'graduated' ELSE status END, version = version + 1, updated_at = ?
                WHERE id IN \(members)
                """, .integer(now), .integer(batch))
            guard outcome.moved > 0, !dryRun else { return (outcome, false) }
            try batches.setSummary(batch, "{\"graduated\":\(outcome.moved),\"late\":\(outcome.late)}")
            try audit.record(connection, actor: actor, action: "year.graduate", subject: batchID,
                             after: "{\"school_year\":\(schoolYear),\"scope\":\"\(target)\",\"graduated\":\(outcome.moved),\"late\":\(outcome.late)}", now: now)
            outcome.batch = batchID
            return (outcome, true)
        }
        return try batchTransaction(run)
    }

    /// Runs a batch in one write transaction and commits it only when `body` says so: a dry run (or
    /// a run that moved nobody) does the whole work and rolls it back, so its counts are exactly
    /// what a real run would do, and it leaves no batch behind.
    func batchTransaction<T: Sendable>(_ body: (Connection) throws -> (result: T, commit: Bool)) throws -> T {
        do {
            return try database.write { connection in
                let (result, commit) = try body(connection)
                if !commit { throw RolledBack(result: result) }
                return result
            }
        } catch let rolledBack as RolledBack<T> {
            return rolledBack.result
        }
    }

    struct RolledBack<T: Sendable>: Error { let result: T }

    static let badYear = DomainError.validation([FieldError(field: "school_year", code: "invalid_school_year",
        message: LocalizedText(zh: "学年应为2000–2100之间的年份（当年夏季毕业、8月10日升级）。", en: "The school year is a year from 2000 to 2100 (the summer of graduation and of the 10 August promotion)."))])
}
