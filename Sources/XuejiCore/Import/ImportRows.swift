/// A file's header row matched against the template.
public struct ImportHeader: Sendable {
    /// The template column of each file column (nil: unknown or known-unused).
    public let columns: [ImportTemplate.Column?]
    /// The headers as written in the file.
    public let written: [String]
    /// Headers that match nothing: reported once, not fatal.
    public let unknown: [String]
    /// Required template columns the file lacks.
    public let missing: [ImportTemplate.Column]

    public init(_ headers: [String]) {
        written = headers
        var columns: [ImportTemplate.Column?] = [], unknown: [String] = [], seen: Set<ImportTemplate.Column> = []
        for h in headers {
            let trimmed = h.trimmedBlanks
            if let column = ImportTemplate.column(forHeader: trimmed), !seen.contains(column) {
                columns.append(column)
                seen.insert(column)
            } else {
                columns.append(nil)
                if !trimmed.isEmpty && !ImportTemplate.knownUnused.contains(trimmed) { unknown.append(trimmed) }
            }
        }
        self.columns = columns
        self.unknown = unknown
        missing = ImportTemplate.columns.filter { $0.required && !seen.contains($0) }
    }

    /// The header, as written in the file, of a record field (`guardians[1].phone` → 成员2联系电话).
    public func header(forField field: String) -> String {
        var member: Int? = nil, name = field
        if field.hasPrefix("guardians["), let close = field.firstIndex(of: "]") {
            member = Int(field[field.index(field.startIndex, offsetBy: 10)..<close])
            name = String(field[field.index(after: close)...].drop(while: { $0 == "." }))
        }
        for (i, column) in columns.enumerated() {
            if let column, column.field == name, column.member == member { return written[i].trimmedBlanks }
        }
        if let column = ImportTemplate.columns.first(where: { $0.field == name && $0.member == member }) { return column.header }
        return field == "guardians" ? "成员1姓名" : field
    }
}

/// One row's cells turned into a draft, with the errors of cells that could not be read.
public enum ImportRows {
    public static func draft(_ cells: [String], header: ImportHeader, school: String) -> (draft: PupilDraft, errors: [FieldError]) {
        var draft = PupilDraft()
        draft["school"] = school
        var errors: [FieldError] = []
        var members: [[String: String]] = [[:], [:]]
        for (i, column) in header.columns.enumerated() {
            guard let column, i < cells.count else { continue }
            let raw = cells[i].trimmedBlanks
            let path = column.member.map { "guardians[\($0)].\(column.field)" } ?? column.field
            var value: String? = raw
            if !raw.isEmpty {
                switch column.kind {
                case .flag:
                    guard let b = CellParsing.flag(raw) else {
                        errors.append(error(path, header, "invalid_flag", zh: "应填“是”或“否”（或1/0）。", en: "Write 是/否 (or 1/0)."))
                        continue
                    }
                    if column.member == nil { draft.flags[column.field] = b; continue }
                    value = b ? "1" : "0"
                case .date:
                    guard let d = CellParsing.date(raw) else {
                        errors.append(error(path, header, "invalid_date", zh: "日期无法识别（如2019-05-01、20190501、2019/5/1、2019年5月1日）。",
                                            en: "Unreadable date (e.g. 2019-05-01, 20190501, 2019/5/1, 2019年5月1日)."))
                        continue
                    }
                    value = d.description
                case .month:
                    guard let d = CellParsing.month(raw) else {
                        errors.append(error(path, header, "invalid_date", zh: "入学年月无法识别（如2026-09或202609）。", en: "Unreadable entry month (e.g. 2026-09 or 202609)."))
                        continue
                    }
                    value = d.description
                case .grade:
                    guard let g = CellParsing.grade(raw) else {
                        errors.append(error(path, header, "invalid_grade", zh: "年级应为1–12或“三年级”“初一”“高二”等。", en: "A grade 1–12, or 三年级, 初一, 高二."))
                        continue
                    }
                    value = String(g)
                case .text, .code: break
                }
            } else if column.kind == .flag, column.member == nil {
                continue   // an empty yes/no cell leaves the record's default (no)
            }
            if let member = column.member {
                if let value, !value.isEmpty { members[member][column.field] = value }
            } else {
                draft[column.field] = value
            }
        }
        draft.guardians = members.filter { !$0.isEmpty }
        return (draft, errors)
    }

    static func error(_ field: String, _ header: ImportHeader, _ code: String, zh: String, en: String) -> FieldError {
        FieldError(field: header.header(forField: field), code: code, message: LocalizedText(zh: zh, en: en))
    }
}
