import XuejiCore
import XuejiStore

extension PupilService {
    /// Fields a PATCH may not touch: moving school, grade or class is a change with its own workflow
    /// (DOMAIN.md §4), and the entry date is history.
    public static let notEditable: Set<String> = ["school", "grade", "class", "entry_date"]

    /// Edits a pupil's record (API.md `PATCH /pupils/{number}`), guarded by the version the client
    /// read (`If-Match`). Every changed field is recorded in the history and the audit log. Adding a
    /// valid resident ID to a pupil with a temporary L number gives the formal G number; the L number
    /// keeps resolving to the same pupil.
    public func update(_ number: String, patch: PupilDraft, expectedVersion: Int, by actor: Actor) throws -> PupilView {
        let now = clock.now()
        try requireReader(actor)
        let scope = ScopeFilter(actor.scope)
        guard let current = try database.read({ try PupilRepository($0).find(number: number.uppercased(), scope: scope) }) else { throw Self.unknownPupil }
        // Unknown or outside the scope answered 404 above; inside it, only the school's registrar edits.
        guard actor.role == .schoolRegistrar || actor.role == .systemAdmin else { throw DomainError.forbidden }
        let touched = Set(patch.fields.keys).union(patch.flags.keys).union(patch.guardians.isEmpty ? [] : ["guardians"])
        if let field = touched.intersection(Self.notEditable).sorted().first {
            throw DomainError.validation([FieldError(field: field, code: "field_not_editable",
                                                     message: LocalizedText(zh: "该项须通过学籍异动办理。", en: "This field changes through a status change, not an edit."))])
        }
        if current.status.locksIdentity, let field = touched.intersection(PupilRecord.identityFields).sorted().first {
            throw DomainError(.conflict, code: "identity_locked",
                              message: LocalizedText(zh: "学生已毕业（结业、肄业），身份信息不可修改（\(field)）。", en: "The pupil has left school; identity fields are read-only (\(field))."))
        }
        var draft = PupilDraft.from(current.record)
        for (k, v) in patch.fields { draft[k] = v }
        for (k, v) in patch.flags { draft.flags[k] = v }
        if !patch.guardians.isEmpty { draft.guardians = patch.guardians }
        let updated = try reference.rules(today: clock.today).check(draft)
        let changes = PupilDraft.from(current.record).differences(to: PupilDraft.from(updated))
        if changes.isEmpty { return PupilView(pupil: current, unmasked: true) }
        do {
            return try database.write { connection in
                let repository = PupilRepository(connection)
                guard let classID = try connection.queryOne("SELECT class_id FROM pupils WHERE id = ?", .integer(current.id))?.int64("class_id"),
                      try repository.update(id: current.id, expectedVersion: expectedVersion, record: updated, classID: classID,
                                            province: current.schoolRegion.province, now: now) else { throw Self.stale }
                for (field, old, new) in changes {
                    try repository.recordEdit(pupil: current.id, province: current.schoolRegion.province, field: field, old: old, new: new, by: actor.userID, now: now)
                }
                var numberNow = current.number
                if current.number.kind == .l, updated.idType == "1", let id = updated.idNumber {
                    numberNow = NationalStudentNumber(validGID: id)
                    try repository.renumber(id: current.id, to: numberNow, province: current.schoolRegion.province, now: now)
                }
                let before = "{" + changes.map { "\"\($0.0)\":\(Self.quoted($0.1))" }.joined(separator: ",") + "}"
                let after = "{" + changes.map { "\"\($0.0)\":\(Self.quoted($0.2))" }.joined(separator: ",") + "}"
                try audit.record(connection, actor: actor, action: "pupil.edit", subject: numberNow.rawValue, before: before, after: after, now: now)
                guard let stored = try repository.find(number: numberNow.rawValue, scope: scope) else { throw Self.unknownPupil }
                return PupilView(pupil: stored, unmasked: true)
            }
        } catch let e as DatabaseError where e.code == .uniqueViolation {
            throw DomainError(.conflict, code: "duplicate_identity",
                              message: LocalizedText(zh: "该证件号已有学籍（一人一籍）。", en: "This identity is already registered (one person, one record)."))
        }
    }

    public static let stale = DomainError(.preconditionFailed, code: "stale_etag",
                                   message: LocalizedText(zh: "记录已被他人修改，请刷新后重试。", en: "Someone changed this record since you read it; reload and try again."))

    /// A JSON string literal (or null) for the audit's before/after.
    static func quoted(_ s: String?) -> String {
        guard let s else { return "null" }
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where c.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}

extension PupilDraft {
    /// The draft that reproduces a stored record, so an edit is checked as a whole record.
    public static func from(_ r: PupilRecord) -> PupilDraft {
        var d = PupilDraft()
        d.fields = [
            "school": r.school.rawValue, "grade": String(r.grade), "class": r.className, "entry_date": r.entryDate.description,
            "entry_mode": r.entryMode, "study_mode": r.studyMode, "name": r.name, "sex": r.sex, "birth_date": r.birthDate.description,
            "birthplace": r.birthplace, "native_place": r.nativePlace, "ethnicity": r.ethnicity, "nationality": r.nationality,
            "id_type": r.idType, "overseas": r.overseas, "health": r.health, "hukou_place": r.hukouPlace, "hukou_nature": r.hukouNature,
            "address": r.address, "phone": r.phone, "left_behind": r.leftBehind,
        ]
        if let id = r.idNumber { d.fields["id_number"] = id }
        if let disability = r.disability { d.fields["disability"] = disability }
        d.flags = ["only_child": r.onlyChild, "preschool": r.preschool, "migrant": r.migrant, "orphan": r.orphan, "martyr_family": r.martyrFamily]
        d.guardians = r.guardians.map { g in
            var out = ["name": g.name, "relation": g.relation, "is_guardian": g.isGuardian ? "1" : "0", "phone": g.phone]
            if let t = g.idType { out["id_type"] = t }
            if let n = g.idNumber { out["id_number"] = n }
            if let w = g.workplace { out["workplace"] = w }
            return out
        }
        return d
    }

    /// The fields whose values differ, as (field, old, new), in a stable order.
    func differences(to other: PupilDraft) -> [(String, String?, String?)] {
        var out: [(String, String?, String?)] = []
        for key in Set(fields.keys).union(other.fields.keys).sorted() where fields[key] != other.fields[key] {
            out.append((key, fields[key], other.fields[key]))
        }
        for key in Set(flags.keys).union(other.flags.keys).sorted() where flags[key] != other.flags[key] {
            out.append((key, flags[key].map { $0 ? "1" : "0" }, other.flags[key].map { $0 ? "1" : "0" }))
        }
        if guardians != other.guardians {
            out.append(("guardians", guardians.map { $0["name"] ?? "" }.joined(separator: "、"), other.guardians.map { $0["name"] ?? "" }.joined(separator: "、")))
        }
        return out
    }
}
