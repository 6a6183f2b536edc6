import Foundation
import XuejiCore

/// The national import template as an XLSX file (issue 6): the header row of `ImportTemplate` on the
/// first sheet, and every code table with its codes and labels on the second, so a registrar can
/// fill it in Excel or WPS and import it as it is.
public enum TemplateService {
    public static func write(to url: URL) throws {
        let writer = try XLSXWriter(path: url.path)
        let headers = ImportTemplate.columns.map(\.header)
        writer.sheet("学生基础信息", header: headers, widths: headers.map { Double(max(8, $0.count * 2 + 2)) })
        writer.sheet("代码表", header: ["代码表 table", "代码 code", "名称", "label"], widths: [16, 10, 24, 28])
        for (name, table) in CodeTables.all.sorted(by: { $0.key < $1.key }) {
            for entry in table.entries { writer.write([name, entry.code, entry.label.zh, entry.label.en]) }
        }
        try writer.close()
    }
}
