import Foundation
import XuejiCore
import XuejiServices
import XuejiStore

/// `xueji report NAME`: the same tables as `GET /api/v1/reports/{name}`, for scripts and cron jobs
/// on the server (the whole country's scope; aggregates only, no pupil is named).
struct ReportCommand: Command {
    static let name = "report"
    static let summary = "Write an aggregate report (enrolment, funding, meal claims, …) as CSV or XLSX"
    static var help: String {
        """
        Usage: xueji report NAME [--region R | --school S] [--as-of YYYY-MM-DD] [--level province|county|school]
                                 [--term YYYY-1|YYYY-2] [--month YYYY-MM] [--programme P] [--out FILE.csv|FILE.xlsx] [--db URL]

        Writes the named report, the same table as GET /api/v1/reports/NAME, to FILE (CSV or XLSX by
        its extension) or as CSV to standard output. Reports:
          \(ReportCatalogue.reports.keys.sorted().joined(separator: ", "))
        Parameters as the API reads them (docs/programmes.md says what each report computes).

        Options:
        \(databaseHelp)
        """
    }
    static let valuedOptions: Set<String> = ["db", "region", "school", "as-of", "level", "term", "month", "programme", "out"]
    static let switchOptions: Set<String> = []

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard arguments.positional.count == 1, let name = arguments.positional.first else { throw UsageError("report takes one report name") }
        guard let report = ReportCatalogue.reports[name] else {
            throw UsageError("no report \(name); one of: \(ReportCatalogue.reports.keys.sorted().joined(separator: ", "))")
        }
        var query: [String: String] = [:]
        for (option, parameter) in [("region", "region"), ("school", "school"), ("as-of", "as_of"), ("level", "level"), ("term", "term"),
                                    ("month", "month"), ("programme", "programme")] {
            if let value = arguments.options[option] { query[parameter] = value }
        }
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        try Migrator().check(database)
        let clock = Clock.system
        do {
            let statistics = StatisticsService(database: database, clock: clock)
            let parameters = try ReportCatalogue.parameters(for: name, query, today: clock.today)
            let table = try ReportCatalogue.table(name, parameters, statistics: statistics, today: clock.today, actor: .commandLine)
            let out = arguments.options["out"]
            let xlsx = out?.lowercased().hasSuffix(".xlsx") ?? false
            let title = "\(report.title.zh) \(report.title.en) · \((parameters.scope ?? Actor.commandLine.scope).description) · \((parameters.asOf ?? clock.today).description)"
            let bytes = try ReportFile.bytes(table, title: title, rowHeader: report.rowHeader, format: xlsx ? .xlsx : .csv)
            if let out {
                try Data(bytes).write(to: URL(fileURLWithPath: out))
                print("wrote \(name): \(table.rowLabels.count) rows to \(out)")
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
            return .success
        } catch let e as DomainError {
            let detail = e.fieldErrors.map { "\($0.field): \($0.message.zh) \($0.message.en)" }.joined(separator: "; ")
            FileHandle.standardError.write(Data("xueji: \(e.message.zh) \(e.message.en)\(detail.isEmpty ? "" : " (" + detail + ")")\n".utf8))
            return .dataError
        }
    }
}
