import Foundation
import Testing
import XuejiTestSupport

/// The command line's answers to mistakes: a clear message on stderr and an exit code scripts trust.
struct CommandLineTests {
    @Test func unknownCommandsAndFlagsAreUsageErrors() throws {
        let unknown = try ServerProcess.run(["frobnicate"])
        #expect(unknown.status == 64 && unknown.stderr.contains("unknown command 'frobnicate'"))
        let flag = try ServerProcess.run(["migrate", "--colour"])
        #expect(flag.status == 64 && flag.stderr.contains("unknown option --colour"))
        let port = try ServerProcess.run(["serve", "--port", "http"])
        #expect(port.status == 64 && port.stderr.contains("--port"))
        let db = try ServerProcess.run(["migrate", "--db", "mysql://x"])
        #expect(db.status == 64 && db.stderr.contains("--db must be"))
    }

    @Test(arguments: Engine.available)
    func calendarImportAddsAYearOrNothing(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        let directory = FileManager.default.temporaryDirectory
        let good = directory.appendingPathComponent("calendar-\(UUID().uuidString).csv"), bad = directory.appendingPathComponent("calendar-\(UUID().uuidString).csv")
        try "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n2027-02-20,workday,春节调休\n".write(to: good, atomically: true, encoding: .utf8)
        try "date,kind,name\n2027-10-01,holiday,国庆节\n2027-13-01,holiday,?\n".write(to: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: good); try? FileManager.default.removeItem(at: bad) }
        let imported = try ServerProcess.run(["calendar", "import", good.path, "--db", test.url.rawValue])
        #expect(imported.status == 0 && imported.stdout.contains("imported 3 days"), "\(imported.stderr)")
        let refused = try ServerProcess.run(["calendar", "import", bad.path, "--db", test.url.rawValue])
        #expect(refused.status == 65 && refused.stderr.contains("line 3"))
        let days = try test.database.read { try $0.query("SELECT day, kind FROM calendar_days WHERE day >= '2027-01-01' ORDER BY day", []) }
        #expect(days.map { $0[0].string ?? "" } == ["2027-01-01", "2027-02-06", "2027-02-20"])   // nothing of the bad file
        #expect(try test.database.read { try $0.query("SELECT COUNT(*) FROM calendar_days WHERE day LIKE '2026-%'", []) }.first?[0].int64 ?? 0 > 20)
    }

    @Test(arguments: ["serve", "migrate", "user", "calendar", "report"])
    func everyCommandHasHelp(_ command: String) throws {
        let help = try ServerProcess.run([command, "--help"])
        #expect(help.status == 0 && help.stdout.contains("Usage: xueji \(command)"))
    }

    /// The reports on the command line are the API's: the same catalogue, the same checks.
    @Test(arguments: Engine.available)
    func reportsAreOnTheCommandLine(_ engine: Engine) throws {
        let test = try TestDatabase(engine)
        let school = try ServerProcess.run(["report", "class-sizes", "--level", "school", "--db", test.url.rawValue])
        #expect(school.status == 0 && school.stdout.contains("班额") && school.stdout.contains("up_to_45,46_55,56_65,66_plus"), "\(school.stdout)\(school.stderr)")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: out) }
        let file = try ServerProcess.run(["report", "funding", "--term", "2026-1", "--out", out.path, "--db", test.url.rawValue])
        #expect(file.status == 0 && (try? Data(contentsOf: out))?.starts(with: [0x50, 0x4B]) == true, "\(file.stderr)")
        let badMonth = try ServerProcess.run(["report", "meal-claims", "--month", "2026-13", "--db", test.url.rawValue])
        #expect(badMonth.status == 65 && badMonth.stderr.contains("month"))
        let badTerm = try ServerProcess.run(["report", "funding", "--term", "2026-3", "--db", test.url.rawValue])
        #expect(badTerm.status == 65 && badTerm.stderr.contains("term"))
        #expect(try ServerProcess.run(["report", "nope", "--db", test.url.rawValue]).status == 64)
        #expect(try ServerProcess.run(["report", "--db", test.url.rawValue]).status == 64)
    }

    @Test(arguments: Engine.available)
    func migratingTwiceIsANoOp(_ engine: Engine) throws {
        let test = try TestDatabase(engine, migrate: false)
        let first = try ServerProcess.run(["migrate", "--db", test.url.rawValue])
        #expect(first.status == 0 && first.stdout.contains("applied 19 migrations"))
        let second = try ServerProcess.run(["migrate", "--db", test.url.rawValue])
        #expect(second.status == 0 && second.stdout.contains("up to date"))
    }

    @Test func serveRefusesAnUnmigratedDatabase() throws {
        let test = try TestDatabase(.sqlite, migrate: false)
        let serve = try ServerProcess.run(["serve", "--port", "0", "--db", test.url.rawValue])
        #expect(serve.status == 78 && serve.stderr.contains("xueji migrate"))
    }

    @Test func serveRefusesAFileThatIsNotSQLite() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xueji-cli-\(UUID().uuidString).sqlite").path
        try String(repeating: "姓名,性别\n", count: 500).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let serve = try ServerProcess.run(["serve", "--port", "0", "--db", "sqlite:" + path])
        #expect(serve.status == 69 && serve.stderr.contains("is not a SQLite database"))
    }

    @Test func serveRefusesAReadOnlyDatabase() throws {
        let test = try TestDatabase(.sqlite)
        guard case .sqlite(let path) = test.url else { return }
        test.database.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let serve = try ServerProcess.run(["serve", "--port", "0", "--db", test.url.rawValue])
        #expect(serve.status == 69 && serve.stderr.contains("read-only"))
    }

    @Test func anUnreachablePostgresIsReportedWithinSeconds() throws {
        let started = Date()
        let migrate = try ServerProcess.run(["migrate", "--db", "postgres://xueji@127.0.0.1:1/xueji"])
        #expect(migrate.status == 69 && migrate.stderr.contains("cannot connect to PostgreSQL"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func userAddReadsThePasswordFromStandardInput() throws {
        let test = try TestDatabase(.sqlite)
        let db = test.url.rawValue
        let add = ["user", "add", "--username", "admin", "--role", "system_admin", "--scope", "000000", "--password-stdin", "--db", db]
        let first = try ServerProcess.run(add, input: "a-long-enough-password\n")
        #expect(first.status == 0 && first.stdout.contains("created system_admin admin"))
        let again = try ServerProcess.run(add, input: "a-long-enough-password\n")
        #expect(again.status == 1 && again.stderr.contains("username_taken"))
        let tolerant = try ServerProcess.run(add + ["--if-missing"], input: "a-long-enough-password\n")
        #expect(tolerant.status == 0)
        let short = try ServerProcess.run(["user", "add", "--username", "b", "--role", "analyst", "--scope", "410000", "--password-stdin", "--db", db], input: "short\n")
        #expect(short.status == 65 && short.stderr.contains("password"))
        let noStdin = try ServerProcess.run(["user", "add", "--username", "c", "--role", "analyst", "--scope", "410000", "--db", db])
        #expect(noStdin.status == 64)
        let reset = try ServerProcess.run(["user", "password", "--username", "admin", "--password-stdin", "--db", db], input: "another-long-password\n")
        #expect(reset.status == 0 && reset.stdout.contains("new password set for admin"))
        let weak = try ServerProcess.run(["user", "password", "--username", "admin", "--password-stdin", "--db", db], input: "password123\n")
        #expect(weak.status == 65)
        let nobody = try ServerProcess.run(["user", "password", "--username", "nobody", "--password-stdin", "--db", db], input: "another-long-password\n")
        #expect(nobody.status == 1)
    }
}
