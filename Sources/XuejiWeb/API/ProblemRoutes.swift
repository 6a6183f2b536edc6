import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Problem records (API.md "Problem records").
struct ProblemRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("GET", "/api/v1/problems", handler: context.authenticated { [context] request, actor in
                let page = try Pagination(request)
                let result = try context.problems.list(by: actor, school: request.query["school"], kind: request.query["kind"],
                                                       state: request.query["state"], after: page.after, limit: page.limit)
                return .json(Pagination.envelope(result) { p in
                    ["id": .string(p.id), "kind": .string(p.kind), "state": .string(p.state), "detail": .string(p.detail),
                     "pupil": .string(p.pupilNumber), "name": .string(p.pupilName), "school": .string(p.school), "opened_at_ms": .int(p.openedAt)]
                })
            }),
            Route("POST", "/api/v1/problems/{id}/resolve", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let actionText = body.string("action")
                let attachment = body.string("attachment", required: false)
                var corrections = PupilDraft()
                if let c = body.object["corrections"], case .object(let members) = c {
                    for (k, v) in members { if case .string(let s) = v { corrections[k] = s } else if case .bool(let b) = v { corrections.flags[k] = b } }
                }
                try body.finish()
                guard let actionText, let action = ProblemService.Action(rawValue: actionText) else {
                    throw DomainError.validation([FieldError(field: "action", code: "invalid_code",
                                                             message: LocalizedText(zh: "处理方式为 delete、confirm 或 correct。", en: "The action is delete, confirm or correct."))])
                }
                try context.problems.resolve(request.parameter("id"), action: action, attachment: attachment, corrections: corrections, by: actor)
                return .json(["id": .string(request.parameter("id")), "state": "resolved", "action": .string(action.rawValue)])
            }),
        ]
    }
}
