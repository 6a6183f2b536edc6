import Foundation
import Glibc

/// Writes one JSON object per line to stderr (ARCHITECTURE.md "Operations"). Callers pass only
/// what is safe to keep: route templates, codes, counts, durations; never names, ID or phone numbers.
public final class Log: @unchecked Sendable {
    // @unchecked: writes are serialized by `lock`.
    private let lock = NSLock()
    public let enabled: Bool

    public static let standard = Log(enabled: true)

    public init(enabled: Bool) { self.enabled = enabled }

    public func write(_ event: String, _ fields: [(String, JSON)]) {
        guard enabled else { return }
        var members: [(String, JSON)] = [("ts", .string(Self.timestamp())), ("event", .string(event))]
        members.append(contentsOf: fields)
        var line = JSON.object(members).encoded()
        line.append(10)
        lock.lock()
        line.withUnsafeBytes { p in _ = Glibc.write(2, p.baseAddress, p.count) }
        lock.unlock()
    }

    /// RFC 3339 UTC with milliseconds, formatted by hand: Foundation's `String(format:)` cost more
    /// than the rest of a request put together (measured with perf, see docs/benchmarks.md).
    static func timestamp() -> String {
        var out = [UInt8]()
        out.reserveCapacity(24)
        appendTimestamp(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendTimestamp(to out: inout [UInt8]) {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        appendTimestamp(seconds: ts.tv_sec, milliseconds: Int(ts.tv_nsec / 1_000_000), to: &out)
    }

    static func appendTimestamp(seconds: Int, milliseconds: Int, to out: inout [UInt8]) {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func put(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var v = value
            while divisor > 0 { out.append(UInt8(48 + v / divisor % 10)); v %= divisor; divisor /= 10 }
        }
        put(Int(parts.tm_year) + 1900, 4); out.append(45); put(Int(parts.tm_mon) + 1, 2); out.append(45); put(Int(parts.tm_mday), 2)
        out.append(84); put(Int(parts.tm_hour), 2); out.append(58); put(Int(parts.tm_min), 2); out.append(58); put(Int(parts.tm_sec), 2)
        out.append(46); put(milliseconds, 3); out.append(90)
    }
}
