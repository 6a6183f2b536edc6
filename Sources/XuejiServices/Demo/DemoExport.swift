import Foundation
import XuejiCore
import XuejiStore

/// Synthetic new pupils for one school written as an import file in the national template (for the
/// import benchmark and for trying the import): the same generator as `xueji demo`, so every row is
/// valid, in CSV (UTF-8 with BOM).
public struct DemoExport: Sendable {
    let database: any Database
    let clock: Clock
    let reference: ReferenceData

    public init(database: any Database, clock: Clock, reference: ReferenceData) {
        self.database = database
        self.clock = clock
        self.reference = reference
    }

    public func write(pupils count: Int, school code: SchoolCode, seed: UInt64, to url: URL) throws {
        guard let school = try database.read({ try SchoolRepository($0).get(code) }) else {
            throw DomainError.notFound(LocalizedText(zh: "该学校", en: "school"))
        }
        let classes = try database.read { try ClassRepository($0).list(school: code) }
        guard !classes.isEmpty else { throw DomainError.notFound(LocalizedText(zh: "该校班级", en: "class of the school")) }
        let today = clock.today
        let schoolYear = SchoolTerm.stockDate(today).year
        var random = SeededRandom(seed: seed)
        var sequence: [String: Int] = [:]
        let columns = ImportTemplate.columns
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let out = try FileHandle(forWritingTo: url)
        defer { try? out.close() }
        var buffer: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((columns.map(\.header).joined(separator: ",") + "\r\n").utf8)
        for i in 0..<count {
            let c = classes[i % classes.count]
            let d = DemoPupil.draft(school: school, grade: c.grade, className: c.name, schoolYear: schoolYear, history: reference.history,
                                    // Serials from 500 up, clear of the loaded demo's, so the rows are new people.
                                    sequence: &sequence, firstSequence: 200, using: &random)
            let cells = columns.map { column -> String in
                if let member = column.member {
                    guard member < d.guardians.count else { return "" }
                    let v = d.guardians[member][column.field] ?? ""
                    return column.kind == .flag ? (v == "1" ? "是" : "否") : v
                }
                if column.kind == .flag { return (d.flags[column.field] ?? false) ? "是" : "否" }
                return d[column.field] ?? ""
            }
            buffer += Array((cells.map(ImportService.csvField).joined(separator: ",") + "\r\n").utf8)
            if buffer.count > 1 << 20 { out.write(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
        }
        out.write(Data(buffer))
    }
}
