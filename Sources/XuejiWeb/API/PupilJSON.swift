import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// The pupil resource as JSON (API.md "Pupils"), masked as the view says.
enum PupilJSON {
    /// The whole record, written straight into bytes (the lookup by number is the hottest answer).
    static func full(_ view: PupilView) -> JSONWriter {
        var w = JSONWriter(capacity: 1536)
        w.beginObject()
        writeSummaryFields(view, &w)
        let p = view.pupil, r = p.record
        w.field("birthplace", r.birthplace); w.field("native_place", r.nativePlace); w.field("ethnicity", r.ethnicity)
        w.field("nationality", r.nationality); w.field("overseas", r.overseas); w.field("health", r.health)
        w.field("hukou_place", r.hukouPlace); w.field("hukou_nature", r.hukouNature)
        w.field("entry_date", r.entryDate.description); w.field("entry_mode", r.entryMode); w.field("study_mode", r.studyMode)
        w.field("address", r.address); w.field("only_child", r.onlyChild); w.field("preschool", r.preschool)
        w.field("left_behind", r.leftBehind); w.field("migrant", r.migrant); w.field("orphan", r.orphan)
        w.field("martyr_family", r.martyrFamily); w.field("disability", r.disability)
        w.key("guardians")
        w.beginArray()
        for g in r.guardians {
            w.beginObject()
            w.field("name", g.name); w.field("relation", g.relation); w.field("is_guardian", g.isGuardian)
            w.field("phone", view.guardianPhone(g)); w.field("id_type", g.idType); w.field("id_number", view.guardianID(g))
            w.field("workplace", g.workplace)
            w.endObject()
        }
        w.endArray()
        w.field("registration_due", p.registrationDue.description); w.field("registered_late", p.registeredLate)
        w.field("masked", !view.unmasked)
        w.endObject()
        return w
    }

    /// A list row: the fields every list shows.
    static func summary(_ view: PupilView, _ w: inout JSONWriter) {
        w.beginObject()
        writeSummaryFields(view, &w)
        w.endObject()
    }

    private static func writeSummaryFields(_ view: PupilView, _ w: inout JSONWriter) {
        let p = view.pupil, r = p.record
        w.field("number", p.number.rawValue); w.field("status", p.status.rawValue); w.field("approval", p.approval)
        w.field("name", r.name); w.field("sex", r.sex); w.field("birth_date", r.birthDate.description)
        w.field("id_type", r.idType); w.field("id_number", view.idNumber); w.field("phone", view.phone)
        w.field("school", r.school.rawValue); w.field("school_name", p.schoolName); w.field("grade", r.grade)
        w.field("class", r.className)
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
