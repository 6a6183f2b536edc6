import Foundation

/// A real `xueji` process for end-to-end tests, started from the binary this build produced.
/// Its stderr (the JSON log) is collected, and `serve` is ready once it logs "listening".
public final class ServerProcess: @unchecked Sendable {
    // @unchecked: `output` is guarded by `lock`; the process handle is only used from the test.
    public let process = Process()
    private let lock = NSLock()
    private var output = Data()
    private var standardOutput = Data()
    public private(set) var port: UInt16 = 0

    /// The `xueji` binary next to the test bundle (both live in the same build directory).
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["XUEJI_BINARY"] { return URL(fileURLWithPath: path) }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("xueji")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/xueji")
    }

    /// Starts `xueji ARGS` with standard input from `input`.
    public init(_ arguments: [String], input: String? = nil, workingDirectory: URL? = nil) throws {
        process.executableURL = Self.binary
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let errPipe = Pipe(), outPipe = Pipe(), inPipe = Pipe()
        process.standardError = errPipe
        process.standardOutput = outPipe
        process.standardInput = inPipe
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock(); self.output.append(data); self.lock.unlock()
        }
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock(); self.standardOutput.append(data); self.lock.unlock()
        }
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inPipe.fileHandleForWriting.close()
    }

    /// Starts `xueji serve --port 0 …` and waits until it listens.
    public static func serve(database: String, extra: [String] = [], timeout: TimeInterval = 20) throws -> ServerProcess {
        let server = try ServerProcess(["serve", "--port", "0", "--db", database] + extra)
        try server.waitUntilListening(timeout: timeout)
        return server
    }

    public func waitUntilListening(timeout: TimeInterval) throws {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            if let line = log.split(separator: "\n").first(where: { $0.contains("\"event\":\"listening\"") }),
               let range = line.range(of: "\"port\":"),
               let port = UInt16(line[range.upperBound...].prefix { $0.isNumber }) {
                self.port = port
                return
            }
            if !process.isRunning { throw ServerProcessError(message: "xueji exited with \(process.terminationStatus): \(log)") }
            usleep(20_000)
        }
        throw ServerProcessError(message: "xueji did not start listening within \(timeout) s: \(log)")
    }

    /// Everything the process wrote to stderr so far.
    public var log: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: output, as: UTF8.self)
    }

    public var stdout: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: standardOutput, as: UTF8.self)
    }

    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the process to end and returns its exit status (or -1 after the timeout, when it is killed).
    @discardableResult
    public func wait(timeout: TimeInterval = 30) -> Int32 {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit(); return -1 }
        process.waitUntilExit()
        usleep(50_000)  // let the readability handlers drain the pipes
        return process.terminationStatus
    }

    /// Runs `xueji ARGS` to completion: exit status, stdout and stderr.
    public static func run(_ arguments: [String], input: String? = nil, timeout: TimeInterval = 60) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = try ServerProcess(arguments, input: input)
        let status = p.wait(timeout: timeout)
        return (status, p.stdout, p.log)
    }

    deinit {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }
}

public struct ServerProcessError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}
