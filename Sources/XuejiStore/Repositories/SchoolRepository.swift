import XuejiCore

/// Stores schools (学校). Every list is bounded by a scope prefix given by the service.
public struct SchoolRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    private static let columns = "code, name, region, type, ownership, locality, grades"

    /// Inserts a school; a taken code surfaces as `DatabaseError.uniqueViolation`.
    public func insert(_ school: School, now: Int64) throws {
        try connection.execute("""
            INSERT INTO schools (code, name, region, province, type, ownership, locality, grades, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(school.code.rawValue), .text(school.name), .text(school.region.rawValue), .text(school.region.province),
                  .text(school.type.rawValue), .text(school.ownership.rawValue), .text(school.locality.rawValue),
                  .text(school.grades.map(String.init).joined(separator: ",")), .integer(now), .integer(now)])
    }

    public func get(_ code: SchoolCode) throws -> School? {
        try connection.queryOne("SELECT \(Self.columns) FROM schools WHERE code = ?", .text(code.rawValue)).flatMap(Self.school)
    }

    /// Schools whose county starts with `regionPrefix` (empty for all), by code, after `afterCode`.
    public func list(regionPrefix: String, onlyCode: SchoolCode? = nil, after afterCode: String?, limit: Int) throws -> Page<School> {
        let range = PrefixRange(column: "region", prefix: regionPrefix)
        var sql = "SELECT \(Self.columns) FROM schools WHERE " + range.sql
        var parameters = range.parameters
        if let onlyCode { sql += " AND code = ?"; parameters.append(.text(onlyCode.rawValue)) }
        if let afterCode { sql += " AND code > ?"; parameters.append(.text(afterCode)) }
        sql += " ORDER BY code LIMIT ?"
        parameters.append(.integer(Int64(limit + 1)))
        let rows = try connection.query(sql, parameters)
        return Page.from(rows.compactMap(Self.school), limit: limit, key: { $0.code.rawValue }, map: { $0 })
    }

    static func school(_ row: Row) -> School? {
        guard let code = row.string("code").flatMap(SchoolCode.init), let name = row.string("name"),
              let region = row.string("region").flatMap(DivisionCode.init),
              let type = row.string("type").flatMap(SchoolType.init(rawValue:)),
              let ownership = row.string("ownership").flatMap(Ownership.init(rawValue:)),
              let locality = row.string("locality").flatMap(Locality.init(rawValue:)) else { return nil }
        let grades = (row.string("grades") ?? "").split(separator: ",").compactMap { Int($0) }
        return School(code: code, name: name, region: region, type: type, ownership: ownership, locality: locality, grades: grades)
    }
}
