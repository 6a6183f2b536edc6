import Foundation
import Testing
import XuejiTestSupport

struct EngineAvailabilityTests {
    /// `make test` promises both engines; a missing PostgreSQL there is a failure, not a skip.
    @Test func postgresIsPresentWhenRequired() {
        if ProcessInfo.processInfo.environment["XUEJI_REQUIRE_POSTGRES"] == "1" {
            #expect(Engine.available.contains(.postgres), "XUEJI_REQUIRE_POSTGRES=1 but XUEJI_TEST_POSTGRES_URL is not set")
        }
    }
}
