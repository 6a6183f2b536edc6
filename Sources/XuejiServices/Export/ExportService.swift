import Foundation
import XuejiCore
import XuejiStore

/// Exports of a pupil list (issue 6, issue 4 "Personal data"): CSV (UTF-8 with BOM, or GB18030) or
/// XLSX, masked by default. Every export needs a reason, names its exporter in the file and is
/// audited; full ID and phone numbers only for the pupils' own school roles (and the command line).
public struct ExportService: Sendable {
    public enum Format: String, Sendable { case csv, xlsx }

    let database: any Database
    let clock: Clock
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    static let header = ["全国学籍号", "姓名", "性别", "出生日期", "身份证件类型", "身份证件号", "民族", "学校标识码", "学校名称",
                         "年级", "班级", "学籍状态", "核准状态", "联系电话"]
    static let widths: [Double] = [22, 10, 6, 12, 8, 22, 6, 13, 24, 6, 12, 10, 10, 14]

    /// Writes the file to `url` and returns how many pupils it holds.
    public func export(_ filter: PupilFilter, format: Format, full: Bool, reason: String, encoding: TextEncoding = .utf8,
                       by actor: Actor, to url: URL) throws -> Int {
        guard actor.role != .analyst else { throw DomainError.forbidden }
        let why = reason.trimmedBlanks
        guard !why.isEmpty, why.count <= 200 else {
            throw DomainError.validation([FieldError(field: "reason", code: "reason_required",
                                                     message: LocalizedText(zh: "导出学生个人信息须填写用途（200字以内）。", en: "Exporting pupils' personal data needs a reason (at most 200 characters)."))])
        }
        if full && ![.schoolRegistrar, .schoolApprover, .systemAdmin].contains(actor.role) {
            throw DomainError(.forbidden, code: "full_export_not_allowed",
                              message: LocalizedText(zh: "只有学生所在学校可导出完整证件号和电话。", en: "Only the pupils' own school may export full ID and phone numbers."))
        }
        let now = clock.now()
        let note = "导出人：\(actor.username)；时间：\(clock.today)；用途：\(why)；\(full ? "含完整证件号与电话" : "证件号与电话已脱敏")"
        var count = 0
        let rows = { (body: ([String]) throws -> Void) throws in
            var after: String? = nil
            repeat {
                let page = try database.read { try PupilRepository($0).list(filter, scope: ScopeFilter(actor.scope), after: after, limit: 1000) }
                for p in page.items {
                    let view = PupilView(pupil: p, unmasked: full), r = p.record
                    try body([p.number.rawValue, r.name, CodeTables.sex.label(r.sex)?.zh ?? r.sex, r.birthDate.description, r.idType,
                              view.idNumber ?? "", CodeTables.ethnicity.label(r.ethnicity)?.zh ?? r.ethnicity, r.school.rawValue, p.schoolName,
                              String(r.grade), r.className, p.status.rawValue, p.approval, view.phone])
                    count += 1
                }
                after = page.nextKey
            } while after != nil
        }
        switch format {
        case .xlsx:
            let writer = try XLSXWriter(path: url.path)
            writer.sheet("学生名单", notes: [note], header: Self.header, widths: Self.widths)
            try rows { writer.write($0) }
            try writer.close()
        case .csv:
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let out = try FileHandle(forWritingTo: url)
            defer { try? out.close() }
            var buffer: [UInt8] = encoding == .utf8 ? [0xEF, 0xBB, 0xBF] : []
            func line(_ cells: [String]) throws {
                let text = cells.map(ImportService.csvField).joined(separator: ",") + "\r\n"
                if encoding == .gb18030 {
                    guard let bytes = encodeGB18030(text) else { throw DomainError.busy }
                    buffer += bytes
                } else {
                    buffer += Array(text.utf8)
                }
                if buffer.count > 1 << 20 { out.write(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
            }
            try line([note])
            try line(Self.header)
            try rows { try line($0) }
            out.write(Data(buffer))
        }
        try database.write { connection in
            try audit.record(connection, actor: actor, action: full ? "pupil.export_full" : "pupil.export", subject: filter.description,
                             after: "{\"count\":\(count),\"format\":\"\(format.rawValue)\",\"reason\":\(Self.jsonString(why))}", now: now)
        }
        return count
    }

    static func jsonString(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s], options: [])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}

extension PupilFilter {
    /// The filter as text for the audit log (codes only, no names).
    var description: String {
        [school.map { "school=\($0.rawValue)" }, regionPrefix.map { "region=\($0)" }, grade.map { "grade=\($0)" },
         status.map { "status=\($0.rawValue)" }, approval.map { "approval=\($0)" }].compactMap { $0 }.joined(separator: "&")
    }
}
