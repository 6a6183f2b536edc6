import XuejiCore

/// A follow-up a completed change leaves on a school (e.g. send the paper file within one month).
public struct FollowUpTask: Sendable {
    public let id: Int64
    public let kind: String
    public let school: String
    public let pupilNumber: String
    public let pupilName: String
    public let change: String?
    public let dueDate: String
    public let state: String
}

public struct TaskRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    static let select = """
        SELECT t.id, t.kind, s.code, p.number, p.name, c.public_id, t.due_date, t.state
        FROM tasks t JOIN schools s ON s.id = t.school_id JOIN pupils p ON p.id = t.pupil_id LEFT JOIN changes c ON c.id = t.change_id
        """

    /// Tasks of schools inside the scope, open ones first and oldest due first.
    public func list(_ scope: ScopeFilter, state: String?, limit: Int) throws -> [FollowUpTask] {
        var sql = "\(Self.select) WHERE ", parameters: [SQLValue] = []
        switch scope {
        case .school(let code): sql += "s.code = ?"; parameters.append(.text(code.rawValue))
        case .division(let prefix):
            let range = PrefixRange(column: "s.region", prefix: prefix)
            sql += range.sql; parameters += range.parameters
        }
        if let state { sql += " AND t.state = ?"; parameters.append(.text(state)) }
        sql += " ORDER BY t.state DESC, t.due_date, t.id LIMIT ?"
        parameters.append(.integer(Int64(limit)))
        return try connection.query(sql, parameters).map(Self.task)
    }

    public func get(_ id: Int64) throws -> FollowUpTask? {
        try connection.queryOne("\(Self.select) WHERE t.id = ?", .integer(id)).map(Self.task)
    }

    /// Marks an open task done; false when it was not open.
    public func complete(_ id: Int64) throws -> Bool {
        try connection.execute("UPDATE tasks SET state = 'done' WHERE id = ? AND state = 'open'", .integer(id)) == 1
    }

    static func task(_ r: Row) -> FollowUpTask {
        FollowUpTask(id: r[0].int64 ?? 0, kind: r[1].string ?? "", school: r[2].string ?? "", pupilNumber: r[3].string ?? "",
                     pupilName: r[4].string ?? "", change: r[5].string, dueDate: r[6].string ?? "", state: r[7].string ?? "")
    }
}
