import Foundation
import XuejiCore
import XuejiServices
import XuejiStore

struct ExportCommand: Command {
    static let name = "export"
    static let summary = "Export a pupil list to CSV or XLSX"
    static let help = """
        Usage: xueji export [--school S | --region R] [--grade G] [--status S] --out FILE.csv|FILE.xlsx
                            --reason TEXT [--full] [--encoding utf-8|gb18030] [--db URL]

        Writes the pupils matching the filters: CSV (UTF-8 with BOM so Excel opens it, or GB18030) or
        XLSX (header row frozen, column widths set), by the file's extension. ID and phone numbers are
        masked unless --full. The reason is required; the first line names the exporter, the date
        and the reason, and the export is written to the audit log.

        Options:
        \(databaseHelp)
        """
    static let valuedOptions: Set<String> = ["db", "school", "region", "grade", "status", "out", "reason", "encoding"]
    static let switchOptions: Set<String> = ["full"]

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard let out = arguments.options["out"] else { throw UsageError("--out FILE.csv|FILE.xlsx is required") }
        let format: ExportService.Format = out.lowercased().hasSuffix(".xlsx") ? .xlsx : .csv
        var filter = PupilFilter()
        if let s = arguments.options["school"] { guard let c = SchoolCode(s) else { throw UsageError("--school must be a school code") }; filter.school = c }
        if let r = arguments.options["region"] { guard let d = DivisionCode(r), r.count == 6 else { throw UsageError("--region must be a 6-digit code") }; filter.regionPrefix = d.subtreePrefix }
        if let g = arguments.options["grade"] { guard let n = Int(g), (1...12).contains(n) else { throw UsageError("--grade must be 1 to 12") }; filter.grade = n }
        if let s = arguments.options["status"] { guard let st = PupilStatus(rawValue: s) else { throw UsageError("unknown --status") }; filter.status = st }
        guard let encoding = TextEncoding(rawValue: (arguments.options["encoding"] ?? "utf-8").lowercased()) else { throw UsageError("--encoding must be utf-8 or gb18030") }
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        try Migrator().check(database)
        do {
            let n = try ExportService(database: database, clock: .system).export(filter, format: format, full: arguments.switches.contains("full"),
                                                                                 reason: arguments.options["reason"] ?? "", encoding: encoding,
                                                                                 by: .commandLine, to: URL(fileURLWithPath: out))
            print("exported \(n) pupils to \(out)")
            return .success
        } catch let e as DomainError {
            FileHandle.standardError.write(Data("xueji: \(e.message.zh) \(e.message.en)\n".utf8))
            return .dataError
        }
    }
}
