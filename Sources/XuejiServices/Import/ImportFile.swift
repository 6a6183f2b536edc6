import Foundation
import XuejiCore

/// An import file opened for reading: its kind and encoding checked, its header row matched against
/// the template. Rows are read by streaming, as often as the import needs to pass over them.
final class ImportFile {
    /// The largest import file: 256 MiB, about a million pupils in the national template (one
    /// province's whole intake fits one file; a bigger file is more likely a mistake than a need).
    static let maxBytes = 256 << 20

    let url: URL
    let size: Int
    let encoding: TextEncoding
    let bom: Bool
    let header: ImportHeader

    /// The workbook and sheet, for an XLSX file (nil for CSV).
    private let workbook: (reader: XLSXReader, sheet: String?)?

    /// `template`: the header must be the national template's (an import); other lists (a household
    /// list) name their own columns and are read as they come.
    init(url: URL, encoding forced: TextEncoding? = nil, sheet: String? = nil, template: Bool = true) throws {
        self.url = url
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        size = (attributes?[.size] as? Int) ?? 0
        guard size > 0 else { throw Self.refusal("empty_file", zh: "文件为空。", en: "The file is empty.") }
        guard size <= Self.maxBytes else {
            throw Self.refusal("file_too_large", zh: "文件超过256 MB（约100万名学生），请拆分后导入。",
                               en: "The file exceeds 256 MB (about a million pupils); split it and import the parts.")
        }
        let handle = try FileHandle(forReadingFrom: url)
        let sample = [UInt8](try handle.read(upToCount: 64 << 10) ?? Data())
        try? handle.close()
        if sample.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // XLSX: a zip of XML; the cells are already text, so there is no encoding to detect.
            let reader = try XLSXReader(path: url.path)
            _ = try reader.target(sheet: sheet)
            var first: [String]? = nil
            try reader.forEachRow(sheet: sheet) { cells in
                if cells.allSatisfy({ $0.trimmedBlanks.isEmpty }) { return true }
                first = cells
                return false
            }
            guard let first else { throw Self.refusal("empty_file", zh: "文件为空。", en: "The file is empty.") }
            workbook = (reader, sheet)
            encoding = .utf8
            bom = false
            header = ImportHeader(first)
            if template { try Self.checkHeader(header) }
            return
        }
        if sheet != nil {
            throw Self.refusal("not_a_workbook", zh: "只有 XLSX 文件才有工作表。", en: "Only an XLSX file has sheets.")
        }
        workbook = nil
        if sample.contains(0) || sample.starts(with: Array("%PDF".utf8)) || sample.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw Self.refusal("unsupported_file_type", zh: "文件既不是 CSV 也不是 XLSX。", en: "The file is neither CSV nor XLSX.")
        }
        if let forced {
            encoding = forced
            bom = sample.starts(with: [0xEF, 0xBB, 0xBF])
        } else {
            guard let detected = TextEncoding.detect(sample) else {
                throw Self.refusal("mixed_encoding", zh: "文件以 UTF-8 标记开头，内容却不是 UTF-8（可能混有 GB18030），请统一编码后再导入。",
                                   en: "The file starts with a UTF-8 byte-order mark but is not UTF-8 (GB18030 mixed in?); save it in one encoding.")
            }
            (encoding, bom) = detected
        }
        var headers: [String]? = nil
        let decoder = try FieldDecoder(encoding)
        try CSVReader(url: url, skipBOM: bom).forEachRecord { fields, _ in
            headers = fields.map { decoder.decode($0) ?? "" }
            return false
        }
        guard let headers else { throw Self.refusal("empty_file", zh: "文件为空。", en: "The file is empty.") }
        header = ImportHeader(headers)
        if template { try Self.checkHeader(header) }
    }

    /// For a list that names its own columns: the first column whose header is one of `names`
    /// (blanks trimmed), or a `missing_column` refusal naming `label`.
    func column(_ names: Set<String>, label: String) throws -> Int {
        guard let i = header.written.firstIndex(where: { names.contains($0.trimmedBlanks) }) else {
            throw DomainError(.invalid, code: "missing_column", message: LocalizedText(zh: "文件缺少“\(label)”列。", en: "The file has no \(label) column."))
        }
        return i
    }

    /// The same, for a column a list may leave out.
    func optionalColumn(_ names: Set<String>) -> Int? { header.written.firstIndex { names.contains($0.trimmedBlanks) } }

    static func checkHeader(_ header: ImportHeader) throws {
        if header.columns.allSatisfy({ $0 == nil }) {
            throw Self.refusal("no_template_columns", zh: "第一行不是导入模板的表头（如 姓名、性别、出生日期）。",
                               en: "The first row is not the template's header (姓名, 性别, 出生日期, …).")
        }
        if !header.missing.isEmpty {
            let names = header.missing.map(\.header).joined(separator: "、")
            throw DomainError(.invalid, code: "missing_columns", message: LocalizedText(zh: "缺少必需的列：\(names)。", en: "Required columns are missing: \(names)."),
                              fieldErrors: header.missing.map { FieldError(field: $0.header, code: "missing_column", message: LocalizedText(zh: "缺少此列。", en: "Column missing.")) })
        }
    }

    /// Each data row (numbered from 1, the row after the header), its cells decoded, with the
    /// columns whose bytes are not valid in the file's encoding; `body` returns false to stop.
    func forEachRow(_ body: (_ row: Int, _ cells: [String], _ undecodable: [Int], _ bytesRead: Int) throws -> Bool) throws {
        if let workbook {
            // Data rows are numbered from the first non-empty row after the header; blank rows are skipped.
            var seenHeader = false, row = 0
            try withoutActuallyEscaping(body) { body in
                try workbook.reader.forEachRow(sheet: workbook.sheet) { cells in
                    if cells.allSatisfy({ $0.trimmedBlanks.isEmpty }) { return true }
                    if !seenHeader { seenHeader = true; return true }
                    row += 1
                    return try body(row, cells, [], 0)
                }
            }
            return
        }
        let decoder = try FieldDecoder(encoding)
        var row = -1
        try CSVReader(url: url, skipBOM: bom).forEachRecord { fields, read in
            row += 1
            if row == 0 { return true }
            var cells: [String] = [], bad: [Int] = []
            cells.reserveCapacity(fields.count)
            for (i, f) in fields.enumerated() {
                if let text = decoder.decode(f) { cells.append(text) } else { cells.append(""); bad.append(i) }
            }
            return try body(row, cells, bad, read)
        }
    }

    static func refusal(_ code: String, zh: String, en: String) -> DomainError {
        DomainError(.invalid, code: code, message: LocalizedText(zh: zh, en: en))
    }
}
