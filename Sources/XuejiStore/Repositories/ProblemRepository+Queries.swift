import XuejiCore

/// A problem record as listed for the school.
public struct ProblemRecord: Sendable {
    public let id: String
    public let kind: String
    public let detail: String
    public let state: String
    public let pupilID: Int64
    public let pupilNumber: String
    public let pupilName: String
    public let school: String
    public let openedAt: Int64
}

extension ProblemRepository {
    static let columns = """
        pr.public_id, pr.kind, pr.detail, pr.state, pr.opened_at, p.id AS pupil_id, p.number, p.name, s.code AS school_code
        """
    static let from = "FROM problems pr JOIN pupils p ON p.id = pr.pupil_id JOIN schools s ON s.id = p.school_id"

    public func list(scope: ScopeFilter, school: SchoolCode?, kind: String?, state: String, after: String?, limit: Int) throws -> Page<ProblemRecord> {
        let (condition, scopeParameters) = scope.condition
        var sql = "SELECT \(Self.columns) \(Self.from) WHERE \(condition) AND pr.state = ?"
        var parameters: [SQLValue] = scopeParameters + [.text(state)]
        if let school { sql += " AND s.code = ?"; parameters.append(.text(school.rawValue)) }
        if let kind { sql += " AND pr.kind = ?"; parameters.append(.text(kind)) }
        if let after { sql += " AND pr.public_id > ?"; parameters.append(.text(after)) }
        sql += " ORDER BY pr.public_id LIMIT ?"
        parameters.append(.integer(Int64(limit + 1)))
        return Page.from(try connection.query(sql, parameters), limit: limit, key: \.id, map: Self.record)
    }

    public func get(_ publicID: String, scope: ScopeFilter) throws -> ProblemRecord? {
        let (condition, scopeParameters) = scope.condition
        return try connection.queryOne("SELECT \(Self.columns) \(Self.from) WHERE pr.public_id = ? AND \(condition)", [.text(publicID)] + scopeParameters).map(Self.record)
    }

    /// Closes one problem; false when it was no longer open (someone resolved it first).
    public func resolve(_ publicID: String, resolution: String, by userID: Int64, now: Int64) throws -> Bool {
        try connection.execute("UPDATE problems SET state = 'resolved', resolution = ?, resolved_by = ?, resolved_at = ? WHERE public_id = ? AND state = 'open'",
                               .text(resolution), .integer(userID), .integer(now), .text(publicID)) == 1
    }

    /// Deletes a pupil who is not at the school (人籍一致) with everything that hangs from the record.
    /// The audit log keeps what was deleted.
    public func deletePupil(_ id: Int64) throws {
        try connection.execute("UPDATE problems SET state = 'resolved', resolution = 'other_deleted', other_pupil_id = NULL WHERE other_pupil_id = ?", .integer(id))
        for table in ["problems", "field_edits", "guardians", "memberships", "pupil_numbers"] {
            try connection.execute("DELETE FROM \(table) WHERE pupil_id = ?", .integer(id))
        }
        try connection.execute("DELETE FROM pupils WHERE id = ?", .integer(id))
    }

    static func record(_ r: Row) -> ProblemRecord {
        ProblemRecord(id: r.string("public_id") ?? "", kind: r.string("kind") ?? "", detail: r.string("detail") ?? "", state: r.string("state") ?? "",
                      pupilID: r.int64("pupil_id") ?? 0, pupilNumber: r.string("number") ?? "", pupilName: r.string("name") ?? "",
                      school: r.string("school_code") ?? "", openedAt: r.int64("opened_at") ?? 0)
    }
}
