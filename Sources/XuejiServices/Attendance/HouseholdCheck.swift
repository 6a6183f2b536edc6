import Foundation
import XuejiCore
import XuejiStore

/// 四查三比对 (DOMAIN.md §5): the household-registration list of compulsory-age children compared
/// with the registry (who is on the list but in no school: out of school), the registry compared
/// with attendance (who is a suspected or recorded dropout), and both compared with the
/// poverty-relief list (who of them is a priority case). The lists are files the bureau uploads
/// (CSV in UTF-8 or GB18030, or XLSX); they are read, compared and dropped, never stored. Rows that
/// cannot be read are listed with their column and reason, and the rest is compared.
public struct HouseholdCheck: Sendable {
    let database: any Database
    let clock: Clock
    let reference: ReferenceData
    let audit = AuditTrail()

    public init(database: any Database, clock: Clock, reference: ReferenceData) {
        self.database = database
        self.clock = clock
        self.reference = reference
    }

    public struct Child: Sendable {
        public let row: Int
        public let idNumber: String
        public let name: String
        public let hukouPlace: String
        public let poverty: Bool
    }

    public struct Dropout: Sendable {
        public let number: String
        public let name: String
        public let school: String
        public let grade: Int
        public let reason: String        // suspected_dropout (an open alert) or dropped_out (the status)
        public let poverty: Bool
    }

    public struct Result: Sendable {
        public var rows = 0
        public var rejected: [(row: Int, column: String, code: String, message: LocalizedText)] = []
        public var inSchool = 0
        public var outOfSchool: [Child] = []
        public var dropouts: [Dropout] = []
        public var priority: Int { outOfSchool.filter(\.poverty).count + dropouts.filter(\.poverty).count }
    }

    /// Header names accepted for each column (the national forms and plain English).
    static let idHeaders: Set<String> = ["身份证件号", "身份证号", "公民身份号码", "身份证号码", "id_number", "ID number"]
    static let nameHeaders: Set<String> = ["姓名", "name", "Name"]
    static let hukouHeaders: Set<String> = ["户口所在地", "户籍地", "户籍所在地", "hukou_place", "Household place"]

    /// The two lists as uploaded (CSV or XLSX bytes); they are read from a temporary file and dropped.
    public func run(household: [UInt8], poverty: [UInt8]?, region requested: Scope?, by actor: Actor) throws -> Result {
        guard [.systemAdmin, .bureauAdmin, .bureauReviewer].contains(actor.role) else { throw DomainError.forbidden }
        let povertyIDs = try poverty.map { bytes in try TemporaryFile.with(bytes) { try Self.ids(in: $0, today: clock.today, reference: reference) } } ?? []
        return try TemporaryFile.with(household) { try run(household: $0, povertyIDs: povertyIDs, region: requested, by: actor) }
    }

    func run(household: URL, povertyIDs: Set<String>, region requested: Scope?, by actor: Actor) throws -> Result {
        let scope = requested ?? actor.scope
        if case .division(let d) = scope, !actor.scope.contains(division: d) { throw DomainError.notFound(LocalizedText(zh: "该地区", en: "region")) }
        var result = Result()
        // The household list: every readable child, in file order.
        let file = try ImportFile(url: household, template: false)
        let written = file.header.written.map(\.trimmedBlanks)
        let idColumn = try file.column(Self.idHeaders, label: "身份证件号 / id_number")
        let nameColumn = file.optionalColumn(Self.nameHeaders), hukouColumn = file.optionalColumn(Self.hukouHeaders)
        var children: [(row: Int, id: String, name: String, hukou: String)] = []
        try file.forEachRow { row, cells, _, _ in
            result.rows += 1
            let text = idColumn < cells.count ? cells[idColumn] : ""
            let (id, problems) = ResidentID.problems(in: text, today: clock.today, divisions: reference.history)
            if let id {
                children.append((row, id.rawValue, nameColumn.map { $0 < cells.count ? cells[$0].trimmedBlanks : "" } ?? "",
                                 hukouColumn.map { $0 < cells.count ? cells[$0].trimmedBlanks : "" } ?? ""))
            } else {
                let problem = problems.first ?? .length(0)
                result.rejected.append((row, written[idColumn], problem.code, problem.message))
            }
            return true
        }
        // Who of them has a record in school anywhere in the country (only yes or no is used).
        try database.read { connection in
            for chunk in stride(from: 0, to: children.count, by: 500) {
                let part = children[chunk..<min(chunk + 500, children.count)]
                let marks = part.map { _ in "?" }.joined(separator: ", ")
                let enrolled = Set(try connection.query("""
                    SELECT id_number FROM pupils WHERE id_type = '1' AND status IN ('active', 'suspended') AND id_number IN (\(marks))
                    """, part.map { .text($0.id) }).compactMap { $0[0].string })
                for child in part {
                    if enrolled.contains(child.id) { result.inSchool += 1; continue }
                    result.outOfSchool.append(Child(row: child.row, idNumber: child.id, name: child.name, hukouPlace: child.hukou, poverty: povertyIDs.contains(child.id)))
                }
            }
            // The registry against attendance: suspected dropouts (open alerts) and recorded dropouts
            // of the compulsory stage, in the scope.
            for r in try AlertRepository(connection).dropouts(ScopeFilter(scope)) {
                result.dropouts.append(Dropout(number: r.number, name: r.name, school: r.school, grade: r.grade, reason: r.reason,
                                               poverty: r.idNumber.map(povertyIDs.contains) ?? false))
            }
        }
        try database.write { connection in
            try audit.record(connection, actor: actor, action: "check.household", subject: scope.description,
                             after: "{\"rows\":\(result.rows),\"out_of_school\":\(result.outOfSchool.count),\"dropouts\":\(result.dropouts.count),\"priority\":\(result.priority)}",
                             now: clock.now())
        }
        return result
    }

    /// The valid resident IDs of a list (the poverty-relief list: only its ID column matters).
    static func ids(in url: URL, today: CivilDate, reference: ReferenceData) throws -> Set<String> {
        let file = try ImportFile(url: url, template: false)
        let column = try file.column(idHeaders, label: "身份证件号 / id_number")
        var out: Set<String> = []
        try file.forEachRow { _, cells, _, _ in
            if column < cells.count, let id = ResidentID.problems(in: cells[column], today: today, divisions: reference.history).0 { out.insert(id.rawValue) }
            return true
        }
        return out
    }
}
