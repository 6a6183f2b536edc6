import Foundation
import XuejiCore
import XuejiHTTP
import XuejiServices
import XuejiStore

struct IdentityCommand: Command {
    static let name = "identity"
    static let summary = "Check resident ID numbers, or import identity-check results"
    static let help = """
        Usage: xueji identity check < NUMBERS
               xueji identity import FILE [--db URL]

        `check` reads resident ID numbers, one per line, and prints one JSON object per line:
        {"input","valid","id_number","birth_date","sex","region"} or {"input","valid":false,"errors":[codes]}.
        It needs no database. Exit 0 when every number is valid, 1 otherwise.

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
        if arguments.positional == ["check"] { return try check() }
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

    /// The same check registration runs (`ResidentID.problems`), for scripts and for the
    /// python-stdnum comparison in `make test`.
    static func check() throws -> ExitCode {
        let history = try DivisionHistory.shipped()
        let today = Clock.system.today
        var allValid = true
        while let line = readLine(strippingNewline: true) {
            let (id, problems) = ResidentID.problems(in: line, today: today, divisions: history)
            var members: [(String, JSON)] = [("input", .string(line)), ("valid", .bool(id != nil))]
            if let id {
                members += [("id_number", .string(id.rawValue)), ("birth_date", .string(id.birthDate.description)),
                            ("sex", .string(id.sex)), ("region", .string(id.region))]
            } else {
                allValid = false
                members.append(("errors", .array(problems.map { .string($0.code) })))
            }
            print(JSON.object(members).text)
        }
        return allValid ? .success : .failure
    }
}
