import Dispatch
import Foundation
import XuejiHTTP
import XuejiServices
import XuejiStore
import XuejiWeb

struct ServeCommand: Command {
    static let name = "serve"
    static let summary = "Serve the web pages and the JSON API"
    static let help = """
        Usage: xueji serve [--port 8080] [--host 127.0.0.1] [--data-dir DIR] [--threads N] [--db URL]
               xueji serve --bare [--port P]

        Serves http://HOST:PORT until SIGTERM or SIGINT, then stops accepting, lets requests in flight
        finish and exits 0. The database must be migrated first (`xueji migrate`). One JSON line per
        request goes to stderr; it holds the route template, never a pupil's data.

        Options:
          --port N          TCP port, 0 for any free one (default 8080); the port is logged at start
          --host ADDR       IPv4 address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
          --data-dir DIR    where attachments and exports are kept (default ./data)
          --threads N       HTTP threads (default: one per core)
          --connection-timeout S
                            close a connection idle for S seconds (default 30)
          --secure-cookies  mark the session cookie Secure (serve behind HTTPS)
          --session-idle-minutes N   end a session unused for N minutes (default 120)
          --session-max-hours N      end any session N hours after login (default 12)
          --no-access-log   do not log each request
          --bare            serve a constant "ok" with libmicrohttpd alone, for `make bench`
        \(databaseHelp)

        Example:
          $ xueji serve --port 8080
          {"ts":"2026-12-04T08:00:00.000Z","event":"listening","host":"127.0.0.1","port":8080,...}
        """
    static let valuedOptions: Set<String> = ["db", "port", "host", "data-dir", "threads", "connection-timeout", "session-idle-minutes", "session-max-hours"]
    static let switchOptions: Set<String> = ["bare", "no-access-log", "secure-cookies"]

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard arguments.positional.isEmpty else { throw UsageError("serve takes no arguments") }
        var configuration = ServerConfiguration()
        configuration.port = UInt16(try arguments.int("port", default: 8080, range: 0...65535))
        configuration.host = arguments.options["host"] ?? "127.0.0.1"
        configuration.threads = try arguments.int("threads", default: configuration.threads, range: 1...256)
        configuration.connectionTimeoutSeconds = try arguments.int("connection-timeout", default: 30, range: 1...3600)
        configuration.accessLog = !arguments.switches.contains("no-access-log")
        let log = Log.standard
        if arguments.switches.contains("bare") {
            let bare = BareServer(configuration: configuration)
            try bare.start()
            log.write("listening", [("mode", "bare"), ("host", .string(configuration.host)), ("port", .int(Int64(bare.port)))])
            waitForTermination()
            bare.stop()
            return .success
        }
        let url = try databaseURL(arguments)
        let database = try url.open()
        try Migrator().check(database)
        let dataDirectory = arguments.options["data-dir"] ?? "./data"
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        var sessions = SessionPolicy()
        sessions.secureCookies = arguments.switches.contains("secure-cookies")
        sessions.idleTimeout = Int64(try arguments.int("session-idle-minutes", default: 120, range: 1...1440)) * 60_000
        sessions.absoluteTimeout = Int64(try arguments.int("session-max-hours", default: 12, range: 1...168)) * 3_600_000
        let app = try XuejiApp(database: database, log: log, sessionPolicy: sessions, dataDirectory: URL(fileURLWithPath: dataDirectory))
        let server = HTTPServer(router: app.router, configuration: configuration, metrics: app.metrics, log: log)
        try server.start()
        log.write("listening", [("host", .string(configuration.host)), ("port", .int(Int64(server.port))),
                                ("database", .string(url.description)), ("threads", .int(Int64(configuration.threads)))])
        let signalName = waitForTermination()
        log.write("stopping", [("signal", .string(signalName)), ("in_flight", .int(Int64(server.requestsInFlight)))])
        server.stop()
        database.close()
        log.write("stopped", [])
        return .success
    }

    /// Blocks until SIGTERM or SIGINT and returns its name. The signals are taken over by dispatch
    /// sources, so the default action (kill at once) never cuts a request short.
    @discardableResult
    static func waitForTermination() -> String {
        let done = DispatchSemaphore(value: 0)
        let received = SignalBox()
        var sources: [DispatchSourceSignal] = []
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { received.set(name); done.signal() }
            source.resume()
            sources.append(source)
        }
        done.wait()
        sources.forEach { $0.cancel() }
        return received.get()
    }
}

/// The name of the signal that arrived, handed from the dispatch queue to the main thread.
private final class SignalBox: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var name = ""
    func set(_ value: String) { lock.lock(); name = value; lock.unlock() }
    func get() -> String { lock.lock(); defer { lock.unlock() }; return name }
}
