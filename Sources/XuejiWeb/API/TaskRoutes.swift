import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// Follow-up tasks (e.g. send the paper file after a transfer).
struct TaskRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("GET", "/api/v1/tasks", handler: context.authenticated { [context] request, actor in
                let page = try Pagination(request)
                let tasks = try context.tasks.list(by: actor, state: request.query["state"], limit: page.limit)
                return .json(["items": .array(tasks.map(Self.json))])
            }),
            Route("POST", "/api/v1/tasks/{id}/done", handler: context.authenticated { [context] request, actor in
                .json(Self.json(try context.tasks.complete(request.parameter("id"), by: actor)))
            }),
        ]
    }

    static func json(_ t: FollowUpTask) -> JSON {
        ["id": .string(String(t.id)), "kind": .string(t.kind), "school": .string(t.school), "pupil": .string(t.pupilNumber),
         "name": .string(t.pupilName), "change": JSON(t.change), "due_date": .string(t.dueDate), "state": .string(t.state)]
    }
}
