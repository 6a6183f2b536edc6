import Foundation
import XuejiCore
import XuejiServices
import XuejiStore

struct UserCommand: Command {
    static let name = "user"
    static let summary = "Add an account (the first system administrator comes from here)"
    static let help = """
        Usage: xueji user add --username U --role ROLE --scope SCOPE --password-stdin [--if-missing] [--db URL]
               xueji user password --username U --password-stdin [--db URL]
               xueji user enable --username U [--db URL]
               xueji user disable --username U [--db URL]

        Creates an account. The password is read from standard input (one line), never from the
        command line, where other users of the machine could read it.

        `password` sets a new password read from standard input, ends the account's sessions and lifts
        its lockout. `enable` and `disable` act as the machine's operator: the way back in when every administrator is
        frozen after 90 days unused.

        Roles: system_admin (scope 000000), bureau_admin, bureau_reviewer, analyst (scope: a division
        code such as 110105), school_registrar, school_approver (scope: a 10-digit school code).

        Options:
          --username U        3–64 letters, digits, '.', '_' or '-'
          --role ROLE         one of the roles above
          --scope SCOPE       a division code or a school code
          --password-stdin    read the password from standard input (required)
          --if-missing        succeed without change when the username already exists
        \(databaseHelp)

        Example:
          $ echo 'a-long-passphrase' | xueji user add --username admin --role system_admin --scope 000000 --password-stdin
          created system_admin admin (scope 000000)
        """
    static let valuedOptions: Set<String> = ["db", "username", "role", "scope"]
    static let switchOptions: Set<String> = ["password-stdin", "if-missing"]

    static func run(_ arguments: Arguments) throws -> ExitCode {
        if arguments.positional == ["password"] {
            guard let username = arguments.options["username"] else { throw UsageError("user password needs --username") }
            guard arguments.switches.contains("password-stdin") else { throw UsageError("user password needs --password-stdin") }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw UsageError("no password on standard input") }
            let database = try databaseURL(arguments).open()
            defer { database.close() }
            try Migrator().check(database)
            try AccountService(database: database, clock: .system).resetPassword(username: username, password: line, by: .commandLine)
            print("new password set for \(username)")
            return .success
        }
        if arguments.positional == ["enable"] || arguments.positional == ["disable"] {
            guard let username = arguments.options["username"] else { throw UsageError("user \(arguments.positional[0]) needs --username") }
            let database = try databaseURL(arguments).open()
            defer { database.close() }
            try Migrator().check(database)
            let enabled = arguments.positional == ["enable"]
            _ = try AccountService(database: database, clock: .system).setEnabled(username, enabled: enabled, by: .commandLine)
            print("\(enabled ? "enabled" : "disabled") \(username)")
            return .success
        }
        guard arguments.positional == ["add"] else { throw UsageError("user commands are add, password, enable and disable") }
        guard let username = arguments.options["username"], let role = arguments.options["role"], let scope = arguments.options["scope"] else {
            throw UsageError("user add needs --username, --role and --scope")
        }
        guard arguments.switches.contains("password-stdin") else { throw UsageError("user add needs --password-stdin (the password is read from standard input)") }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw UsageError("no password on standard input") }
        let database = try databaseURL(arguments).open()
        defer { database.close() }
        try Migrator().check(database)
        let service = AccountService(database: database, clock: .system)
        do {
            let account = try service.create(AccountDraft(username: username, password: line, role: role, scope: scope), by: nil)
            print("created \(account.role.rawValue) \(account.username) (scope \(account.scope))")
        } catch let error as DomainError where error.code == "username_taken" && arguments.switches.contains("if-missing") {
            print("\(username) already exists; unchanged")
        }
        return .success
    }
}
