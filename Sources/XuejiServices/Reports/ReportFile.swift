import Foundation
import XuejiCore

/// A report table as a CSV or XLSX file: a title line, the header, one line per row with its total,
/// and the totals line. Hidden cells read "<5", so nobody mistakes them for zero.
public enum ReportFile {
    public enum Format: String, Sendable { case csv, xlsx }

    public static func lines(_ table: StatisticsService.Table, rowHeader: String) -> [[String]] {
        let figure = { (value: Int?) in value.map(String.init) ?? "<\(SmallCellSuppression.threshold)" }
        let totals = table.additiveRows
        var lines = [[rowHeader] + table.columnLabels + (totals ? ["合计 total"] : [])]
        for (i, label) in table.rowLabels.enumerated() {
            lines.append([label] + table.cells[i].map(figure) + (totals ? [figure(table.rowTotals[i])] : []))
        }
        lines.append(["合计 total"] + table.columnTotals.map(figure) + (totals ? [figure(table.total)] : []))
        return lines
    }

    public static func bytes(_ table: StatisticsService.Table, title: String, rowHeader: String, format: Format) throws -> [UInt8] {
        let lines = lines(table, rowHeader: rowHeader)
        switch format {
        case .csv:
            let text = ([[title]] + lines).map { $0.map(ImportService.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
            return [0xEF, 0xBB, 0xBF] + Array(text.utf8)   // the BOM makes Excel read UTF-8
        case .xlsx:
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("xueji-report-\(UUID().uuidString).xlsx")
            defer { try? FileManager.default.removeItem(at: url) }
            let writer = try XLSXWriter(path: url.path)
            writer.sheet("report", notes: [title], header: lines[0], widths: lines[0].map { _ in 12 })
            for line in lines.dropFirst() { writer.writeFigures(line) }
            try writer.close()
            return [UInt8](try Data(contentsOf: url))
        }
    }
}
