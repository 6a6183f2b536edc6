import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// The pupil resource as JSON (API.md "Pupils"), masked as the view says.
enum PupilJSON {
    static func full(_ view: PupilView) -> JSON {
        let p = view.pupil, r = p.record
        var members = summary(view)
        members += [
            ("birthplace", .string(r.birthplace)), ("native_place", .string(r.nativePlace)), ("ethnicity", .string(r.ethnicity)),
            ("nationality", .string(r.nationality)), ("overseas", .string(r.overseas)), ("health", .string(r.health)),
            ("hukou_place", .string(r.hukouPlace)), ("hukou_nature", .string(r.hukouNature)),
            ("entry_date", .string(r.entryDate.description)), ("entry_mode", .string(r.entryMode)), ("study_mode", .string(r.studyMode)),
            ("address", .string(r.address)), ("only_child", .bool(r.onlyChild)), ("preschool", .bool(r.preschool)),
            ("left_behind", .string(r.leftBehind)), ("migrant", .bool(r.migrant)), ("orphan", .bool(r.orphan)),
            ("martyr_family", .bool(r.martyrFamily)), ("disability", JSON(r.disability)),
            ("guardians", .array(r.guardians.map { g in
                ["name": .string(g.name), "relation": .string(g.relation), "is_guardian": .bool(g.isGuardian),
                 "phone": .string(view.guardianPhone(g)), "id_type": JSON(g.idType), "id_number": JSON(view.guardianID(g)),
                 "workplace": JSON(g.workplace)]
            })),
            ("registration_due", .string(p.registrationDue.description)), ("registered_late", .bool(p.registeredLate)),
            ("masked", .bool(!view.unmasked)),
        ]
        return .object(members)
    }

    static func summary(_ view: PupilView) -> [(String, JSON)] {
        let p = view.pupil, r = p.record
        return [
            ("number", .string(p.number.rawValue)), ("status", .string(p.status.rawValue)), ("approval", .string(p.approval)),
            ("name", .string(r.name)), ("sex", .string(r.sex)), ("birth_date", .string(r.birthDate.description)),
            ("id_type", .string(r.idType)), ("id_number", JSON(view.idNumber)), ("phone", .string(view.phone)),
            ("school", .string(r.school.rawValue)), ("school_name", .string(p.schoolName)), ("grade", .int(Int64(r.grade))),
            ("class", .string(r.className)),
        ]
    }

    /// Reads the registration body into a draft; JSON type errors are collected by the reader.
    static func draft(_ body: inout BodyReader) -> PupilDraft {
        var draft = PupilDraft()
        for field in PupilDraft.textFields where field != "grade" {
            if let v = body.string(field, required: false) { draft[field] = v }
        }
        if let grade = body.int("grade", required: false) { draft["grade"] = String(grade) }
        for flag in PupilDraft.flagFields { if let b = body.bool(flag) { draft.flags[flag] = b } }
        draft.guardians = body.objects("guardians").map { g in
            var out: [String: String] = [:]
            for f in PupilDraft.guardianFields { if case .string(let s)? = g[f] { out[f] = s } }
            if case .bool(let b)? = g["is_guardian"] { out["is_guardian"] = b ? "1" : "0" }
            return out
        }
        return draft
    }
}
