import Foundation
import Testing
import XuejiTestSupport

@Suite(.serialized) struct OperationsTests {
    @Test(arguments: Engine.available)
    func healthReadinessMetricsAndHeaders(_ engine: Engine) async throws {
        let f = try Fixture(engine)
        let health = try await f.client.get("/healthz")
        #expect(health.status == 200 && health.json["status"] == "ok")
        #expect(health.header("x-request-id")?.isEmpty == false)
        #expect(health.header("content-security-policy") == "default-src 'none'; frame-ancestors 'none'")
        #expect(health.header("x-content-type-options") == "nosniff")
        #expect(health.header("cache-control") == "no-store")
        let page = try await f.client.get("/")
        #expect(page.header("content-security-policy")?.contains("script-src 'self'") == true)
        #expect(page.header("x-frame-options") == "DENY" && page.header("referrer-policy") == "no-referrer")
        #expect(page.text.contains("学籍"))
        #expect(try await f.client.get("/readyz").status == 200)
        _ = try await f.client.get("/api/v1/schools/4101020001")  // 401, but counted
        let metrics = try await f.client.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains(#"xueji_http_requests_total{route="/healthz",method="GET",status="200"} 1"#))
        #expect(metrics.text.contains(#"route="/api/v1/schools/{code}",method="GET",status="401""#))
        #expect(metrics.text.contains("xueji_http_request_duration_seconds_bucket{le=\"+Inf\"}"))
        let openapi = try await f.client.get("/api/v1/openapi.json")
        #expect(openapi.status == 200 && openapi.json["openapi"] == "3.1.0")
    }

    @Test func theAccessLogCarriesRouteTemplatesNotPaths() async throws {
        let f = try Fixture(.sqlite)
        _ = try await f.client.get("/api/v1/schools/4101029999")
        // The access log is written in batches at least every 200 ms.
        var log = f.server.log
        for _ in 0..<40 where !log.contains(#""event":"request""#) {
            try await Task.sleep(nanoseconds: 50_000_000)
            log = f.server.log
        }
        #expect(log.contains(#""route":"/api/v1/schools/{code}""#))
        #expect(!log.contains("4101029999"))
        for line in log.split(separator: "\n") {
            #expect(line.hasPrefix("{") && line.hasSuffix("}"), "not a JSON line: \(line)")
        }
    }

    @Test func sigtermLetsARequestInFlightFinishAndExitsZero() async throws {
        let f = try Fixture(.sqlite)
        let login = try await f.adminClient()
        // A request whose body is still arriving is in flight; SIGTERM must wait for it.
        let connection = try RawConnection(port: f.server.port)
        let body = #"{"username":"admin","password":"e2e-admin-password"}"#
        try connection.send("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
        try connection.send(String(body.prefix(10)))
        try await Task.sleep(nanoseconds: 300_000_000)
        f.server.signal(SIGTERM)
        try await Task.sleep(nanoseconds: 500_000_000)
        #expect(f.server.process.isRunning, "the server quit with a request in flight")
        try connection.send(String(body.dropFirst(10)))
        let response = try connection.readResponse()
        #expect(response.status == 200)
        #expect(f.server.wait(timeout: 15) == 0)
        #expect(f.server.log.contains(#""event":"stopped""#))
        _ = login
    }
}
