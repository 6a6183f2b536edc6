import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Status changes and their workflows (API.md "Changes").
struct ChangeRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/changes", handler: context.authenticated { [context] request, actor in
                // The role is checked before the body, so a role that may not file learns nothing from field errors.
                guard actor.role == .schoolRegistrar else { throw DomainError.forbidden }
                var body = try BodyReader(request)
                var draft = ChangeDraft()
                draft.type = body.string("type") ?? ""
                draft.pupil = body.string("pupil") ?? ""
                draft.name = body.string("name", required: false)
                draft.reason = body.string("reason", required: false) ?? ""
                draft.toSchool = body.string("to_school", required: false)
                draft.toGrade = body.int("to_grade", required: false)
                draft.toClass = body.string("to_class", required: false)
                draft.until = body.string("until", required: false)
                draft.attachments = body.object["attachments"].map { _ in body.strings("attachments") ?? [] } ?? []
                try body.finish()
                if let key = request.header("idempotency-key") {
                    guard (1...100).contains(key.utf8.count), key.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
                        throw DomainError.validation([FieldError(field: "Idempotency-Key", code: "invalid_idempotency_key",
                            message: LocalizedText(zh: "Idempotency-Key 应为1–100个可见 ASCII 字符。", en: "Idempotency-Key is 1 to 100 visible ASCII characters."))])
                    }
                    draft.idempotencyKey = key
                }
                let (change, created) = try context.changes.file(draft, by: actor)
                var response = Response.json(ChangeJSON.change(change, overdue: context.changes.isOverdue(change)), status: created ? 201 : 200)
                response.headers.append(("Location", "/api/v1/changes/\(change.publicID)"))
                return response
            }),
            Route("GET", "/api/v1/changes", handler: context.authenticated { [context] request, actor in
                let page = try Pagination(request)
                if request.query["inbox"] == "1" {
                    let inbox = try context.changes.inbox(by: actor, limit: page.limit)
                    return .json(["items": .array(inbox.items.map { item in
                                      guard case .object(var m) = ChangeJSON.change(item.change, overdue: item.overdue) else { return .null }
                                      m.append(("intervention", .bool(item.intervention)))
                                      return .object(m)
                                  }),
                                  "counts": .object(inbox.countsByType.map { ($0.0, .int(Int64($0.1))) }),
                                  "total": .int(Int64(inbox.items.count)), "overdue": .int(Int64(inbox.overdueCount))])
                }
                let overdue = request.query["overdue"] == "1"
                let result = try context.changes.list(by: actor, pupil: request.query["pupil"], state: request.query["state"],
                                                      overdue: overdue, after: page.after, limit: page.limit)
                return .json(Pagination.envelope(result) { ChangeJSON.change($0, overdue: context.changes.isOverdue($0)) })
            }),
            Route("GET", "/api/v1/changes/{id}", handler: context.authenticated { [context] request, actor in
                .json(ChangeJSON.detail(try context.changes.get(request.parameter("id"), by: actor)))
            }),
            Route("POST", "/api/v1/changes/{id}/approve", handler: context.authenticated { [context] request, actor in
                let comment = try Self.text(request, "comment")
                let change = try context.changes.decide(request.parameter("id"), .approve, comment: comment, by: actor)
                return .json(ChangeJSON.change(change, overdue: context.changes.isOverdue(change)))
            }),
            Route("POST", "/api/v1/changes/{id}/reject", handler: context.authenticated { [context] request, actor in
                let reason = try Self.text(request, "reason")
                let change = try context.changes.decide(request.parameter("id"), .reject, comment: reason, by: actor)
                return .json(ChangeJSON.change(change, overdue: context.changes.isOverdue(change)))
            }),
            Route("POST", "/api/v1/changes/{id}/cancel", handler: context.authenticated { [context] request, actor in
                let reason = try Self.text(request, "reason")
                let change = try context.changes.cancel(request.parameter("id"), reason: reason, by: actor)
                return .json(ChangeJSON.change(change, overdue: context.changes.isOverdue(change)))
            }),
        ]
    }

    /// One optional text field of a small body; an empty body counts as `{}`.
    static func text(_ request: Request, _ field: String) throws -> String? {
        if request.body.isEmpty { return nil }
        var body = try BodyReader(request)
        let value = body.string(field, required: false)
        try body.finish()
        return value
    }
}
