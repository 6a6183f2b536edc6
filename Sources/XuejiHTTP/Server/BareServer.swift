import CMicroHTTPD
import Foundation

/// A libmicrohttpd daemon with the same threading and limits as `HTTPServer` that answers every
/// request with a constant `ok`: no router, no headers, no log. `make bench` measures `/healthz`
/// against it to show what Xueji's own layers cost (`xueji serve --bare`).
public final class BareServer: @unchecked Sendable {
    private var daemon: OpaquePointer?
    public private(set) var port: UInt16 = 0
    private let configuration: ServerConfiguration

    public init(configuration: ServerConfiguration) { self.configuration = configuration }

    public func start() throws {
        var address = try configuration.prepareToListen()
        let flags = UInt32(MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue | MHD_USE_ITC.rawValue | MHD_USE_TURBO.rawValue)
        daemon = withUnsafePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                xj_start_daemon(flags, sa, { _, connection, _, _, _, _, _, state in
                    // libmicrohttpd's own idiom: the first call only marks the request as seen.
                    // Answering on the first call makes it close the connection, which would
                    // make the baseline pay a TCP handshake per request and flatter Xueji.
                    guard let state else { return .NO }
                    if state.pointee == nil {
                        state.pointee = UnsafeMutableRawPointer(bitPattern: 1)
                        return .YES
                    }
                    let body: StaticString = "ok"
                    guard let response = xj_response_static(body.utf8CodeUnitCount,
                                                                         body.utf8Start) else { return .NO }
                    defer { MHD_destroy_response(response) }
                    return MHD_queue_response(connection, 200, response)
                }, nil, { _, _, state, _ in state?.pointee = nil }, nil, UInt32(configuration.threads), UInt32(configuration.connectionTimeoutSeconds),
                                configuration.connectionMemoryLimit, UInt32(min(configuration.connectionLimit, ServerConfiguration.fileLimit() - 64)))
            }
        }
        guard let daemon else { throw ServerError("cannot listen on \(configuration.host):\(configuration.port)") }
        port = xj_daemon_port(daemon)
    }

    public func stop() {
        if let daemon { MHD_stop_daemon(daemon) }
        daemon = nil
    }
}
