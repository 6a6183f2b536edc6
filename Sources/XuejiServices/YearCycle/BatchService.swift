import Foundation
import XuejiCore
import XuejiStore

/// Undoing a batch (issue 6): exactly, while none of its pupils has changed since (each pupil's
/// version is still the one the batch left and no change was filed for it); otherwise the revert is
/// refused and names the pupils that block it.
public struct BatchService: Sendable {
    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    static let unknown = DomainError.notFound(LocalizedText(zh: "该批次", en: "batch"))

    public func revert(_ id: String, by actor: Actor) throws -> (batch: String, kind: String, pupils: Int) {
        switch actor.role {
        case .systemAdmin, .bureauAdmin, .bureauReviewer, .schoolRegistrar: break
        default: throw DomainError.forbidden
        }
        let now = clock.now()
        return try database.write { connection in
            let batches = BatchRepository(connection)
            // A cohort move's scope is "from>to": the caller must hold both schools.
            guard id.utf8.count <= 40, let batch = try batches.get(id) else { throw Self.unknown }
            let scopes = batch.scope.split(separator: ">").compactMap { Scope(String($0)) }
            guard !scopes.isEmpty, try scopes.allSatisfy({ try Self.contains(actor.scope, $0, connection) }) else { throw Self.unknown }
            guard batch.state == "done" else {
                throw DomainError(.conflict, code: "batch_reverted", message: LocalizedText(zh: "该批次已撤销。", en: "The batch was already reverted."))
            }
            let pupils = try batches.pupils(of: batch.id)
            var blocking = pupils.filter { $0.currentVersion != $0.afterVersion }.map(\.number)
            blocking += try connection.query("""
                SELECT p.number FROM changes c JOIN pupils p ON p.id = c.pupil_id JOIN batch_pupils b ON b.pupil_id = c.pupil_id
                WHERE b.batch_id = ? AND c.created_at > ?
                """, .integer(batch.id), .integer(batch.createdAt)).compactMap { $0[0].string }
            if !blocking.isEmpty {
                let unique = Array(Set(blocking)).sorted()
                let shown = unique.prefix(20).joined(separator: ", ")
                throw DomainError(.conflict, code: "batch_changed",
                                  message: LocalizedText(zh: "批次之后已有\(unique.count)名学生的学籍变动，不能撤销：\(shown)。",
                                                         en: "\(unique.count) pupils changed after the batch, so it cannot be reverted: \(shown)."),
                                  extras: ["blocking": unique.prefix(100).joined(separator: ",")])
            }
            let members = "pupil_id IN (SELECT pupil_id FROM batch_pupils WHERE batch_id = ?)"
            switch batch.kind {
            case "import":
                let repository = PupilRepository(connection)
                for p in pupils { try repository.deleteImported(p.pupilID) }
            case "promotion":
                let day = (CivilDate(year: batch.schoolYear ?? 0, month: 8, day: 10) ?? clock.today).description
                try connection.execute("DELETE FROM memberships WHERE entry_code = '31' AND entry_date = ? AND exit_date IS NULL AND \(members)",
                                       .text(day), .integer(batch.id))
                try connection.execute("UPDATE memberships SET exit_date = NULL, exit_code = NULL WHERE exit_code = '31' AND exit_date = ? AND \(members)",
                                       .text(day), .integer(batch.id))
                try restore(connection, batch: batch.id)
                try deleteCreatedClasses(connection, batch: batch.id)
            case "cohort":
                let day = CivilDate(daysSinceEpoch: Int((batch.createdAt + 8 * 3_600_000) / 86_400_000)).description
                try connection.execute("DELETE FROM memberships WHERE entry_code = '13' AND entry_date = ? AND exit_date IS NULL AND \(members)",
                                       .text(day), .integer(batch.id))
                try connection.execute("UPDATE memberships SET exit_date = NULL, exit_code = NULL WHERE exit_code = '27' AND exit_date = ? AND \(members)",
                                       .text(day), .integer(batch.id))
                try connection.execute("""
                    UPDATE pupils SET
                        school_id = (SELECT b.before_school FROM batch_pupils b WHERE b.batch_id = ? AND b.pupil_id = pupils.id),
                        county = (SELECT s.region FROM batch_pupils b JOIN schools s ON s.id = b.before_school WHERE b.batch_id = ? AND b.pupil_id = pupils.id),
                        province = (SELECT s.province FROM batch_pupils b JOIN schools s ON s.id = b.before_school WHERE b.batch_id = ? AND b.pupil_id = pupils.id)
                    WHERE id IN (SELECT pupil_id FROM batch_pupils WHERE batch_id = ?)
                    """, .integer(batch.id), .integer(batch.id), .integer(batch.id), .integer(batch.id))
                let repository = PupilRepository(connection)
                for row in try connection.query("SELECT id, province FROM pupils WHERE id IN (SELECT pupil_id FROM batch_pupils WHERE batch_id = ?)", .integer(batch.id)) {
                    if let pupil = row[0].int64, let province = row[1].string { try repository.moveProvince(pupil: pupil, to: province) }
                }
                try restore(connection, batch: batch.id)
                try deleteCreatedClasses(connection, batch: batch.id)
            case "graduation":
                try connection.execute("""
                    UPDATE memberships SET exit_date = NULL, exit_code = NULL
                    WHERE exit_code IN ('21', '22') AND id IN (SELECT MAX(id) FROM memberships WHERE \(members) GROUP BY pupil_id)
                    """, .integer(batch.id))
                try restore(connection, batch: batch.id)
            default:
                throw Self.unknown
            }
            guard try batches.markReverted(batch.id, now: now) else { throw DomainError.busy }
            try audit.record(connection, actor: actor, action: "batch.revert", subject: batch.publicID, after: "{\"pupils\":\(pupils.count)}", now: now)
            return (batch.publicID, batch.kind, pupils.count)
        }
    }

    private func deleteCreatedClasses(_ connection: Connection, batch: Int64) throws {
        // The classes the batch created go, when no pupil or membership uses them any more.
        let created = try connection.query("SELECT class_id FROM batch_classes WHERE batch_id = ?", .integer(batch)).compactMap { $0[0].int64 }
        try connection.execute("DELETE FROM batch_classes WHERE batch_id = ?", .integer(batch))
        for c in created {
            try connection.execute("""
                DELETE FROM classes WHERE id = ? AND NOT EXISTS (SELECT 1 FROM pupils WHERE class_id = ?) AND NOT EXISTS (SELECT 1 FROM memberships WHERE class_id = ?)
                """, .integer(c), .integer(c), .integer(c))
        }
    }

    /// Puts grade, class, status, version and update time back as they were before the batch.
    private func restore(_ connection: Connection, batch: Int64) throws {
        try connection.execute("""
            UPDATE pupils SET
                grade = (SELECT b.before_grade FROM batch_pupils b WHERE b.batch_id = ? AND b.pupil_id = pupils.id),
                class_id = (SELECT b.before_class FROM batch_pupils b WHERE b.batch_id = ? AND b.pupil_id = pupils.id),
                status = (SELECT b.before_status FROM batch_pupils b WHERE b.batch_id = ? AND b.pupil_id = pupils.id),
                updated_at = (SELECT b.before_updated FROM batch_pupils b WHERE b.batch_id = ? AND b.pupil_id = pupils.id),
                version = version - 1
            WHERE id IN (SELECT pupil_id FROM batch_pupils WHERE batch_id = ?)
            """, .integer(batch), .integer(batch), .integer(batch), .integer(batch), .integer(batch))
    }

    static func contains(_ outer: Scope, _ inner: Scope, _ connection: Connection) throws -> Bool {
        switch (outer, inner) {
        case (.division(let o), .division(let i)): return o.contains(i)
        case (.school(let o), .school(let i)): return o == i
        case (.school, .division): return false
        case (.division(let o), .school(let code)):
            guard let school = try SchoolRepository(connection).get(code) else { return false }
            return o.contains(school.region)
        }
    }
}
