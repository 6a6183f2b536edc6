import CXLSXWriter
import Foundation
import XuejiCore

/// An XLSX file written with libxlsxwriter in constant-memory mode: rows go to disk as they are
/// written, so a sheet of a million rows costs no more memory than one row. Rows must be written in
/// order; column widths are set before the first row.
final class XLSXWriter {
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var sheet: UnsafeMutablePointer<lxw_worksheet>?
    private let bold: UnsafeMutablePointer<lxw_format>?
    private var row: UInt32 = 0

    init(path: String) throws {
        var options = lxw_workbook_options()
        options.constant_memory = UInt8(LXW_TRUE.rawValue)
        guard let workbook = workbook_new_opt(path, &options) else {
            throw DomainError(.invalid, code: "export_failed", message: LocalizedText(zh: "无法创建 XLSX 文件。", en: "Cannot create the XLSX file."))
        }
        self.workbook = workbook
        bold = workbook_add_format(workbook)
        if let bold { format_set_bold(bold) }
    }

    /// Starts a sheet: `notes` lines first (who exported it, why), then the header row in bold,
    /// frozen, with the given column widths (characters).
    func sheet(_ name: String, notes: [String] = [], header: [String], widths: [Double]) {
        sheet = workbook_add_worksheet(workbook, name)
        row = 0
        guard let sheet else { return }
        for (i, w) in widths.enumerated() { worksheet_set_column(sheet, UInt16(i), UInt16(i), w, nil) }
        worksheet_freeze_panes(sheet, UInt32(notes.count + 1), 0)
        for note in notes { worksheet_write_string(sheet, row, 0, note, nil); row += 1 }
        for (i, h) in header.enumerated() { worksheet_write_string(sheet, row, UInt16(i), h, bold) }
        row += 1
    }

    /// A row of text cells (text, not numbers, so ID numbers and codes keep their leading zeros).
    func write(_ cells: [String]) {
        guard let sheet else { return }
        for (i, c) in cells.enumerated() where !c.isEmpty { worksheet_write_string(sheet, row, UInt16(i), c, nil) }
        row += 1
    }

    /// A row of a report: whole numbers as numbers (so a spreadsheet can sum them), the rest as text.
    func writeFigures(_ cells: [String]) {
        guard let sheet else { return }
        for (i, c) in cells.enumerated() where !c.isEmpty {
            if let n = Int(c) { worksheet_write_number(sheet, row, UInt16(i), Double(n), nil) } else { worksheet_write_string(sheet, row, UInt16(i), c, nil) }
        }
        row += 1
    }

    func close() throws {
        let rc = workbook_close(workbook)
        guard rc == LXW_NO_ERROR else {
            throw DomainError(.invalid, code: "export_failed", message: LocalizedText(zh: "写入 XLSX 文件失败。", en: "Writing the XLSX file failed."))
        }
    }
}
