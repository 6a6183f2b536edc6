import Foundation
import XuejiCore
import XuejiStore

/// `xueji <command> [options]`: the registry's command line (API.md "Command line").
let commands: [any Command.Type] = [ServeCommand.self, MigrateCommand.self, UserCommand.self, DemoCommand.self, AuditCommand.self, IdentityCommand.self, WorkflowsCommand.self, CalendarCommand.self, ImportCommand.self, PromoteCommand.self, GraduateCommand.self, BatchCommand.self, ExportCommand.self, TemplateCommand.self, AlertsCommand.self, ReportCommand.self]

@MainActor func usage() -> String {
    var text = "Usage: xueji <command> [options]\n\nCommands:\n"
    for command in commands { text += "  " + command.name.padding(toLength: 10, withPad: " ", startingAt: 0) + command.summary + "\n" }
    text += "\nRun `xueji <command> --help` for a command's options."
    return text
}

func fail(_ message: String, _ code: ExitCode) -> Never {
    FileHandle.standardError.write(Data(("xueji: " + message + "\n").utf8))
    exit(code.rawValue)
}

let words = Array(CommandLine.arguments.dropFirst())
guard let first = words.first else { print(usage()); exit(ExitCode.usage.rawValue) }
if first == "--help" || first == "-h" || first == "help" { print(usage()); exit(0) }
guard let command = commands.first(where: { $0.name == first }) else {
    fail("unknown command '\(first)'\n\n" + usage(), .usage)
}
do {
    let arguments = try Arguments(Array(words.dropFirst()), valued: command.valuedOptions, switches: command.switchOptions.union(["help"]))
    if arguments.switches.contains("help") { print(command.help); exit(0) }
    exit(try command.run(arguments).rawValue)
} catch let error as UsageError {
    fail("\(error.message)\nRun `xueji \(command.name) --help` for usage.", .usage)
} catch let error as DatabaseError {
    switch error.code {
    case .unavailable, .notADatabase, .readOnly: fail(error.message, .unavailable)
    case .schemaOutdated: fail(error.message, .configuration)
    default: fail("database error: \(error.message)", .failure)
    }
} catch let error as DomainError {
    let details = error.fieldErrors.map { "  \($0.field): \($0.message.en) (\($0.code))" }.joined(separator: "\n")
    fail("\(error.message.en) [\(error.code)]" + (details.isEmpty ? "" : "\n" + details), error.kind == .invalid ? .dataError : .failure)
} catch {
    fail("\(error)", .failure)
}
