import XuejiServices
import XuejiStore

struct MigrateCommand: Command {
    static let name = "migrate"
    static let summary = "Create or update the database schema and its reference data"
    static let help = """
        Usage: xueji migrate [--db URL]

        Applies every migration this build ships that the database has not had yet, each in its own
        transaction. Running it again changes nothing. Two migrators at once wait for each other.

        Options:
        \(databaseHelp)

        Example:
          $ xueji migrate --db sqlite:./data/xueji.sqlite
          applied 2 migrations: 1 platform, 2 load_regions
        """
    static let valuedOptions: Set<String> = ["db"]
    static let switchOptions: Set<String> = []

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard arguments.positional.isEmpty else { throw UsageError("migrate takes no arguments") }
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        let applied = try Migrator().migrate(database, now: Clock.system.now())
        if applied.isEmpty {
            print("database is up to date")
        } else {
            print("applied \(applied.count) migration\(applied.count == 1 ? "" : "s"): " + applied.map { "\($0.version) \($0.name)" }.joined(separator: ", "))
        }
        return .success
    }
}
