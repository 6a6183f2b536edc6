import Foundation
import XuejiCore
import XuejiStore

struct CalendarCommand: Command {
    static let name = "calendar"
    static let summary = "Import a year's holidays and make-up working days (调休)"
    static let help = """
        Usage: xueji calendar import FILE [--db URL]

        Adds or replaces the days of a working-day calendar file, the format of the shipped 2025–2026
        calendar: a header line, then `YYYY-MM-DD,holiday|workday,name` per line. Step deadlines of
        changes (10 working days) count with it. All lines are stored in one transaction, or none
        when a line does not parse (exit 65, naming the line).

        Options:
        \(databaseHelp)

        Example:
          $ xueji calendar import calendar-2027.csv
          imported 36 days
        """
    static let valuedOptions: Set<String> = ["db"]
    static let switchOptions: Set<String> = []

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard arguments.positional.count == 2, arguments.positional[0] == "import" else {
            throw UsageError("usage: xueji calendar import FILE")
        }
        let path = arguments.positional[1]
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            FileHandle.standardError.write(Data("xueji: cannot read \(path) as UTF-8 text\n".utf8))
            return .dataError
        }
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        try Migrator().check(database)
        do {
            let count = try database.write { try CalendarRepository($0).importCSV(text) }
            print("imported \(count) days")
            return .success
        } catch let e as CalendarFileError {
            FileHandle.standardError.write(Data("xueji: \(path) line \(e.line) is not `YYYY-MM-DD,holiday|workday,name`: \(e.text)\n".utf8))
            return .dataError
        }
    }
}
