import Foundation
import Glibc

/// The access log: one JSON line per request on stderr, written in batches.
///
/// Formatting each line straight into bytes and writing every 32 KiB or 200 ms (whichever comes
/// first) instead of once per request took the log from a third of a request's cost to a few
/// percent (perf, docs/benchmarks.md). At most 200 ms of lines can be lost if the process is
/// killed with SIGKILL; a normal stop flushes. Lines carry the route template, never the path.
public final class AccessLog: @unchecked Sendable {
    // @unchecked: `buffer` and `lastFlush` are guarded by `lock`.
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var lastFlush = DispatchTime.now().uptimeNanoseconds
    private let flushBytes = 32 * 1024
    private let flushNanoseconds: UInt64 = 200_000_000
    private var timer: DispatchSourceTimer?
    private var cachedSecond: Int = -1
    private var cachedPrefix: [UInt8] = []

    public init() {
        buffer.reserveCapacity(flushBytes + 512)
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(200))
        timer.setEventHandler { [weak self] in self?.flushIfStale() }
        timer.resume()
        self.timer = timer
    }

    deinit { timer?.cancel() }

    public func record(requestID: String, method: String, route: String, status: Int, bytes: Int, seconds: Double) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let hundredths = Int((seconds * 100_000).rounded())
        lock.lock()
        defer { lock.unlock() }
        // Formatted straight into the shared buffer: no per-line array, and the date part of the
        // timestamp is formatted once a second.
        buffer.append(contentsOf: #"{"ts":""#.utf8)
        if now.tv_sec != cachedSecond {
            cachedSecond = now.tv_sec
            cachedPrefix.removeAll(keepingCapacity: true)
            Log.appendTimestamp(seconds: now.tv_sec, milliseconds: 0, to: &cachedPrefix)
            cachedPrefix.removeLast(4)  // ".000Z"'s digits and Z are written per line
        }
        buffer.append(contentsOf: cachedPrefix)
        let ms = Int(now.tv_nsec / 1_000_000)
        buffer.append(contentsOf: [UInt8(48 + ms / 100), UInt8(48 + ms / 10 % 10), UInt8(48 + ms % 10), 90])
        buffer.append(contentsOf: #"","event":"request","request_id":"#.utf8)
        JSON.writeString(requestID, to: &buffer)
        buffer.append(contentsOf: #","method":"#.utf8)
        JSON.writeString(method, to: &buffer)
        buffer.append(contentsOf: #","route":"#.utf8)
        JSON.writeString(route, to: &buffer)
        buffer.append(contentsOf: #","status":"#.utf8)
        Self.appendDecimal(status, to: &buffer)
        buffer.append(contentsOf: #","bytes":"#.utf8)
        Self.appendDecimal(bytes, to: &buffer)
        buffer.append(contentsOf: #","ms":"#.utf8)
        Self.appendDecimal(hundredths / 100, to: &buffer)
        buffer.append(contentsOf: [46, UInt8(48 + hundredths % 100 / 10), UInt8(48 + hundredths % 10), 125, 10])
        if buffer.count >= flushBytes { writeOut() }
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(45); appendDecimal(-value, to: &out); return }
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(UInt8(48 + value % 10))
    }

    /// Writes whatever is buffered (called on stop, and by the timer).
    public func flush() {
        lock.lock()
        writeOut()
        lock.unlock()
    }

    private func flushIfStale() {
        lock.lock()
        if !buffer.isEmpty && DispatchTime.now().uptimeNanoseconds - lastFlush >= flushNanoseconds { writeOut() }
        lock.unlock()
    }

    /// Caller holds `lock`.
    private func writeOut() {
        lastFlush = DispatchTime.now().uptimeNanoseconds
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { p in
            var offset = 0
            while offset < p.count {
                let n = Glibc.write(2, p.baseAddress! + offset, p.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
