import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Pupils and registration approval (API.md "Pupils").
struct PupilRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/pupils", handler: context.authenticated { [context] request, actor in
                try context.pupils.requireRegistrar(actor)
                var body = try BodyReader(request)
                let draft = PupilJSON.draft(&body)
                try body.finish()
                let stored = try context.pupils.register(draft, by: actor)
                var response = Response.json(PupilJSON.full(PupilView(pupil: stored, unmasked: true)), status: 201)
                response.headers.append(("Location", "/api/v1/pupils/\(stored.number)"))
                response.headers.append(("ETag", "\"\(stored.version)\""))
                return response
            }),
            Route("GET", "/api/v1/pupils", handler: context.authenticated { [context] request, actor in
                let page = try Pagination(request)
                let filter = try Self.filter(request)
                let result = try context.pupils.list(filter, by: actor, after: page.after, limit: page.limit)
                return .json(Pagination.envelope(result, writing: PupilJSON.summary))
            }),
            Route("GET", "/api/v1/pupils/{number}", handler: context.authenticated { [context] request, actor in
                let record = try context.pupils.rendered(request.parameter("number"), by: actor) { PupilJSON.full($0).bytes }
                var response = Response.json(bytes: record.body)
                response.headers.append(("ETag", "\"\(record.version)\""))
                return response
            }),
            Route("PATCH", "/api/v1/pupils/{number}", handler: context.authenticated { [context] request, actor in
                guard let tag = request.header("if-match") else {
                    throw DomainError(.preconditionRequired, code: "if_match_required",
                                      message: LocalizedText(zh: "修改须带 If-Match（上次读取时的 ETag）。", en: "Send If-Match with the ETag from your last read."))
                }
                // ETags are the record's version in quotes ("3"); a weak or foreign tag can never match.
                guard let version = Int(tag.trimmedBlanks.dropFirst().dropLast()), tag.trimmedBlanks.hasPrefix("\"") else { throw PupilService.stale }
                var body = try BodyReader(request)
                var patch = PupilJSON.draft(&body)
                try body.finish()
                if case .object(let members) = body.object {
                    // Only fields the client sent are changed; an explicit null clears an optional one.
                    for (key, value) in members where value.isNull && PupilDraft.textFields.contains(key) { patch[key] = "" }
                }
                let view = try context.pupils.update(request.parameter("number"), patch: patch, expectedVersion: version, by: actor)
                var response = Response.json(PupilJSON.full(view))
                response.headers.append(("ETag", "\"\(view.pupil.version)\""))
                return response
            }),
            Route("GET", "/api/v1/pupils/{number}/history", handler: context.authenticated { [context] request, actor in
                let (view, memberships, edits) = try context.pupils.history(request.parameter("number"), by: actor)
                let pupil = view.pupil
                var events: [(String, JSON)] = []
                for m in memberships {
                    events.append((m.string("entry_date") ?? "", ["kind": "membership", "date": JSON(m.string("entry_date")),
                        "school": JSON(m.string("school_code")), "school_name": JSON(m.string("school_name")), "grade": JSON(m.int("grade")),
                        "class": JSON(m.string("class_name")), "entry_code": JSON(m.string("entry_code")),
                        "exit_date": JSON(m.string("exit_date")), "exit_code": JSON(m.string("exit_code"))]))
                }
                for e in edits {
                    let at = e.int64("edited_at") ?? 0
                    events.append((String(CivilDate(daysSinceEpoch: Int(at / 86_400_000)).description), ["kind": "field_edit",
                        "field": JSON(e.string("field")), "at_ms": .int(at), "by": JSON(e.string("username"))]))
                }
                for c in try context.changes.history(of: pupil) {
                    let filed = CivilDate(daysSinceEpoch: Int((c.createdAt + 8 * 3_600_000) / 86_400_000))
                    events.append((filed.description, ["kind": "change", "date": .string(filed.description), "id": .string(c.publicID),
                        "type": .string(c.type.rawValue), "type_code": .string(c.type.code), "state": .string(c.state),
                        "from_school": .string(c.fromSchool), "to_school": JSON(c.toSchool)]))
                }
                let ordered = events.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map { $0.element.1 }
                return .json(["number": .string(pupil.number.rawValue), "events": .array(ordered)])
            }),
            Route("POST", "/api/v1/registrations/approve", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let numbers = body.strings("numbers") ?? []
                try body.finish()
                let result = try context.pupils.approve(numbers, by: actor)
                return .json(["approved": .array(result.approved.map { .string($0) }),
                              "refused": .array(result.refused.map { ["number": .string($0.number), "code": .string($0.code)] })])
            }),
        ]
    }

    static func filter(_ request: Request) throws -> PupilFilter {
        var filter = PupilFilter(), errors: [FieldError] = []
        let q = request.query
        if let s = q["school"] { if let code = SchoolCode(s) { filter.school = code } else { errors.append(bad("school")) } }
        if let r = q["region"] { if let d = DivisionCode(r), r.count == 6 { filter.regionPrefix = d.subtreePrefix } else { errors.append(bad("region")) } }
        if let g = q["grade"] { if let n = Int(g), (1...12).contains(n) { filter.grade = n } else { errors.append(bad("grade")) } }
        if let c = q["class"] { filter.className = c }
        if let s = q["status"] { if let st = PupilStatus(rawValue: s) { filter.status = st } else { errors.append(bad("status")) } }
        if let a = q["approval"] { if a == "pending" || a == "approved" { filter.approval = a } else { errors.append(bad("approval")) } }
        if let text = q["q"] { filter.query = String(text.prefix(50)) }
        if !errors.isEmpty { throw DomainError.validation(errors) }
        return filter
    }

    static func bad(_ field: String) -> FieldError {
        FieldError(field: field, code: "invalid_filter", message: LocalizedText(zh: "筛选条件无效。", en: "Invalid filter value."))
    }
}
