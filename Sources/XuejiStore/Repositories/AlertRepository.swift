import XuejiCore

/// A dropout-control alert with the pupil it is about (as the scope sees the pupil now: an alert
/// follows its pupil to a new school).
public struct DropoutAlert: Sendable {
    public let id: Int64
    public let publicID: String
    public let kind: String
    public let state: String
    public let detail: String
    public let openedAt: Int64
    public let openedOn: CivilDate
    public let updatedAt: Int64
    public let resolution: String?
    public let pupilNumber: String
    public let pupilName: String
    public let grade: Int
    public let school: String
    public let schoolName: String
    public let county: String
    /// Priority groups (DOMAIN.md §5) read from the record.
    public let orphan: Bool
    public let disabled: Bool
    public let leftBehind: Bool
    public let migrant: Bool
}

public struct AlertNote: Sendable {
    public let day: String
    public let note: String
    public let state: String
    public let author: String
    public let writtenAt: Int64
}

/// Stores dropout-control alerts and their notes.
public struct AlertRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public static let openStates: Set<String> = ["open", "contacted"]

    /// Opens an alert of this kind for the pupil unless one is open already; true when it opened one.
    public func open(pupil: Int64, province: String, kind: String, detail: String, day: CivilDate, now: Int64) throws -> Bool {
        guard try connection.queryOne("SELECT 1 FROM dropout_alerts WHERE pupil_id = ? AND kind = ? AND state IN ('open', 'contacted')",
                                      .integer(pupil), .text(kind)) == nil else { return false }
        let publicID = "A\(province)-" + String(UInt64.random(in: 0..<(1 << 48)), radix: 36)
        try connection.execute("""
            INSERT INTO dropout_alerts (public_id, pupil_id, province, kind, state, detail, opened_at, opened_on, updated_at)
            VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?)
            """, [.text(publicID), .integer(pupil), .text(province), .text(kind), .text(detail), .integer(now), .text(day.description), .integer(now)])
        return true
    }

    static let columns = """
        a.id, a.public_id, a.kind, a.state, a.detail, a.opened_at, a.opened_on, a.updated_at, a.resolution,
        p.number, p.name, p.grade, s.code, s.name AS school_name, p.county, p.orphan, p.disability, p.left_behind, p.migrant
        """
    static let from = "FROM dropout_alerts a JOIN pupils p ON p.id = a.pupil_id JOIN schools s ON s.id = p.school_id"

    /// Alerts of pupils inside the scope, newest first by id (keyset on the id).
    public func list(scope: ScopeFilter, state: String?, kind: String?, after: Int64?, limit: Int) throws -> Page<DropoutAlert> {
        let (condition, parameters) = scope.condition
        var sql = "SELECT \(Self.columns) \(Self.from) WHERE \(condition)"
        var values = parameters
        switch state {
        case "active"?, nil: sql += " AND a.state IN ('open', 'contacted')"
        case "all"?: break
        case let s?: sql += " AND a.state = ?"; values.append(.text(s))
        }
        if let kind { sql += " AND a.kind = ?"; values.append(.text(kind)) }
        if let after { sql += " AND a.id < ?"; values.append(.integer(after)) }
        sql += " ORDER BY a.id DESC LIMIT ?"
        values.append(.integer(Int64(limit + 1)))
        let rows = try connection.query(sql, values)
        return try Page.from(rows, limit: limit, key: { String($0.id) }, map: Self.alert)
    }

    /// Suspected dropouts (an open alert) and recorded dropouts of the compulsory stage in the scope:
    /// the registry compared with attendance (四查三比对).
    public func dropouts(_ scope: ScopeFilter) throws -> [(number: String, name: String, school: String, grade: Int, idNumber: String?, reason: String)] {
        let (condition, parameters) = scope.condition
        return try connection.query("""
            SELECT p.number, p.name, s.code, p.grade, p.id_number, 'suspected_dropout' FROM dropout_alerts a
            JOIN pupils p ON p.id = a.pupil_id JOIN schools s ON s.id = p.school_id
            WHERE \(condition) AND a.kind = 'suspected_dropout' AND a.state IN ('open', 'contacted') AND p.status = 'active'
            UNION ALL
            SELECT p.number, p.name, s.code, p.grade, p.id_number, 'dropped_out' FROM pupils p JOIN schools s ON s.id = p.school_id
            WHERE \(condition) AND p.status = 'dropped_out' AND p.grade <= 9
            ORDER BY 1
            """, parameters + parameters).map { r in
            (r[0].string ?? "", r[1].string ?? "", r[2].string ?? "", Int(r[3].int64 ?? 0), r[4].string, r[5].string ?? "")
        }
    }

    /// Pupils whose status calls for a look (DOMAIN.md §5): a transfer still pending (with the day it
    /// was filed), a suspension past its end, a dropout recorded in the compulsory stage.
    public func statusCases(_ scope: ScopeFilter, today: CivilDate) throws -> [(pupil: Int64, province: String, kind: String, since: CivilDate)] {
        let (condition, parameters) = scope.condition
        var out: [(Int64, String, String, CivilDate)] = []
        for r in try connection.query("""
            SELECT p.id, p.province, c.created_at FROM changes c JOIN pupils p ON p.id = c.pupil_id JOIN schools s ON s.id = p.school_id
            WHERE \(condition) AND c.type = 'transfer' AND c.state = 'pending'
            """, parameters) {
            guard let id = r[0].int64, let at = r[2].int64 else { continue }
            out.append((id, r[1].string ?? "", "transfer_not_received", CivilDate(daysSinceEpoch: Int((at + 8 * 3_600_000) / 86_400_000))))
        }
        for r in try connection.query("""
            SELECT p.id, p.province, p.status_until, p.status, p.grade FROM pupils p JOIN schools s ON s.id = p.school_id
            WHERE \(condition) AND ((p.status = 'suspended' AND p.status_until < ?) OR (p.status = 'dropped_out' AND p.grade <= 9))
            """, parameters + [.text(today.description)]) {
            guard let id = r[0].int64 else { continue }
            if r[3].string == "suspended", let until = r[2].string.flatMap(CivilDate.init) {
                out.append((id, r[1].string ?? "", "suspension_ended", until))
            } else {
                out.append((id, r[1].string ?? "", "compulsory_dropout", today))
            }
        }
        return out
    }

    /// Alerts of the scope's pupils by county for a month: opened in it, closed as returned or as a
    /// confirmed dropout in it, and still open at its end.
    public func monthly(_ scope: ScopeFilter, from: Int64, to: Int64) throws -> [(county: String, opened: Int, returned: Int, confirmed: Int, stillOut: Int)] {
        let (condition, parameters) = scope.condition
        return try connection.query("""
            SELECT p.county,
                   SUM(CASE WHEN a.opened_at >= ? AND a.opened_at < ? THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.state = 'returned' AND a.closed_at >= ? AND a.closed_at < ? THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.state = 'confirmed_dropout' AND a.closed_at >= ? AND a.closed_at < ? THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.opened_at < ? AND (a.closed_at IS NULL OR a.closed_at >= ?) THEN 1 ELSE 0 END)
            \(Self.from) WHERE \(condition) AND a.kind IN ('suspected_dropout', 'compulsory_dropout', 'never_attended')
            GROUP BY p.county ORDER BY p.county
            """, [.integer(from), .integer(to), .integer(from), .integer(to), .integer(from), .integer(to), .integer(to), .integer(to)] + parameters).map { r in
            (r[0].string ?? "", Int(r[1].int64 ?? 0), Int(r[2].int64 ?? 0), Int(r[3].int64 ?? 0), Int(r[4].int64 ?? 0))
        }
    }

    /// Open and contacted alerts of pupils inside the scope, counted up to `cap` (a dashboard card
    /// says "1000+": counting a province's hundred thousand alerts through their pupils took 1.3 s).
    public func countActive(scope: ScopeFilter, cap: Int = 1000) throws -> Int {
        // In from the open alerts (few), not from the scope's pupils: with no open alert the count
        // would otherwise walk every pupil of a province (0.8 s at a million) without reaching the cap.
        // (Not `a.province`: an alert follows its pupil, who may have moved to another province.)
        let (condition, parameters) = scope.condition(unindexed: connection.dialect == .sqlite)
        return Int(try connection.queryOne("SELECT COUNT(*) FROM (SELECT 1 \(Self.from) WHERE \(condition) AND a.state IN ('open', 'contacted') LIMIT ?) capped",
                                           parameters + [.integer(Int64(cap))])?[0].int64 ?? 0)
    }

    public func get(_ publicID: String, scope: ScopeFilter) throws -> DropoutAlert? {
        let (condition, parameters) = scope.condition
        return try connection.queryOne("SELECT \(Self.columns) \(Self.from) WHERE a.public_id = ? AND \(condition)",
                                       [.text(publicID)] + parameters).map(Self.alert)
    }

    /// Adds a note and moves the alert to `state`; false when the alert was closed meanwhile.
    public func note(alert: Int64, day: CivilDate, note: String, state: String, by user: Int64, now: Int64) throws -> Bool {
        let closed = !Self.openStates.contains(state)
        let changed = try connection.execute("""
            UPDATE dropout_alerts SET state = ?, updated_at = ?, closed_at = ?, resolution = ? WHERE id = ? AND state IN ('open', 'contacted')
            """, [.text(state), .integer(now), closed ? .integer(now) : .null, closed ? .text(note) : .null, .integer(alert)])
        guard changed == 1 else { return false }
        try connection.execute("""
            INSERT INTO alert_notes (alert_id, day, note, state, written_by, written_at) VALUES (?, ?, ?, ?, ?, ?)
            """, [.integer(alert), .text(day.description), .text(note), .text(state), .integer(user), .integer(now)])
        return true
    }

    public func notes(alert: Int64) throws -> [AlertNote] {
        try connection.query("""
            SELECT n.day, n.note, n.state, u.username, n.written_at FROM alert_notes n JOIN users u ON u.id = n.written_by
            WHERE n.alert_id = ? ORDER BY n.id
            """, .integer(alert)).map { r in
            AlertNote(day: r[0].string ?? "", note: r[1].string ?? "", state: r[2].string ?? "", author: r[3].string ?? "", writtenAt: r[4].int64 ?? 0)
        }
    }

    static func alert(_ r: Row) throws -> DropoutAlert {
        DropoutAlert(id: r[0].int64 ?? 0, publicID: r[1].string ?? "", kind: r[2].string ?? "", state: r[3].string ?? "", detail: r[4].string ?? "",
                     openedAt: r[5].int64 ?? 0, openedOn: r[6].string.flatMap(CivilDate.init) ?? CivilDate(daysSinceEpoch: 0),
                     updatedAt: r[7].int64 ?? 0, resolution: r[8].string, pupilNumber: r[9].string ?? "", pupilName: r[10].string ?? "",
                     grade: Int(r[11].int64 ?? 0), school: r[12].string ?? "", schoolName: r[13].string ?? "", county: r[14].string ?? "",
                     orphan: (r[15].int64 ?? 0) == 1, disabled: r[16].string != nil, leftBehind: (r[17].string ?? "0") != "0",
                     migrant: (r[18].int64 ?? 0) == 1)
    }
}
