/// Limits and sizes of the HTTP server. The defaults are the product's; tests shrink timeouts.
public struct ServerConfiguration: Sendable {
    /// Address to listen on. Loopback by default: exposing a registry of minors is a deliberate act.
    public var host: String = "127.0.0.1"
    /// 0 asks the kernel for a free port; `HTTPServer.port` tells which.
    public var port: UInt16 = 8080
    /// libmicrohttpd's internal epoll threads; one per core (ARCHITECTURE.md "How a request flows").
    public var threads: Int = max(1, System.coreCount)
    /// A connection idle this long is closed, which is what stops slowloris clients holding threads.
    public var connectionTimeoutSeconds: Int = 30
    /// Memory for one connection's headers and buffers; larger headers get 431. libmicrohttpd's
    /// default; it clears this pool per request, so a larger one costs time on every request.
    public var connectionMemoryLimit: Int = 32 * 1024
    /// Most connections at once; raised to what the process's file limit allows.
    public var connectionLimit: Int = 30_000
    /// Largest JSON (or other non-multipart) body.
    public var jsonBodyLimit: Int = 1 << 20
    /// Largest multipart upload body.
    public var uploadBodyLimit: Int = 10 << 20
    /// How long a graceful stop waits for requests in flight.
    public var shutdownGraceSeconds: Double = 30
    /// Whether each request writes an access-log line.
    public var accessLog: Bool = true

    public init() {}
}

public enum System {
    public static var coreCount: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
