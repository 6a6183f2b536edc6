import Foundation
import XuejiServices
import XuejiStore

struct IdentityCommand: Command {
    static let name = "identity"
    static let summary = "Import the results of the population-database identity check"
    static let help = """
        Usage: xueji identity import FILE [--db URL]

        Reads a CSV (UTF-8) of `number,result[,detail]` rows, result one of ok, mismatch, invalid,
        duplicate, and opens a problem record (identity_mismatch, invalid_id, duplicate_id) on each
        pupil whose result is not ok. All rows are applied in one transaction. Rows naming no pupil are
        listed and skipped.

        Options:
        \(databaseHelp)

        Example:
          $ xueji identity import verification-2026-09.csv
          3 rows: 2 problem records opened, 0 rows rejected
        """
    static let valuedOptions: Set<String> = ["db"]
    static let switchOptions: Set<String> = []

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard arguments.positional.count == 2, arguments.positional[0] == "import" else { throw UsageError("usage: xueji identity import FILE") }
        let path = arguments.positional[1]
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw UsageError("\(path) is not UTF-8 text") }
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        try Migrator().check(database)
        let outcome = try IdentityVerification(database: database, clock: .system).apply(csv: text)
        for r in outcome.rejected { FileHandle.standardError.write(Data("row \(r.row): \(r.reason)\n".utf8)) }
        print("\(outcome.rows) rows: \(outcome.opened) problem records opened, \(outcome.rejected.count) rows rejected")
        return outcome.rejected.isEmpty ? .success : .dataError
    }
}
