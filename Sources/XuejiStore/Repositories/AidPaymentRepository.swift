import XuejiCore

/// One row of the aid disbursement ledger (migration 18).
public struct AidPayment: Sendable {
    public let id: Int64
    public let school: String
    public let programme: String
    public let schoolYear: Int
    public let term: Int
    public let month: String
    public let amountFen: Int64
    public let paidOn: String
    public let reference: String
    public let note: String?
    public let recordedBy: String
}

/// Appends to the aid ledger and reads it back by school and month; rows are never changed.
public struct AidPaymentRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public func insert(school: Int64, province: String, programme: String, schoolYear: Int, term: Int, month: String, fen: Int64,
                       paidOn: CivilDate, reference: String, note: String?, by user: Int64, now: Int64) throws -> Int64 {
        try connection.queryOne("""
            INSERT INTO aid_payments (school_id, province, programme, school_year, term, month, amount_fen, paid_on, reference, note, recorded_by, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, [.integer(school), .text(province), .text(programme), .integer(Int64(schoolYear)), .integer(Int64(term)), .text(month), .integer(fen),
                  .text(paidOn.description), .text(reference), SQLValue(note), .integer(user), .integer(now)])?[0].int64 ?? 0
    }

    public func voucherExists(school: Int64, reference: String) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM aid_payments WHERE school_id = ? AND reference = ?", .integer(school), .text(reference)) != nil
    }

    /// The term's ledger rows of the scope's schools (optionally one month and one programme), in
    /// the order they were recorded.
    public func list(schoolsIn scope: ScopeFilter, schoolYear: Int, term: Int, month: String? = nil, programme: String? = nil) throws -> [AidPayment] {
        let (condition, parameters) = AttendanceRepository.schoolScope(scope)
        var sql = Self.select + " WHERE a.school_year = ? AND a.term = ? AND \(condition)"
        var values: [SQLValue] = [.integer(Int64(schoolYear)), .integer(Int64(term))] + parameters
        if let month { sql += " AND a.month = ?"; values.append(.text(month)) }
        if let programme { sql += " AND a.programme = ?"; values.append(.text(programme)) }
        return try connection.query(sql + " ORDER BY a.id", values).map(Self.payment)
    }

    public func get(_ id: Int64) throws -> AidPayment? {
        try connection.queryOne(Self.select + " WHERE a.id = ?", [.integer(id)]).map(Self.payment)
    }

    static let select = """
        SELECT a.id, s.code, a.programme, a.school_year, a.term, a.month, a.amount_fen, a.paid_on, a.reference, a.note, u.username
        FROM aid_payments a JOIN schools s ON s.id = a.school_id JOIN users u ON u.id = a.recorded_by
        """

    static func payment(_ r: Row) -> AidPayment {
            AidPayment(id: r[0].int64 ?? 0, school: r[1].string ?? "", programme: r[2].string ?? "", schoolYear: Int(r[3].int64 ?? 0), term: Int(r[4].int64 ?? 0),
                       month: r[5].string ?? "", amountFen: r[6].int64 ?? 0, paidOn: r[7].string ?? "", reference: r[8].string ?? "", note: r[9].string,
                       recordedBy: r[10].string ?? "")
    }
}
