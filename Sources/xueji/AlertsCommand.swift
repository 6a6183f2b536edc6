import Foundation
import XuejiCore
import XuejiServices
import XuejiStore

struct AlertsCommand: Command {
    static let name = "alerts"
    static let summary = "Review every pupil's attendance and raise the dropout-control alerts it calls for"
    static let help = """
        Usage: xueji alerts scan [--region CODE] [--date YYYY-MM-DD] [--db URL]

        Runs the checks a class register makes (consecutive and cumulative unexcused school days,
        pupils who never attended) for every pupil in school in the region, for the term that contains
        the date (default yesterday), by each province's thresholds. Opens each alert unless one of its
        kind is open for the pupil already. Prints the pupils read and the alerts opened by kind.

        Options:
          --region CODE  a 6-digit division code (default: the whole country)
          --date D       the day to review up to (default: yesterday, Beijing time)
        \(databaseHelp)

        Example:
          $ xueji alerts scan --region 410102
          read 124032 pupils' attendance in 2.1 s
          opened: suspected_dropout 310, unexcused_warning 1288
        """
    static let valuedOptions: Set<String> = ["db", "region", "date"]
    static let switchOptions: Set<String> = []

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard arguments.positional == ["scan"] else { throw UsageError("the alerts command is `xueji alerts scan`") }
        var region: Scope?
        if let text = arguments.options["region"] {
            guard text.count == 6, let code = DivisionCode(text) else { throw UsageError("--region must be a 6-digit division code") }
            region = .division(code)
        }
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        try Migrator().check(database)
        let started = Date()
        let outcome = try AttendanceService(database: database, clock: .system).scan(region: region, day: arguments.options["date"], by: .commandLine)
        print("read \(outcome.pupils) pupils' attendance in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        print("opened: " + (outcome.opened.isEmpty ? "none" : outcome.opened.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        return .success
    }
}
