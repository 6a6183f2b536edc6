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

    /// RFC 3339 UTC with milliseconds.
    static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = time_t(ts.tv_sec)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec, Int(ts.tv_nsec / 1_000_000))
    }
}
