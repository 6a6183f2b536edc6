import XuejiCore

struct WorkflowsCommand: Command {
    static let name = "workflows"
    static let summary = "Print the change workflows as Markdown with Mermaid diagrams"
    static let help = """
        Usage: xueji workflows

        Prints docs/workflows.md: every change type's steps, generated from the definitions the
        workflow engine runs.

        Example:
          $ xueji workflows > docs/workflows.md
        """
    static let valuedOptions: Set<String> = []
    static let switchOptions: Set<String> = []

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard arguments.positional.isEmpty else { throw UsageError("workflows takes no arguments") }
        print(WorkflowDiagram.document(), terminator: "")
        return .success
    }
}
