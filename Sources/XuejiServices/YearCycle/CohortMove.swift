import Foundation
import XuejiCore
import XuejiStore

extension YearCycleService {
    public struct CohortOutcome: Sendable {
        public var batch: String?
        public var moved = 0
        /// Pupils left behind because a change is open for them or they have an open problem record.
        public var skipped: [String] = []
    }

    /// Moves a whole grade of one school to another as one batch (school merger, closure, a nine-year
    /// school split): each pupil as by a transfer (membership exit 27, entry 13), into the class of the
    /// same name (created when missing), except pupils a transfer could not move either (an open
    /// change or problem record), who are listed. A bureau whose scope holds both schools does it.
    public func moveCohort(from source: SchoolCode, grade: Int, to target: SchoolCode, toGrade: Int?, dryRun: Bool, by actor: Actor) throws -> CohortOutcome {
        guard [.systemAdmin, .bureauAdmin, .bureauReviewer].contains(actor.role) else { throw DomainError.forbidden }
        let now = clock.now(), today = clock.today
        let run = { (connection: Connection) throws -> (result: CohortOutcome, commit: Bool) in
            let schools = SchoolRepository(connection), changes = ChangeRepository(connection)
            guard let from = try schools.get(source), let to = try schools.get(target),
                  actor.scope.contains(school: from.code, in: from.region), actor.scope.contains(school: to.code, in: to.region) else {
                throw DomainError.notFound(LocalizedText(zh: "该学校", en: "school"))
            }
            let newGrade = toGrade ?? grade
            guard from.code != to.code else {
                throw ChangeRefusal.invalidData("to_school", zh: "迁入学校与原学校相同。", en: "The receiving school is the same school.")
            }
            guard from.grades.contains(grade), to.grades.contains(newGrade), Stage(grade: grade) == Stage(grade: newGrade) else {
                throw DomainError.validation([FieldError(field: "to_grade", code: "grade_not_offered",
                    message: LocalizedText(zh: "迁入学校未开设该年级，或跨越学段。", en: "The receiving school does not offer that grade, or it crosses a stage."))])
            }
            guard let fromID = try changes.schoolID(from.code), let toID = try changes.schoolID(to.code) else { throw DomainError.busy }
            var outcome = CohortOutcome()
            let blocked = """
                (EXISTS (SELECT 1 FROM changes c WHERE c.pupil_id = pupils.id AND c.state = 'pending')
                 OR EXISTS (SELECT 1 FROM problems pr WHERE pr.pupil_id = pupils.id AND pr.state = 'open'))
                """
            outcome.skipped = try connection.query("SELECT number FROM pupils WHERE school_id = ? AND grade = ? AND status = 'active' AND \(blocked) ORDER BY number",
                                                   .integer(fromID), .integer(Int64(grade))).compactMap { $0[0].string }
            let batchID = "B" + Crypto.randomToken(bytes: 9)
            let batch = try BatchRepository(connection).insert(publicID: batchID, kind: "cohort", schoolYear: nil,
                                                              scope: "\(from.code.rawValue)>\(to.code.rawValue)", by: actor.userID, now: now)
            try connection.execute("""
                INSERT INTO batch_pupils (batch_id, pupil_id, before_grade, before_school, before_class, before_status, before_updated, after_version)
                SELECT ?, id, grade, school_id, class_id, status, updated_at, version + 1 FROM pupils
                WHERE school_id = ? AND grade = ? AND status = 'active' AND NOT \(blocked)
                """, .integer(batch), .integer(fromID), .integer(Int64(grade)))
            for c in try ClassRepository(connection).list(school: from.code) where c.grade == grade {
                guard let classID = try changes.classID(school: from.code, grade: grade, name: c.name) else { continue }
                let name = newGrade == grade ? c.name : GradeNames.advance(c.name, from: grade)
                var targetClass = try changes.classID(school: to.code, grade: newGrade, name: name)
                if targetClass == nil {
                    _ = try ClassRepository(connection).insert(school: to.code, grade: newGrade, name: name, entryYear: c.entryYear, now: now)
                    targetClass = try changes.classID(school: to.code, grade: newGrade, name: name)
                    if let targetClass { try connection.execute("INSERT INTO batch_classes (batch_id, class_id) VALUES (?, ?)", .integer(batch), .integer(targetClass)) }
                }
                try connection.execute("UPDATE pupils SET class_id = ? WHERE id IN (SELECT pupil_id FROM batch_pupils WHERE batch_id = ? AND before_class = ?)",
                                       SQLValue(targetClass), .integer(batch), .integer(classID))
            }
            let members = "(SELECT pupil_id FROM batch_pupils WHERE batch_id = ?)"
            try connection.execute("UPDATE memberships SET exit_date = ?, exit_code = '27' WHERE exit_date IS NULL AND pupil_id IN \(members)",
                                   .text(today.description), .integer(batch))
            outcome.moved = try connection.execute("""
                UPDATE pupils SET school_id = ?, grade = ?, county = ?, province = ?, version = version + 1, updated_at = ? WHERE id IN \(members)
                """, .integer(toID), .integer(Int64(newGrade)), .text(to.region.rawValue), .text(to.region.province), .integer(now), .integer(batch))
            try connection.execute("""
                INSERT INTO memberships (pupil_id, province, school_id, grade, class_id, entry_date, entry_code)
                SELECT p.id, p.province, p.school_id, p.grade, p.class_id, ?, '13' FROM batch_pupils b JOIN pupils p ON p.id = b.pupil_id WHERE b.batch_id = ?
                """, .text(today.description), .integer(batch))
            if from.region.province != to.region.province {
                let pupils = PupilRepository(connection)
                for row in try connection.query("SELECT pupil_id FROM batch_pupils WHERE batch_id = ?", .integer(batch)) {
                    if let id = row[0].int64 { try pupils.moveProvince(pupil: id, to: to.region.province) }
                }
            }
            guard outcome.moved > 0, !dryRun else { return (outcome, false) }
            try BatchRepository(connection).setSummary(batch, "{\"moved\":\(outcome.moved),\"skipped\":\(outcome.skipped.count),\"day\":\"\(today)\"}")
            try audit.record(connection, actor: actor, action: "year.cohort_move", subject: batchID,
                             after: "{\"from\":\"\(from.code.rawValue)\",\"to\":\"\(to.code.rawValue)\",\"grade\":\(grade),\"moved\":\(outcome.moved)}", now: now)
            outcome.batch = batchID
            return (outcome, true)
        }
        return try batchTransaction(run)
    }
}
