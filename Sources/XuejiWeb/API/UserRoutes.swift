import XuejiCore
import XuejiHTTP
import XuejiServices

/// Accounts created and listed by administrators inside their subtree.
struct UserRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/users", handler: context.authenticated { [context] request, actor in
                try context.accounts.requireAdministrator(actor)
                var body = try BodyReader(request)
                let draft = AccountDraft(username: body.string("username") ?? "", password: body.string("password") ?? "",
                                         role: body.string("role") ?? "", scope: body.string("scope") ?? "")
                try body.finish()
                let account = try context.accounts.create(draft, by: actor)
                return .json(AccountJSON.user(account), status: 201)
            }),
            Route("POST", "/api/v1/users/{username}/disable", handler: context.authenticated { [context] request, actor in
                .json(AccountJSON.user(try context.accounts.setEnabled(request.parameter("username"), enabled: false, by: actor)))
            }),
            Route("POST", "/api/v1/users/{username}/enable", handler: context.authenticated { [context] request, actor in
                .json(AccountJSON.user(try context.accounts.setEnabled(request.parameter("username"), enabled: true, by: actor)))
            }),
            Route("GET", "/api/v1/users", handler: context.authenticated { [context] request, actor in
                let page = try Pagination(request)
                let result = try context.accounts.list(by: actor, scope: request.query["scope"], after: page.after, limit: page.limit)
                return .json(Pagination.envelope(result, AccountJSON.user))
            }),
        ]
    }
}
