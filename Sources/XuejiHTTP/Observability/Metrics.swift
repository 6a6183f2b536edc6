import Foundation

/// Request counts by route, method and status, and a latency histogram, in Prometheus text format
/// (prometheus.io/docs/instrumenting/exposition_formats). Labels are route templates, never raw
/// paths, so no pupil number can reach a metric.
public final class Metrics: @unchecked Sendable {
    // @unchecked: all state is guarded by `lock`.
    private let lock = NSLock()
    private var counts: [Key: Int] = [:]
    /// Per bucket, the requests that fell in it (not cumulative); `render` accumulates.
    private var bucketCounts: [Int]
    private var sum: Double = 0
    private var total = 0
    public static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Key: Hashable { let route: String; let method: String; let status: Int }

    public init() { bucketCounts = Array(repeating: 0, count: Self.buckets.count) }

    public func record(route: String, method: String, status: Int, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        counts[Key(route: route, method: method, status: status), default: 0] += 1
        if let i = Self.buckets.firstIndex(where: { seconds <= $0 }) { bucketCounts[i] += 1 }
        sum += seconds
        total += 1
    }

    public func render() -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = "# HELP xueji_http_requests_total HTTP requests answered, by route template, method and status.\n"
        out += "# TYPE xueji_http_requests_total counter\n"
        for (key, n) in counts.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "xueji_http_requests_total{route=\"\(Self.escape(key.route))\",method=\"\(key.method)\",status=\"\(key.status)\"} \(n)\n"
        }
        out += "# HELP xueji_http_request_duration_seconds Time from the last request byte to the response.\n"
        out += "# TYPE xueji_http_request_duration_seconds histogram\n"
        var cumulative = 0
        for (i, bound) in Self.buckets.enumerated() {
            cumulative += bucketCounts[i]
            out += "xueji_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        out += "xueji_http_request_duration_seconds_bucket{le=\"+Inf\"} \(total)\n"
        out += "xueji_http_request_duration_seconds_sum \(sum)\n"
        out += "xueji_http_request_duration_seconds_count \(total)\n"
        return out
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
