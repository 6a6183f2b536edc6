import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// The change document of API.md "Changes". The pupil appears with the limited fields every party
/// may see during a change (issue 4): number, name, sex, birth date, current school and grade.
enum ChangeJSON {
    static func change(_ c: StoredChange, overdue: Bool) -> JSON {
        let p = c.pupil
        var members: [(String, JSON)] = [
            ("id", .string(c.publicID)), ("type", .string(c.type.rawValue)), ("type_code", .string(c.type.code)),
            ("variant", .string(c.variant)), ("state", .string(c.state)),
            ("pupil", .string(p.number)),
            ("pupil_summary", ["number": .string(p.number), "name": .string(p.name), "sex": .string(p.sex), "birth_date": .string(p.birthDate),
                               "school": .string(p.school), "school_name": .string(p.schoolName), "grade": .int(Int64(p.grade))]),
            ("from_school", .string(c.fromSchool)), ("from_school_name", .string(c.fromSchoolName)),
            ("to_school", JSON(c.toSchool)), ("to_school_name", JSON(c.toSchoolName)),
            ("to_grade", JSON(c.toGrade)), ("to_class", JSON(c.toClass)),
            ("reason", .string(c.reason)),
        ]
        if let until = ChangeJSON.until(c.details) { members.append(("until", .string(until))) }
        members += [
            ("steps", .array(c.steps.map(step))),
            ("current_step", JSON(c.pendingStep?.code)), ("overdue", .bool(overdue)),
            ("created_at", .string(timestamp(c.createdAt))), ("completed_at", JSON(c.completedAt.map(timestamp))),
            ("version", .int(Int64(c.version))),
        ]
        return .object(members)
    }

    static func step(_ s: StoredStep) -> JSON {
        ["code": .string(s.code), "party": ["kind": .string(s.partyKind), "code": .string(s.partyCode)], "state": .string(s.state),
         "due_date": JSON(s.dueDate), "decided_by": JSON(s.decidedBy), "decided_at": JSON(s.decidedAt.map(timestamp)),
         "comment": JSON(s.comment), "intervened": .bool(s.intervened)]
    }

    static func detail(_ d: ChangeDetail) -> JSON {
        guard case .object(var members) = change(d.change, overdue: d.overdue) else { return .null }
        members.append(("events", .array(d.events.map { e in
            ["at": .string(timestamp(e.at)), "by": .string(e.username), "action": .string(e.action),
             "from_step": JSON(e.fromStep), "to_step": JSON(e.toStep), "comment": JSON(e.comment)]
        })))
        members.append(("attachments", .array(d.attachments.map { a in
            ["id": .string(a.id), "step": .string(a.step), "content_type": .string(a.contentType), "size": .int(Int64(a.size))]
        })))
        if let snapshot = d.snapshot, let parsed = try? JSONParser.parse(Array(snapshot.utf8)) { members.append(("record_at_move", parsed)) }
        return .object(members)
    }

    static func until(_ details: String) -> String? {
        guard let parsed = try? JSONParser.parse(Array(details.utf8)) else { return nil }
        return parsed["until"]?.stringValue
    }

    /// ISO 8601 in UTC with milliseconds, as every instant in the API.
    static func timestamp(_ ms: Int64) -> String {
        let date = CivilDate(daysSinceEpoch: Int(ms / 86_400_000))
        let rest = Int(ms % 86_400_000)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let millis = rest % 1000
        return "\(date.description)T\(two(rest / 3_600_000)):\(two(rest / 60_000 % 60)):\(two(rest / 1000 % 60)).\(millis < 10 ? "00" : millis < 100 ? "0" : "")\(millis)Z"
    }
}
