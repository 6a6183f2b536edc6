import XuejiCore

/// Where a pupil is: school, grade, class and status, and the membership history that records every
/// move (DOMAIN.md §4 "Enrolment history"). Used by the effects of completed changes, inside their
/// transaction.
extension PupilRepository {
    /// Closes the open membership on `date` with an exit code (27 transfer out, 23 …).
    public func closeMembership(pupil: Int64, on date: CivilDate, code: String) throws {
        try connection.execute("UPDATE memberships SET exit_date = ?, exit_code = ? WHERE pupil_id = ? AND exit_date IS NULL",
                               .text(date.description), .text(code), .integer(pupil))
    }

    public func openMembership(pupil: Int64, province: String, school: Int64, grade: Int, classID: Int64?, on date: CivilDate, code: String) throws {
        try connection.execute("""
            INSERT INTO memberships (pupil_id, province, school_id, grade, class_id, entry_date, entry_code) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.integer(pupil), .text(province), .integer(school), .integer(Int64(grade)), SQLValue(classID), .text(date.description), .text(code)])
    }

    /// Sets where the pupil is now. `county` and `province` follow the school, so scoped queries
    /// (which read pupils.county) see the pupil at the new school at once.
    public func place(pupil: Int64, school: Int64, grade: Int, classID: Int64?, status: PupilStatus, statusUntil: CivilDate?, now: Int64) throws {
        try connection.execute("""
            UPDATE pupils SET school_id = ?, grade = ?, class_id = ?, status = ?, status_until = ?,
                county = (SELECT region FROM schools WHERE id = ?), province = (SELECT province FROM schools WHERE id = ?),
                version = version + 1, updated_at = ?
            WHERE id = ?
            """, [.integer(school), .integer(Int64(grade)), SQLValue(classID), .text(status.rawValue), SQLValue(statusUntil?.description),
                  .integer(school), .integer(school), .integer(now), .integer(pupil)])
    }

    /// Moves every row of the pupil's record to another province's data (跨省转学: the record moves
    /// with the pupil, 籍随人走).
    public func moveProvince(pupil: Int64, to province: String) throws {
        for table in ["pupil_numbers", "guardians", "memberships", "problems", "field_edits"] {
            try connection.execute("UPDATE \(table) SET province = ? WHERE pupil_id = ?", .text(province), .integer(pupil))
        }
    }

    /// The pupil's record as stored, unscoped (the effects snapshot what the old school held).
    public func record(id: Int64) throws -> StoredPupil? {
        guard let row = try connection.queryOne("SELECT \(Self.columns) \(Self.from) WHERE p.id = ?", .integer(id)) else { return nil }
        return try pupil(row, guardians: guardians(of: id))
    }
}

extension PupilRepository {
    /// The pupil (by current number) when a step of one of its pending changes waits for this party:
    /// that reviewer sees the record in full while deciding (issue 4), even outside its scope.
    public func awaitingDecision(number: String, partyKind: String, partyCode: String) throws -> StoredPupil? {
        guard let id = try connection.queryOne("""
            SELECT p.id FROM pupils p JOIN changes c ON c.pupil_id = p.id AND c.state = 'pending'
            JOIN change_steps st ON st.change_id = c.id AND st.state = 'pending'
            WHERE p.number = ? AND st.party_kind = ? AND st.party_code = ?
            """, .text(number), .text(partyKind), .text(partyCode))?[0].int64 else { return nil }
        return try record(id: id)
    }
}
