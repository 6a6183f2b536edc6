import Foundation
import Testing
import XuejiHTTP
@testable import XuejiWeb
import XuejiTestSupport

/// Every route the router serves is described in the OpenAPI document, with the same method, so the
/// document cannot fall behind the code (ARCHITECTURE.md "Interfaces").
struct OpenAPICoverageTests {
    @Test func everyRouteIsDocumented() throws {
        let test = try TestDatabase(.sqlite)
        let app = try XuejiApp(database: test.database, log: Log(enabled: false))
        let document = try JSONParser.parse(OpenAPIDocument.bytes)
        #expect(document["openapi"] == "3.1.0")
        let paths = try #require(document["paths"])
        var missing: [String] = []
        for route in app.router.routes {
            guard let operations = paths[route.pattern], operations[route.method.lowercased()] != nil else {
                missing.append("\(route.method) \(route.pattern)")
                continue
            }
        }
        #expect(missing.isEmpty, "routes missing from openapi.json: \(missing)")
    }

    @Test func everyDocumentedOperationExists() throws {
        let test = try TestDatabase(.sqlite)
        let app = try XuejiApp(database: test.database, log: Log(enabled: false))
        let document = try JSONParser.parse(OpenAPIDocument.bytes)
        guard case .object(let paths) = try #require(document["paths"]) else { Issue.record("paths is not an object"); return }
        let served = Set(app.router.routes.map { "\($0.method) \($0.pattern)" })
        for (path, operations) in paths {
            guard case .object(let methods) = operations else { continue }
            for (method, _) in methods where ["get", "post", "put", "patch", "delete"].contains(method) {
                #expect(served.contains("\(method.uppercased()) \(path)"), "documented but not served: \(method) \(path)")
            }
        }
    }
}
