import Foundation
import XuejiCore
import XuejiServices
import XuejiStore

/// `xueji promote` and `xueji graduate` share their options: the year, the scope, a dry run.
enum YearCycleOptions {
    static let help = """
          --school-year Y   the summer's year: graduation by 30 July, promotion on 10 August of it
          --region CODE     a division (its whole subtree), or
          --school CODE     one school; neither: the whole country
          --dry-run         count only; write nothing
        """

    static func parse(_ arguments: Arguments) throws -> (Int, Scope, Bool) {
        guard let text = arguments.options["school-year"], let year = Int(text) else { throw UsageError("--school-year YEAR is required") }
        var scope = Scope.division(.nation)
        if let s = arguments.options["school"] {
            guard let code = SchoolCode(s) else { throw UsageError("--school must be a 10-digit school code") }
            scope = .school(code)
        } else if let r = arguments.options["region"] {
            guard let code = DivisionCode(r), r.count == 6 else { throw UsageError("--region must be a 6-digit division code") }
            scope = .division(code)
        }
        return (year, scope, arguments.switches.contains("dry-run"))
    }
}

struct PromoteCommand: Command {
    static let name = "promote"
    static let summary = "Move every active pupil up a grade for a school year (升级)"
    static let help = """
        Usage: xueji promote --school-year Y [--region R | --school S] [--dry-run] [--db URL]

        Every active pupil below the final grade of its school moves up one grade, with its class
        (三年级2班 → 四年级2班, created when missing). The final grades must have graduated first
        (`xueji graduate`); a school whose final grade still has active pupils stops the whole run
        (exit 1, naming the schools). Running it twice for the same year changes nothing the second
        time. One batch, revertable.

        Options:
        \(YearCycleOptions.help)
        \(databaseHelp)

        Example:
          $ xueji promote --school-year 2026 --region 410102
          promoted 18211, skipped 3011 (final grades); batch B…
        """
    static let valuedOptions: Set<String> = ["db", "school-year", "region", "school"]
    static let switchOptions: Set<String> = ["dry-run"]

    static func run(_ arguments: Arguments) throws -> ExitCode {
        let (year, scope, dryRun) = try YearCycleOptions.parse(arguments)
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        try Migrator().check(database)
        let o: YearCycleService.Outcome
        do {
            o = try YearCycleService(database: database, clock: .system).promote(schoolYear: year, scope: scope, dryRun: dryRun, by: .commandLine)
        } catch let e as DomainError {
            FileHandle.standardError.write(Data("xueji: \(e.message.zh)\n       \(e.message.en)\n".utf8))
            return .failure
        }
        print("\(dryRun ? "would promote" : "promoted") \(o.moved), skipped \(o.skipped) (final grades, or already promoted for the year)\(o.batch.map { "; batch \($0)" } ?? "")")
        return .success
    }
}

struct GraduateCommand: Command {
    static let name = "graduate"
    static let summary = "Graduate the final grades for a school year (毕业)"
    static let help = """
        Usage: xueji graduate --school-year Y [--region R | --school S] [--dry-run] [--db URL]

        Active pupils in their school's final grade leave with status graduated (membership exit code
        21); their identity fields lock. Due by 30 July; a later run is done and reported as late.
        One batch, revertable.

        Options:
        \(YearCycleOptions.help)
        \(databaseHelp)
        """
    static let valuedOptions: Set<String> = ["db", "school-year", "region", "school"]
    static let switchOptions: Set<String> = ["dry-run"]

    static func run(_ arguments: Arguments) throws -> ExitCode {
        let (year, scope, dryRun) = try YearCycleOptions.parse(arguments)
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        try Migrator().check(database)
        let o = try YearCycleService(database: database, clock: .system).graduate(schoolYear: year, scope: scope, dryRun: dryRun, by: .commandLine)
        print("\(dryRun ? "would graduate" : "graduated") \(o.moved)\(o.late ? " (after the 30 July deadline)" : "")\(o.batch.map { "; batch \($0)" } ?? "")")
        return .success
    }
}

struct BatchCommand: Command {
    static let name = "batch"
    static let summary = "Revert a batch (an import, a promotion or a graduation)"
    static let help = """
        Usage: xueji batch revert ID [--db URL]

        Undoes the batch exactly while none of its pupils has changed since; otherwise refuses and
        names the pupils that block it (exit 1).

        Options:
        \(databaseHelp)
        """
    static let valuedOptions: Set<String> = ["db"]
    static let switchOptions: Set<String> = []

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard arguments.positional.count == 2, arguments.positional[0] == "revert" else { throw UsageError("usage: xueji batch revert ID") }
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        try Migrator().check(database)
        do {
            let r = try BatchService(database: database, clock: .system).revert(arguments.positional[1], by: .commandLine)
            print("reverted \(r.kind) batch \(r.batch): \(r.pupils) pupils")
            return .success
        } catch let e as DomainError {
            FileHandle.standardError.write(Data("xueji: \(e.message.en)\n".utf8))
            return .failure
        }
    }
}
