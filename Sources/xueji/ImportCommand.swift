import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

struct ImportCommand: Command {
    static let name = "import"
    static let summary = "Import new pupils from a CSV file in the national template"
    static let help = """
        Usage: xueji import FILE --school CODE [--dry-run] [--strict] [--errors OUT.csv] [--json]
                                              [--encoding utf-8|gb18030] [--sheet NAME] [--db URL]

        Reads new pupils from FILE, a CSV or XLSX file in the national template (Chinese headers such as 姓名, 性别,
        出生日期, 身份证件号, 年级, 班级, 入学年月, 成员1姓名 …, or the API's field names; any column order).
        UTF-8 with or without BOM and GB18030/GBK (as Excel and WPS save "CSV") are detected; --encoding
        forces one. XLSX as Excel, WPS and LibreOffice write it (first sheet, or --sheet; cached values
        of formulas). Every row is checked like a single registration; all errors of all rows are listed.
        The good rows are then written in one transaction, as one batch that can be reverted.

        Options:
          --school CODE     the school the pupils join (its classes must exist)
          --dry-run         check only; write nothing
          --strict          write nothing unless every row passes
          --errors OUT      write the failed rows with a reason column, to fix and import again
                            (CSV, or XLSX when OUT ends in .xlsx)
          --json            print {"rows","accepted","rejected","errors":[{"row","column","code","message"}],"batch"}
          --encoding E      utf-8 or gb18030 instead of detecting (CSV)
          --sheet NAME      the XLSX sheet to read (default: the first)
          --progress-json   progress as JSON lines on stderr, every 1,000 rows ({"phase","rows","fraction"}),
                            for programs that show their own progress
        \(databaseHelp)

        Exit 0 when every row was accepted, 1 when some rows were rejected (the others were written
        unless --dry-run or --strict), 65 when the file itself cannot be imported.

        Example:
          $ xueji import 新生.csv --school 4101029001 --errors 新生-错误.csv
          300 rows: 297 accepted, 3 rejected; batch B3k… written
        """
    static let valuedOptions: Set<String> = ["db", "school", "errors", "encoding", "sheet"]
    static let switchOptions: Set<String> = ["dry-run", "strict", "json", "progress-json"]

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard arguments.positional.count == 1 else { throw UsageError("usage: xueji import FILE --school CODE") }
        guard let school = arguments.options["school"] else { throw UsageError("--school CODE is required") }
        var encoding: TextEncoding? = nil
        if let e = arguments.options["encoding"] {
            guard let parsed = TextEncoding(rawValue: e.lowercased()) else { throw UsageError("--encoding must be utf-8 or gb18030") }
            encoding = parsed
        }
        let url = URL(fileURLWithPath: arguments.positional[0])
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        try Migrator().check(database)
        let service = ImportService(database: database, clock: .system, reference: try ReferenceData.load(database))
        let bar = ProgressBar()
        let report: ImportReport
        do {
            report = try service.run(url, school: school, mode: arguments.switches.contains("dry-run") ? .validate : .commit,
                                     strict: arguments.switches.contains("strict"), encoding: encoding, sheet: arguments.options["sheet"],
                                     by: .commandLine) { phase, rows, fraction in
                if arguments.switches.contains("progress-json") {
                    let line = "{\"phase\":\"\(phase)\",\"rows\":\(rows),\"fraction\":\(String(format: "%.3f", fraction))}\n"
                    FileHandle.standardError.write(Data(line.utf8))
                } else {
                    bar.show(phase == "check" ? "检查 checking" : "写入 writing", rows: rows, fraction: fraction)
                }
            }
            bar.finish()
        } catch let e as DomainError {
            bar.finish()
            FileHandle.standardError.write(Data("xueji: \(e.message.zh) \(e.message.en)\n".utf8))
            for f in e.fieldErrors { FileHandle.standardError.write(Data("  \(f.field): \(f.message.en)\n".utf8)) }
            return .dataError
        }
        if let out = arguments.options["errors"], report.rejected > 0 {
            try service.writeErrorFile(for: url, report: report, to: URL(fileURLWithPath: out), xlsx: out.lowercased().hasSuffix(".xlsx"))
        }
        if arguments.switches.contains("json") {
            let json: JSON = ["rows": .int(Int64(report.rows)), "accepted": .int(Int64(report.accepted)), "rejected": .int(Int64(report.rejected)),
                              "committed": .bool(report.committed), "batch": JSON(report.batch), "encoding": .string(report.encoding),
                              "unknown_columns": .array(report.unknownColumns.map { .string($0) }),
                              "errors": .array(report.errors.map { ["row": .int(Int64($0.row)), "column": .string($0.column), "code": .string($0.code),
                                                                    "message": .string($0.message.zh), "message_en": .string($0.message.en)] })]
            print(json.text)
        } else {
            for e in report.errors.prefix(200) { print("row \(e.row), \(e.column): \(e.code) — \(e.message.zh)") }
            if report.errors.count > 200 { print("… \(report.errors.count - 200) more errors (use --errors OUT.csv or --json)") }
            if !report.unknownColumns.isEmpty { print("unknown columns, ignored: \(report.unknownColumns.joined(separator: ", "))") }
            let outcome = report.committed ? "batch \(report.batch ?? "") written" : "nothing written"
            print("\(report.rows) rows: \(report.accepted) accepted, \(report.rejected) rejected; \(outcome)")
        }
        return report.rejected == 0 ? .success : .failure
    }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal (scripts get clean output).
final class ProgressBar: @unchecked Sendable {
    private let enabled = isatty(2) == 1
    private let started = Date()
    private var last = Date.distantPast

    func show(_ label: String, rows: Int, fraction: Double) {
        guard enabled, Date().timeIntervalSince(last) > 0.1 || fraction >= 1 else { return }
        last = Date()
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(rows) / elapsed : 0
        let eta = fraction > 0.01 ? elapsed / fraction - elapsed : 0
        let filled = Int(fraction * 30)
        let line = "\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 30 - filled))] \(Int(fraction * 100))%  \(rows) rows  \(Int(rate)) rows/s  ETA \(Int(eta)) s "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() { if enabled { FileHandle.standardError.write(Data("\n".utf8)) } }
}
