import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Attendance, dropout-control alerts, the province's thresholds and terms (issue 8; API.md
/// "Monitoring, programmes, reports").
struct AttendanceRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("GET", "/api/v1/classes/{id}/attendance/{date}", handler: context.authenticated { [context] request, actor in
                let register = try context.attendance.register(classID: request.parameter("id"), day: request.parameter("date"), by: actor)
                return .json(["class": .string(register.classID), "class_name": .string(register.className), "grade": .int(Int64(register.grade)),
                              "date": .string(register.day.description), "taken": .bool(register.taken),
                              "pupils": .array(register.pupils.map { ["number": .string($0.number), "name": .string($0.name), "mark": .string($0.mark.name)] })])
            }),
            Route("PUT", "/api/v1/classes/{id}/attendance/{date}", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let items = body.objects("absences")
                try body.finish()
                var absences: [(pupil: String, kind: String)] = [], errors: [FieldError] = []
                for (i, item) in items.enumerated() {
                    guard let pupil = item["pupil"]?.stringValue else {
                        errors.append(FieldError(field: "absences[\(i)].pupil", code: "required", message: LocalizedText(zh: "请填写全国学籍号。", en: "Give the national student number.")))
                        continue
                    }
                    absences.append((pupil, item["kind"]?.stringValue ?? "unexcused"))
                }
                if !errors.isEmpty { throw DomainError.validation(errors) }
                let recorded = try context.attendance.record(classID: request.parameter("id"), day: request.parameter("date"), absences: absences, by: actor)
                return .json(["class": .string(request.parameter("id")), "date": .string(request.parameter("date")),
                              "present": .int(Int64(recorded.present)), "absent": .int(Int64(recorded.absent)), "replaced": .bool(recorded.replaced),
                              "alerts_opened": .array(recorded.alertsOpened.map { ["pupil": .string($0.pupil), "kind": .string($0.kind)] })])
            }),
            Route("POST", "/api/v1/attendance/imports", handler: context.authenticated { [context] request, actor in
                guard let part = request.filePart("file") else {
                    throw DomainError.validation([FieldError(field: "file", code: "required", message: LocalizedText(zh: "请上传考勤文件。", en: "Upload the attendance file."))])
                }
                let o = try context.attendance.importFile(part.data, by: actor)
                let english = request.prefersEnglish
                return .json(["rows": .int(Int64(o.rows)), "registers": .int(Int64(o.registers)), "absences": .int(Int64(o.absences)),
                              "alerts_opened": .int(Int64(o.alertsOpened)),
                              "rejected": RefusedRows.json(o.rejected, english: english)])
            }),
            Route("GET", "/api/v1/schools/{code}/school-days", handler: context.authenticated { [context] request, actor in
                let days = try context.attendance.schoolDays(school: request.parameter("code"), from: request.query["from"] ?? "", to: request.query["to"] ?? "", by: actor)
                return .json(["school": .string(request.parameter("code")), "days": .array(days.map { .string($0.description) })])
            }),
            Route("PUT", "/api/v1/schools/{code}/school-days/{date}", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let open = body.bool("open"), reason = body.string("reason") ?? ""
                try body.finish()
                guard let open else { throw DomainError.validation([FieldError(field: "open", code: "required", message: LocalizedText(zh: "请说明开课（true）或停课（false）。", en: "Say open (true) or closed (false)."))]) }
                try context.attendance.changeSchoolDay(school: request.parameter("code"), day: request.parameter("date"), open: open, reason: reason, by: actor)
                return .json(["school": .string(request.parameter("code")), "date": .string(request.parameter("date")), "open": .bool(open)])
            }),
            Route("GET", "/api/v1/alerts", handler: context.authenticated { [context] request, actor in
                let page = try Pagination(request)
                let result = try context.dropout.list(by: actor, state: request.query["state"], kind: request.query["kind"], after: page.after, limit: page.limit)
                return .json(Pagination.envelope(result) { Self.json($0) })
            }),
            Route("POST", "/api/v1/alerts/scan", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let region = body.string("region", required: false), date = body.string("date", required: false)
                try body.finish()
                var scope: Scope?
                if let region {
                    guard region.count == 6, let code = DivisionCode(region) else { throw YearCycleRoutes.bad("region") }
                    scope = .division(code)
                }
                let outcome = try context.attendance.scan(region: scope, day: date, by: actor)
                return .json(["pupils": .int(Int64(outcome.pupils)),
                              "opened": .object(outcome.opened.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })])
            }),
            Route("GET", "/api/v1/alerts/{id}", handler: context.authenticated { [context] request, actor in
                let (alert, notes, owner) = try context.dropout.get(request.parameter("id"), by: actor)
                var json = Self.json(alert)
                if case .object(var members) = json {
                    members.append(("owner", .string(owner)))
                    members.append(("notes", .array(notes.map { ["day": .string($0.day), "note": .string($0.note), "state": .string($0.state),
                                                                  "by": .string($0.author), "at_ms": .int($0.writtenAt)] })))
                    json = .object(members)
                }
                return .json(json)
            }),
            Route("POST", "/api/v1/alerts/{id}/notes", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let note = body.string("note") ?? "", state = body.string("state") ?? ""
                try body.finish()
                try context.dropout.note(request.parameter("id"), note: note, state: state, by: actor)
                let (alert, notes, owner) = try context.dropout.get(request.parameter("id"), by: actor)
                return .json(["id": .string(alert.publicID), "state": .string(alert.state), "owner": .string(owner), "notes": .int(Int64(notes.count))], status: 201)
            }),
            Route("GET", "/api/v1/settings/{province}", handler: context.authenticated { [context] request, _ in
                let province = request.parameter("province")
                return .json(Self.json(try context.dropout.rules(province: province), funding: try context.dropout.fundingRules(province: province),
                                      targets: try context.dropout.classSizeTargets(province: province), province: province))
            }),
            Route("PATCH", "/api/v1/settings/{province}", handler: context.authenticated { [context] request, actor in
                let json = try request.json()
                guard case .object(let members) = json else { throw DomainError.validation([FieldError(field: "", code: "expected_object", message: LocalizedText(zh: "应为对象。", en: "Expected an object."))]) }
                var values: [String: Int] = [:], errors: [FieldError] = []
                for (name, value) in members {
                    if let n = value.intValue { values[name] = Int(n) } else {
                        errors.append(FieldError(field: name, code: "wrong_type", message: LocalizedText(zh: "应为整数。", en: "Expected an integer.")))
                    }
                }
                if !errors.isEmpty { throw DomainError.validation(errors) }
                let province = request.parameter("province")
                let rules = try context.dropout.setRules(province: province, values: values, by: actor)
                return .json(Self.json(rules, funding: try context.dropout.fundingRules(province: province),
                                      targets: try context.dropout.classSizeTargets(province: province), province: province))
            }),
            Route("GET", "/api/v1/terms", handler: context.authenticated { [context] request, _ in
                .json(["items": .array(try context.dropout.terms(province: request.query["province"] ?? "").map(Self.json)), "next_cursor": nil])
            }),
            Route("PUT", "/api/v1/terms/{province}/{school_year}/{term}", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let starts = body.string("starts") ?? "", ends = body.string("ends") ?? ""
                try body.finish()
                let terms = try context.dropout.setTerm(province: request.parameter("province"), schoolYear: Int(request.parameter("school_year")) ?? 0,
                                                        term: Int(request.parameter("term")) ?? 0, starts: starts, ends: ends, by: actor)
                return .json(["items": .array(terms.map(Self.json)), "next_cursor": nil])
            }),
        ]
    }

    static func json(_ a: DropoutAlert) -> JSON {
        var priority: [JSON] = []
        if a.orphan { priority.append("orphan") }
        if a.disabled { priority.append("disabled") }
        if a.leftBehind { priority.append("left_behind") }
        if a.migrant { priority.append("migrant") }
        return ["id": .string(a.publicID), "kind": .string(a.kind), "state": .string(a.state), "detail": .string(a.detail),
                "opened_on": .string(a.openedOn.description), "opened_at_ms": .int(a.openedAt), "resolution": JSON(a.resolution),
                "pupil": .string(a.pupilNumber), "name": .string(a.pupilName), "grade": .int(Int64(a.grade)),
                "school": .string(a.school), "school_name": .string(a.schoolName), "priority": .array(priority)]
    }

    static func json(_ rules: DropoutRules, funding: FundingRules, targets: ClassSizeTargets, province: String) -> JSON {
        .object([("province", .string(province))] + DropoutRules.names.map { ($0.name, .int(Int64(rules[keyPath: $0.path]))) }
                + [("funding_pro_rata", .int(funding.proRata ? 1 : 0)), ("large_class_target_permille", .int(Int64(targets.largePermille))),
                   ("super_large_class_target_permille", .int(Int64(targets.superLargePermille)))])
    }

    static func json(_ t: Term) -> JSON {
        ["province": .string(t.province), "school_year": .int(Int64(t.schoolYear)), "term": .int(Int64(t.term)),
         "starts": .string(t.starts.description), "ends": .string(t.ends.description)]
    }
}
