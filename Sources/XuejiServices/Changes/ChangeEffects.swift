import Foundation
import XuejiCore
import XuejiStore

/// What a completed change does to the record (DOMAIN.md §4), run in the transaction of the last
/// approval so the change and its effect commit together or not at all.
struct ChangeEffects {
    let connection: Connection
    let clock: Clock

    /// Applies the change; returns, for a move between schools, the record as the old school held
    /// it (kept on the change as its read-only copy).
    func apply(_ change: StoredChange) throws -> String? {
        let pupils = PupilRepository(connection), changes = ChangeRepository(connection)
        guard let subject = try changes.subject(id: change.pupilID), let before = try pupils.record(id: change.pupilID) else {
            throw DatabaseError(.other, "the pupil of change \(change.publicID) is gone")
        }
        let today = clock.today, now = clock.now()
        let movesSchool = change.toSchool != nil
        let schoolID = movesSchool ? (try SchoolCode(change.toSchool ?? "").flatMap { try changes.schoolID($0) } ?? subject.schoolID) : subject.schoolID
        let grade = change.toGrade ?? subject.grade
        let classID: Int64? = try change.toClass.flatMap { name in
            try changes.classID(school: SchoolCode(change.toSchool ?? subject.school.rawValue) ?? subject.school, grade: grade, name: name)
        } ?? (try currentClassID(subject.id))
        let status = ChangeRules.resultingStatus(change.type) ?? subject.status
        let until = status == .suspended || status == .abroad ? Self.until(change.details) : nil
        let province = movesSchool ? String((change.toCounty ?? subject.county).prefix(2)) : subject.province

        if let codes = ChangeRules.membershipCodes(change.type) {
            try pupils.closeMembership(pupil: subject.id, on: today, code: codes.exit)
            if let entry = codes.entry {
                try pupils.openMembership(pupil: subject.id, province: province, school: schoolID, grade: grade, classID: classID, on: today, code: entry)
            }
        }
        try pupils.place(pupil: subject.id, school: schoolID, grade: grade, classID: classID, status: status, statusUntil: until, now: now)
        guard movesSchool else { return nil }
        if province != subject.province { try pupils.moveProvince(pupil: subject.id, to: province) }
        if change.type == .transfer {
            // The paper file follows within one month (DOMAIN.md §4), a task on the old school.
            let months = ProvinceSettings.forProvince(subject.province).paperFileMonths
            try changes.openTask(kind: "send_paper_file", school: subject.schoolID, pupil: subject.id, change: change.id,
                                 due: today.adding(months: months), now: now)
        }
        return Self.snapshot(before)
    }

    private func currentClassID(_ pupil: Int64) throws -> Int64? {
        try connection.queryOne("SELECT class_id FROM pupils WHERE id = ?", .integer(pupil))?[0].int64
    }

    static func until(_ details: String) -> CivilDate? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(details.utf8)) as? [String: Any] else { return nil }
        return (object["until"] as? String).flatMap(CivilDate.init)
    }

    /// The record as the old school held it, identity numbers masked: the old school keeps what it
    /// needs to answer for its time with the pupil, not a second full copy of a minor's identity.
    static func snapshot(_ p: StoredPupil) -> String {
        let r = p.record
        let object: [String: Any] = [
            "number": p.number.rawValue, "name": r.name, "sex": r.sex, "birth_date": r.birthDate.description,
            "id_type": r.idType, "id_number": PupilView.maskID(r.idNumber) ?? NSNull(), "ethnicity": r.ethnicity,
            "school": r.school.rawValue, "school_name": p.schoolName, "grade": r.grade, "class": r.className,
            "entry_date": r.entryDate.description, "address": r.address, "phone": PupilView.maskPhone(r.phone),
            "guardians": r.guardians.map { ["name": $0.name, "relation": $0.relation, "phone": PupilView.maskPhone($0.phone)] },
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
