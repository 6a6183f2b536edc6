import Foundation
import XuejiCore
import XuejiServices
import XuejiStore

struct DemoCommand: Command {
    static let name = "demo"
    static let summary = "Load a realistic synthetic province and print the demo logins"
    static let help = """
        Usage: xueji demo [--students N] [--seed S] [--if-missing] [--attendance] [--db URL]

        Loads synthetic data for trying Xueji: counties of Henan from the real division list, schools of
        every type and locality with classes, N pupils (default 20000) with plausible names, valid
        resident IDs matching their birth date and sex, guardians, boarders, migrant and left-behind
        pupils; and an account for every role. The same seed gives the same data. No real person is
        described. Refuses to load twice.

        Options:
          --students N   how many pupils (1 to 2000000, default 20000)
          --seed S       seed of the generator (default 2026)
          --if-missing   when the demo is already loaded, only print the logins
          --attendance   (after loading) write the current term's attendance up to yesterday for every
                         pupil in school: mostly present, some leave, one pupil in a hundred who stops
                         coming; replaces what the demo wrote before; then the term's approved aid
                         awards and the ledger paid for its past months (once per term)
          --with-attendance  when loading: also write the term so far and its aid, and run the
                         dropout review
          --through D    with --attendance: write up to day D instead of yesterday (the whole term, to
                         measure its storage)
          --export FILE  write N new pupils of one school (--school, default 4101029005, whose classes
                         must exist: load the demo first) as a CSV import file instead of loading them
        \(databaseHelp)

        Example:
          $ xueji demo --students 20000
          loaded 48 schools, 340 classes, 20000 pupils
          admin            system_admin      000000       xueji-demo-2026
          ...
        """
    static let valuedOptions: Set<String> = ["db", "students", "seed", "export", "school", "through"]
    static let switchOptions: Set<String> = ["if-missing", "attendance", "with-attendance"]

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard arguments.positional.isEmpty else { throw UsageError("demo takes no arguments") }
        let count = try arguments.int("students", default: 20_000, range: 1...2_000_000)
        let seed = try arguments.int("seed", default: 2026, range: 0...Int.max)
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        try Migrator().check(database)
        if let out = arguments.options["export"] {
            // New pupils for one school as an import file, instead of loading them.
            guard let code = SchoolCode(arguments.options["school"] ?? "4101029005") else { throw UsageError("--school must be a school code") }
            try DemoExport(database: database, clock: .system, reference: try ReferenceData.load(database))
                .write(pupils: count, school: code, seed: UInt64(seed), to: URL(fileURLWithPath: out))
            print("wrote \(count) new pupils of school \(code.rawValue) to \(out)")
            return .success
        }
        if arguments.switches.contains("attendance") {
            let tty = isatty(2) == 1
            var clock = Clock.system
            if let text = arguments.options["through"] {
                guard let through = CivilDate(text) else { throw UsageError("--through must be a date YYYY-MM-DD") }
                // "Yesterday" is the day given: the clock stands at noon of the day after, Beijing time.
                let ms = Int64(through.daysSinceEpoch + 1) * 86_400_000 + 4 * 3_600_000
                clock = Clock { ms }
            }
            let summary = try DemoAttendance(database: database, clock: clock).write(seed: UInt64(seed)) { done in
                if tty { FileHandle.standardError.write(Data("\rattendance: \(done) pupils".utf8)) }
            }
            if tty { FileHandle.standardError.write(Data("\n".utf8)) }
            print("wrote \(summary.schoolDays) school days of attendance for \(summary.pupils) pupils")
            let aid = try DemoAid(database: database, clock: clock).write(seed: UInt64(seed))
            print("approved \(aid.awards) aid awards for the term; recorded \(aid.payments) ledger payments for its past months")
            return .success
        }
        let loader = DemoLoader(database: database, clock: .system, reference: try ReferenceData.load(database))
        let tty = isatty(2) == 1
        let summary: DemoLoader.Summary
        do {
            summary = try loader.load(pupils: count, seed: UInt64(seed)) { done in
                if tty { FileHandle.standardError.write(Data("\rpupils: \(done)/\(count)".utf8)) }
            }
        } catch let e as XuejiCore.DomainError where e.code == "demo_loaded" && arguments.switches.contains("if-missing") {
            print("the demo data is already loaded")
            printLogins(DemoLoader.accounts)
            return .success
        }
        if tty { FileHandle.standardError.write(Data("\n".utf8)) }
        print("loaded \(summary.schools) schools, \(summary.classes) classes, \(summary.pupils) pupils")
        if arguments.switches.contains("with-attendance") {
            // The term so far and the county's review, so that a first look shows dropout alerts.
            let written = try DemoAttendance(database: database, clock: .system).write(seed: UInt64(seed))
            let review = try AttendanceService(database: database, clock: .system).scan(region: nil, day: nil, by: .commandLine)
            let aid = try DemoAid(database: database, clock: .system).write(seed: UInt64(seed))
            print("wrote \(written.schoolDays) school days of attendance; the review opened \(review.opened.values.reduce(0, +)) dropout-control alerts")
            print("approved \(aid.awards) aid awards for the term; recorded \(aid.payments) ledger payments for its past months")
        }
        printLogins(summary.accounts)
        return .success
    }

    static func printLogins(_ accounts: [(username: String, role: String, scope: String)]) {
        print("demo logins (password for all: \(DemoLoader.password)):")
        for a in accounts {
            print("  " + a.username.padding(toLength: 17, withPad: " ", startingAt: 0) + a.role.padding(toLength: 18, withPad: " ", startingAt: 0) + a.scope)
        }
    }
}
