import Foundation
import XuejiCore
import XuejiStore

/// One error of one row: the row (1 = first data row), the column header as written in the file.
public struct ImportRowError: Sendable {
    public let row: Int
    public let column: String
    public let code: String
    public let message: LocalizedText
}

public struct ImportReport: Sendable {
    public var rows = 0
    public var accepted = 0
    public var rejected = 0
    /// Every error of every row (capped at `ImportService.maxReportedErrors`; `rejected` counts all rows).
    public var errors: [ImportRowError] = []
    public var unknownColumns: [String] = []
    public var encoding = "utf-8"
    /// The sheet read, for an XLSX file (nil: the first).
    public var sheet: String? = nil
    /// Whether rows were written (false for a dry run, and for `strict` with any error).
    public var committed = false
    public var batch: String? = nil
    /// The numbers of the rows that failed, for the error file.
    public var badRows: Set<Int> = []

    public init() {}
}

/// Imports new pupils from a file in the national template (issue 6): every row through the same
/// checks as a single registration (`PupilRules`), duplicates inside the file and against the
/// registry, then the good rows in one transaction as one batch. The file is read twice, streaming
/// (check, then write), so memory does not grow with it; a process killed during the write leaves
/// no row of the import, because there is only one transaction.
public struct ImportService: Sendable {
    public enum Mode: String, Sendable { case validate, commit }

    let database: any Database
    let clock: Clock
    let reference: ReferenceData
    let audit = AuditTrail()
    public static let maxReportedErrors = 100_000

    public init(database: any Database, clock: Clock, reference: ReferenceData) {
        self.database = database
        self.clock = clock
        self.reference = reference
    }

    /// `progress(phase, rows done, fraction of the file read)`, called every 1,000 rows.
    public func run(_ url: URL, school code: String, mode: Mode, strict: Bool, encoding: TextEncoding? = nil, sheet: String? = nil, by actor: Actor,
                    progress: (String, Int, Double) -> Void = { _, _, _ in }) throws -> ImportReport {
        let school = try school(code, for: actor)
        let file = try ImportFile(url: url, encoding: encoding, sheet: sheet)
        var report = ImportReport()
        report.sheet = sheet
        report.unknownColumns = file.header.unknown
        report.encoding = file.encoding.rawValue
        let today = clock.today, rules = reference.rules(today: today)
        let classes = try database.read { c in
            try ClassRepository(c).list(school: school.code)
        }
        let classNames = Set(classes.map { "\($0.grade)|\($0.name)" })

        // Pass 1: check every row. Rows that pass are looked up in the registry 500 at a time (one
        // query instead of one round trip each), then counted as accepted or rejected.
        var seen: [String: Int] = [:], pending: [(row: Int, key: String)] = []
        let idColumn = file.header.header(forField: "id_number")
        func reject(_ row: Int, _ errors: [CellError]) {
            report.rejected += 1
            report.badRows.insert(row)
            for e in errors where report.errors.count < Self.maxReportedErrors {
                report.errors.append(ImportRowError(row: row, column: e.column, code: e.code, message: e.message))
            }
        }
        // One read transaction for the whole check: one snapshot, one lock.
        try database.read { connection in
            let pupils = PupilRepository(connection)
            func lookUp() throws {
                let holders = try pupils.holders(of: pending.map(\.key))
                for p in pending {
                    if let holder = holders[p.key] {
                        reject(p.row, [error(p.row, idColumn, "duplicate_identity", zh: "该证件号已有学籍（一人一籍）：\(holder.number)，\(holder.schoolName)。",
                                             en: "This identity is already registered: \(holder.number) at \(holder.schoolName).")])
                    } else {
                        report.accepted += 1
                    }
                }
                pending.removeAll(keepingCapacity: true)
            }
            try file.forEachRow { row, cells, undecodable, read in
                report.rows += 1
                var errors = check(cells, undecodable: undecodable, file: file, school: school, rules: rules, classNames: classNames)
                var key: String? = nil
                if errors.isEmpty, let k = identityKey(cells, file: file) {
                    if let first = seen[k] {
                        errors.append(error(row, idColumn, "duplicate_in_file", zh: "与第\(first)行的证件号重复。", en: "Same ID number as row \(first)."))
                    } else {
                        seen[k] = row
                        key = k
                    }
                }
                if !errors.isEmpty { reject(row, errors) }
                else if let key { pending.append((row, key)); if pending.count == 500 { try lookUp() } }
                else { report.accepted += 1 }
                if report.rows % 1000 == 0 { progress("check", report.rows, Double(read) / Double(file.size)) }
                return true
            }
            try lookUp()
        }
        report.errors.sort { $0.row < $1.row }
        progress("check", report.rows, 1)
        guard report.rows > 0 else {
            throw ImportFile.refusal("no_rows", zh: "文件只有表头，没有数据行。", en: "The file has a header but no rows.")
        }
        guard mode == .commit, report.accepted > 0, !(strict && report.rejected > 0) else { return report }

        // Pass 2: write the good rows in one transaction, as one batch.
        let now = clock.now(), province = school.region.province
        let due = { (entry: CivilDate) in ProvinceSettings.forProvince(province).registrationDue(entry: entry) }
        let batchID = "B" + Crypto.randomToken(bytes: 9)
        let bad = report.badRows, total = report.accepted
        try database.write { connection in
            let pupils = PupilRepository(connection), batches = BatchRepository(connection)
            let batch = try batches.insert(publicID: batchID, kind: "import", schoolYear: nil, scope: school.code.rawValue, by: actor.userID, now: now)
            guard let schoolID = try ChangeRepository(connection).schoolID(school.code) else { throw DomainError.busy }
            var classIDs: [String: Int64] = [:], written = 0, drawn: Set<String> = [], chunk: [NewPupil] = []
            // Pupils go in chunks of 1,000 through `insertMany` (one bulk statement per table).
            func flush() throws {
                let ids = try pupils.insertMany(chunk, now: now)
                try connection.bulkInsert(table: "batch_pupils", columns: ["batch_id", "pupil_id", "after_version"],
                                          rows: ids.map { [.integer(batch), .integer($0), .integer(1)] })
                for (id, p) in zip(ids, chunk) where p.record.idType != "1" {
                    try ProblemRepository(connection).openCandidates(for: id, record: p.record, province: province, now: now, earlierOnly: true)
                }
                written += chunk.count
                chunk.removeAll(keepingCapacity: true)
            }
            try file.forEachRow { row, cells, _, read in
                guard !bad.contains(row) else { return true }
                let record = try rules.check(ImportRows.draft(cells, header: file.header, school: school.code.rawValue).draft)
                let classKey = "\(record.grade)|\(record.className)"
                let classID: Int64
                if let known = classIDs[classKey] { classID = known } else {
                    guard let found = try ChangeRepository(connection).classID(school: school.code, grade: record.grade, name: record.className) else { throw DomainError.busy }
                    classIDs[classKey] = found
                    classID = found
                }
                let number = try issueNumber(record, county: school.region, pupils: pupils, drawn: &drawn)
                chunk.append(NewPupil(record: record, number: number, schoolID: schoolID, classID: classID, county: school.region.rawValue,
                                      province: province, registrationDue: due(record.entryDate), late: today > due(record.entryDate)))
                if chunk.count == 1000 {
                    try flush()
                    progress("write", written, Double(read) / Double(file.size))
                }
                return true
            }
            try flush()
            guard written == total else { throw DomainError.busy }   // the file changed between the passes
            try batches.setSummary(batch, "{\"rows\":\(report.rows),\"accepted\":\(written),\"rejected\":\(report.rejected)}")
            try audit.record(connection, actor: actor, action: "import.commit", subject: batchID,
                             after: "{\"school\":\"\(school.code.rawValue)\",\"pupils\":\(written)}", now: now)
        }
        progress("write", total, 1)
        report.committed = true
        report.batch = batchID
        return report
    }

    /// The school the pupils join: a registrar's own, or any for the command line.
    public func school(_ code: String, for actor: Actor) throws -> School {
        guard actor.role == .schoolRegistrar || actor.role == .systemAdmin else { throw DomainError.forbidden }
        guard let schoolCode = SchoolCode(code), let school = try database.read({ try SchoolRepository($0).get(schoolCode) }),
              actor.scope.contains(school: school.code, in: school.region) else {
            throw DomainError.validation([FieldError(field: "school", code: "unknown_school",
                                                     message: LocalizedText(zh: "学校不存在或不在您的管理范围内。", en: "No such school in your scope."))])
        }
        return school
    }

    /// `G` + ID for a resident ID; otherwise a temporary `L` number not yet taken, drawn again on a
    /// collision (checked inside the transaction, so a clash never aborts the whole import).
    /// `drawn` holds the L numbers this import has issued and not yet written.
    private func issueNumber(_ record: PupilRecord, county: DivisionCode, pupils: PupilRepository, drawn: inout Set<String>) throws -> NationalStudentNumber {
        if record.idType == "1", let id = record.idNumber { return NationalStudentNumber(validGID: id) }
        for _ in 0..<50 {
            let number = NationalStudentNumber.temporary(county: county, birthDate: record.birthDate, random: Int.random(in: 0..<10_000))
            if !drawn.contains(number.rawValue), try !pupils.numberTaken(number.rawValue) {
                drawn.insert(number.rawValue)
                return number
            }
        }
        throw DomainError.busy
    }

    private struct CellError { let column: String; let code: String; let message: LocalizedText }

    private func check(_ cells: [String], undecodable: [Int], file: ImportFile, school: School, rules: PupilRules,
                       classNames: Set<String>) -> [CellError] {
        let (draft, readErrors) = ImportRows.draft(cells, header: file.header, school: school.code.rawValue)
        var errors = readErrors.map { CellError(column: $0.field, code: $0.code, message: $0.message) }
        for i in undecodable where i < file.header.written.count {
            errors.append(CellError(column: file.header.written[i].trimmedBlanks, code: "encoding_error",
                                    message: LocalizedText(zh: "该单元格的编码与文件其余部分不一致（混合编码）。", en: "This cell is in another encoding than the rest of the file.")))
        }
        let reported = Set(errors.map(\.column))
        do {
            let record = try rules.check(draft)
            if !school.grades.contains(record.grade) {
                errors.append(CellError(column: file.header.header(forField: "grade"), code: "grade_not_offered",
                                        message: LocalizedText(zh: "本校未开设\(record.grade)年级。", en: "The school does not offer grade \(record.grade).")))
            } else if !classNames.contains("\(record.grade)|\(record.className)") {
                // Reported, not created: a typo in a class name must not make a new class.
                errors.append(CellError(column: file.header.header(forField: "class"), code: "unknown_class",
                                        message: LocalizedText(zh: "本校该年级没有“\(record.className)”，请先建班或改正班级名称。",
                                                               en: "The school has no class \"\(record.className)\" in that grade; create it first or correct the name.")))
            }
        } catch let e as DomainError {
            for f in e.fieldErrors {
                let column = file.header.header(forField: f.field)
                if !reported.contains(column) { errors.append(CellError(column: column, code: f.code, message: f.message)) }
            }
        } catch {
            errors.append(CellError(column: "", code: "invalid_row", message: LocalizedText(zh: "该行无法读取。", en: "The row cannot be read.")))
        }
        return errors
    }

    /// Writes the failed rows again, as they were, with a reason column added, as CSV in UTF-8 with a
    /// BOM (Excel opens it correctly): the registrar fixes these rows and imports the file again.
    /// With `xlsx`, the same rows as an XLSX sheet (header frozen) instead of CSV.
    public func writeErrorFile(for source: URL, report: ImportReport, to target: URL, english: Bool = false, xlsx: Bool = false) throws {
        let file = try ImportFile(url: source, sheet: report.sheet)
        var reasons: [Int: [String]] = [:]
        for e in report.errors { reasons[e.row, default: []].append("\(e.column)：\(english ? e.message.en : e.message.zh)") }
        if xlsx {
            let writer = try XLSXWriter(path: target.path)
            let header = file.header.written + ["错误原因"]
            writer.sheet("错误行", header: header, widths: header.map { _ in 14 })
            try file.forEachRow { row, cells, _, _ in
                if report.badRows.contains(row) { writer.write(cells + [(reasons[row] ?? ["第\(row)行有错误"]).joined(separator: "；")]) }
                return true
            }
            try writer.close()
            return
        }
        FileManager.default.createFile(atPath: target.path, contents: nil)
        let out = try FileHandle(forWritingTo: target)
        defer { try? out.close() }
        var buffer: [UInt8] = [0xEF, 0xBB, 0xBF]
        buffer += Array((file.header.written.map(Self.csvField).joined(separator: ",") + ",错误原因\r\n").utf8)
        try file.forEachRow { row, cells, _, _ in
            guard report.badRows.contains(row) else { return true }
            let reason = (reasons[row] ?? ["第\(row)行有错误"]).joined(separator: "；")
            buffer += Array(((cells + [reason]).map(Self.csvField).joined(separator: ",") + "\r\n").utf8)
            if buffer.count > 1 << 20 { out.write(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
            return true
        }
        out.write(Data(buffer))
    }

    /// A CSV field, quoted when it holds a delimiter, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func identityKey(_ cells: [String], file: ImportFile) -> String? {
        let draft = ImportRows.draft(cells, header: file.header, school: "").draft
        guard let type = draft["id_type"].flatMap({ CodeTables.idType.code(forCodeOrLabel: $0) }),
              let number = draft["id_number"]?.trimmedBlanks.uppercased(), !number.isEmpty else { return nil }
        return type + "|" + number
    }

    private func error(_ row: Int, _ column: String, _ code: String, zh: String, en: String) -> CellError {
        CellError(column: column, code: code, message: LocalizedText(zh: zh, en: en))
    }
}
