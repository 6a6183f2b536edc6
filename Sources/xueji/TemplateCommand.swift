import Foundation
import XuejiServices

struct TemplateCommand: Command {
    static let name = "template"
    static let summary = "Write the national import template as an XLSX file"
    static let help = """
        Usage: xueji template --out FILE.xlsx

        The first sheet has the template's header row (姓名, 性别, … 成员2工作单位); the second lists
        every code table with its codes and labels. Fill the first sheet and `xueji import` it.
        """
    static let valuedOptions: Set<String> = ["out"]
    static let switchOptions: Set<String> = []

    static func run(_ arguments: Arguments) throws -> ExitCode {
        guard let out = arguments.options["out"] else { throw UsageError("--out FILE.xlsx is required") }
        try TemplateService.write(to: URL(fileURLWithPath: out))
        print("wrote the import template to \(out)")
        return .success
    }
}
