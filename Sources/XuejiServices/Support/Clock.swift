import Foundation

/// Where services get "now" from, so that deadlines and expiries can be tested at any date.
/// Instants are Unix milliseconds, UTC (ARCHITECTURE.md "Storage").
public struct Clock: Sendable {
    public let now: @Sendable () -> Int64

    public init(now: @escaping @Sendable () -> Int64) { self.now = now }

    public static let system = Clock { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
