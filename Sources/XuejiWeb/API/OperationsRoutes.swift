import Foundation
import XuejiHTTP
import XuejiStore

/// `/healthz` (the process answers), `/readyz` (the database answers and its schema is current),
/// `/metrics` (Prometheus text) and the OpenAPI document.
struct OperationsRoutes {
    let context: RouteContext
    init(_ context: RouteContext) { self.context = context }

    static let healthy = Response.json(["status": "ok"])

    var routes: [Route] {
        [
            // Probed every few seconds by orchestrators: a constant answer, built once.
            Route("GET", "/healthz") { _ in Self.healthy },
            Route("GET", "/readyz") { [context] _ in
                do {
                    _ = try context.database.read { try $0.query("SELECT 1 AS ok", []) }
                    return .json(["status": "ready"])
                } catch {
                    var response = Problem.unavailable.response(english: true)
                    response.status = 503
                    return response
                }
            },
            Route("GET", "/metrics") { [context] _ in
                .text(context.metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
            },
            Route("GET", "/api/v1/openapi.json") { _ in
                Response(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: OpenAPIDocument.bytes)
            },
        ]
    }
}

/// The OpenAPI 3.1 document, shipped as a resource and read once.
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "Resources/openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { return Array("{}".utf8) }
        return Array(data)
    }()
}
