import XuejiStore

/// One `xueji` subcommand: its name, one line of help, its full help, and what it does.
protocol Command {
    static var name: String { get }
    static var summary: String { get }
    static var help: String { get }
    static var valuedOptions: Set<String> { get }
    static var switchOptions: Set<String> { get }
    static func run(_ arguments: Arguments) throws -> ExitCode
}

extension Command {
    /// `--db URL` as every command takes it (API.md "Command line").
    static func databaseURL(_ arguments: Arguments) throws -> DatabaseURL {
        guard let text = arguments.options["db"] else { return .defaultValue }
        guard let url = DatabaseURL(text) else { throw UsageError("--db must be sqlite:PATH or postgres://…, got \(text)") }
        return url
    }

    static var databaseHelp: String { "  --db URL          sqlite:PATH or postgres://USER@HOST:PORT/DB (default sqlite:./data/xueji.sqlite)" }
}
