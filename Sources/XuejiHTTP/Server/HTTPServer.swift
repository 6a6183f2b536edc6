import CMicroHTTPD
import Foundation
import Synchronization

/// The HTTP/1.1 server: libmicrohttpd with an internal epoll thread pool. It owns what every answer
/// needs whatever the application: request ids, body limits, security headers, metrics, the access
/// log, and a graceful stop. What a request means is the `Router`'s business.
public final class HTTPServer: @unchecked Sendable {
    // @unchecked: `daemon` is written in start/stop only, before and after the C threads run.
    public let configuration: ServerConfiguration
    public let metrics: Metrics
    private let router: Router
    private let log: Log
    private let accessLog = AccessLog()
    private var daemon: OpaquePointer?
    private let counters = ServerCounters()
    private let instancePrefix = String(UInt32.random(in: .min ... .max), radix: 16)
    public private(set) var port: UInt16 = 0

    public init(router: Router, configuration: ServerConfiguration, metrics: Metrics = Metrics(), log: Log = .standard) {
        self.router = router
        self.configuration = configuration
        self.metrics = metrics
        self.log = log
    }

    /// Binds and starts serving. Throws when the address is taken or invalid.
    public func start() throws {
        var address = try configuration.prepareToListen()
        let flags = UInt32(MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue | MHD_USE_ITC.rawValue
                           | MHD_USE_TURBO.rawValue | MHD_USE_ERROR_LOG.rawValue)
        let me = Unmanaged.passUnretained(self).toOpaque()
        let limit = min(configuration.connectionLimit, ServerConfiguration.fileLimit() - 64)
        daemon = withUnsafePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                xj_start_daemon(flags, sa, Self.accessHandler, me, Self.completedHandler, me,
                                UInt32(configuration.threads), UInt32(configuration.connectionTimeoutSeconds),
                                configuration.connectionMemoryLimit, UInt32(max(16, limit)))
            }
        }
        guard let daemon else {
            throw ServerError("cannot listen on \(configuration.host):\(configuration.port) (in use, or not permitted)")
        }
        port = xj_daemon_port(daemon)
    }

    /// Stops accepting, lets requests in flight finish (up to the grace period), then closes.
    public func stop() {
        guard let daemon else { return }
        let listener = MHD_quiesce_daemon(daemon)
        let deadline = Date(timeIntervalSinceNow: configuration.shutdownGraceSeconds)
        while counters.inFlight.load(ordering: .acquiring) > 0 && Date() < deadline { usleep(10_000) }
        MHD_stop_daemon(daemon)
        if listener >= 0 { close(listener) }
        self.daemon = nil
        accessLog.flush()
    }

    public var requestsInFlight: Int { counters.inFlight.load(ordering: .relaxed) }

    // MARK: - libmicrohttpd callbacks

    private static let accessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, _, uploadData, uploadSize, conCls in
        guard let cls, let connection, let url, let method, let uploadSize, let conCls else { return .NO }
        let server = Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue()
        return server.access(connection, url: url, method: method, uploadData: uploadData, uploadSize: uploadSize, state: conCls)
    }

    private static let completedHandler: MHD_RequestCompletedCallback = { cls, _, conCls, _ in
        guard let cls, let conCls, let state = conCls.pointee else { return }
        Unmanaged<Exchange>.fromOpaque(state).release()
        conCls.pointee = nil
        Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue().counters.inFlight.subtract(1, ordering: .releasing)
    }

    private func access(_ connection: OpaquePointer, url: UnsafePointer<CChar>, method: UnsafePointer<CChar>,
                        uploadData: UnsafePointer<CChar>?, uploadSize: UnsafeMutablePointer<Int>,
                        state: UnsafeMutablePointer<UnsafeMutableRawPointer?>) -> MHD_Result {
        guard let existing = state.pointee else {
            // First call: headers are in, the body is not. Choose the limit and refuse early what
            // cannot fit, before the client sends it (the 100-continue case).
            counters.inFlight.add(1, ordering: .relaxed)
            let contentType = header(connection, "Content-Type") ?? ""
            let limit = contentType.lowercased().hasPrefix("multipart/form-data") ? configuration.uploadBodyLimit : configuration.jsonBodyLimit
            let exchange = Exchange(limit: limit)
            if contentType.lowercased().hasPrefix("multipart/form-data") { exchange.form = FormCollector(connection: connection) }
            state.pointee = Unmanaged.passRetained(exchange).toOpaque()
            if let length = header(connection, "Content-Length").flatMap(Int.init), length > limit {
                exchange.tooLarge = true
                // A body far past the limit is not worth reading just to keep the connection: answer
                // now, and libmicrohttpd closes the connection after the response.
                if length > 4 * limit || header(connection, "Expect")?.lowercased() == "100-continue" {
                    return finish(connection, exchange, url: url, method: method)
                }
            }
            return .YES
        }
        let exchange = Unmanaged<Exchange>.fromOpaque(existing).takeUnretainedValue()
        if uploadSize.pointee > 0 {
            if let uploadData { exchange.receive(uploadData, count: uploadSize.pointee) }
            uploadSize.pointee = 0
            return .YES
        }
        return finish(connection, exchange, url: url, method: method)
    }

    private func finish(_ connection: OpaquePointer, _ exchange: Exchange, url: UnsafePointer<CChar>, method: UnsafePointer<CChar>) -> MHD_Result {
        let methodName = String(cString: method)
        let headers = ConnectionValues.read(connection, kind: .HEADER_KIND, lowercaseKeys: true)
        let requestID = Self.acceptableRequestID(headers["x-request-id"]) ?? nextRequestID()
        var request = Request(method: methodName, path: String(cString: url),
                              query: ConnectionValues.read(connection, kind: .GET_ARGUMENT_KIND, lowercaseKeys: false),
                              headers: headers, body: exchange.body, requestID: requestID)
        request.formParts = exchange.form.map { $0.failed ? [] : $0.parts } ?? []
        // Only unsafe requests need the peer's address (login throttling); formatting it for every
        // GET was a measurable share of a request.
        if methodName == "POST" {
            request.clientAddress = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
                xj_client_address(connection, buffer.baseAddress!, 64)
                return String(cString: buffer.baseAddress!)
            }
        }
        var response: Response
        if exchange.tooLarge {
            response = router.tooLarge(request, exchange.limit)
            response.route = "body_limit"
        } else {
            response = router.respond(to: request)
        }
        response.headers.append(("X-Request-ID", requestID))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - exchange.started) / 1e9
        metrics.record(route: response.route, method: methodName, status: response.status, seconds: seconds)
        if configuration.accessLog {
            accessLog.record(requestID: requestID, method: methodName, route: response.route, status: response.status,
                             bytes: response.body.count, seconds: seconds)
        }
        return queue(response, on: connection)
    }

    private func queue(_ response: Response, on connection: OpaquePointer) -> MHD_Result {
        let mhdResponse: OpaquePointer? = response.body.withUnsafeBytes { p in
            xj_response_copy(p.count, p.baseAddress)
        }
        guard let mhdResponse else { return .NO }
        defer { MHD_destroy_response(mhdResponse) }
        for (name, value) in response.headers { _ = MHD_add_response_header(mhdResponse, name, value) }
        for header in response.isPage ? SecurityHeaders.page : SecurityHeaders.data {
            _ = MHD_add_response_header(mhdResponse, header.name, header.value)
        }
        if !response.cacheable { _ = MHD_add_response_header(mhdResponse, SecurityHeaders.noStore.name, SecurityHeaders.noStore.value) }
        return MHD_queue_response(connection, UInt32(response.status), mhdResponse)
    }

    private func header(_ connection: OpaquePointer, _ name: String) -> String? {
        MHD_lookup_connection_value(connection, .HEADER_KIND, name).map { String(cString: $0) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// "prefix-counter" in hex: 8 + 1 + up to 6 characters fits Swift's small-string storage, so
    /// naming a request allocates nothing.
    private func nextRequestID() -> String {
        var n = counters.requests.add(1, ordering: .relaxed).newValue
        var digits = 0
        var probe = n
        repeat { digits += 1; probe >>= 4 } while probe > 0
        let prefix = instancePrefix.utf8
        return String(unsafeUninitializedCapacity: prefix.count + 1 + digits) { buffer in
            var i = 0
            for b in prefix { buffer[i] = b; i += 1 }
            buffer[i] = 45
            var end = i + digits
            let count = end + 1
            repeat { buffer[end] = Self.hexDigits[Int(n & 15)]; n >>= 4; end -= 1 } while end > i
            return count
        }
    }

    /// A caller's own request id is kept when it is short and plain, so traces join up across systems.
    static func acceptableRequestID(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 64,
              value.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || $0 == 45 || $0 == 95 }) else { return nil }
        return value
    }

}

/// The server's atomic counters, kept in their own object behind an internal reference: with them as
/// stored properties of this public class, an incremental release build read `port` as 0 from
/// another module (docs/architecture.md "Decisions").
final class ServerCounters: Sendable {
    let inFlight = Atomic<Int>(0)
    let requests = Atomic<UInt64>(0)
}

public struct ServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
