import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

/// API tokens (API.md `POST /api/v1/tokens`).
struct TokenRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    var routes: [Route] {
        [
            Route("POST", "/api/v1/tokens", handler: context.authenticated { [context] request, actor in
                var body = try BodyReader(request)
                let name = body.string("name")
                try body.finish()
                let (token, secret) = try context.tokens.create(name: name ?? "", by: actor)
                return .json(["id": .string(token.id), "name": .string(token.name), "token": .string(secret)], status: 201)
            }),
            Route("GET", "/api/v1/tokens", handler: context.authenticated { [context] _, actor in
                .json(["items": .array(try context.tokens.list(by: actor).map {
                    ["id": .string($0.id), "name": .string($0.name), "created_at_ms": .int($0.createdAt), "revoked": .bool($0.revoked)]
                }), "next_cursor": nil])
            }),
            Route("DELETE", "/api/v1/tokens/{id}", handler: context.authenticated { [context] request, actor in
                try context.tokens.revoke(request.parameter("id"), by: actor)
                return .noContent()
            }),
        ]
    }
}
