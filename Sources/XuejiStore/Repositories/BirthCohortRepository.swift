import XuejiCore

/// Births per county and year (migration 19), for projection entrants.
public struct BirthCohortRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    /// Writes a county-year's figure, replacing an earlier one; returns the earlier figure, if any.
    @discardableResult
    public func put(county: String, birthYear: Int, children: Int, by user: Int64, now: Int64) throws -> Int? {
        let before = try connection.queryOne("SELECT children FROM birth_cohorts WHERE county = ? AND birth_year = ?",
                                             .text(county), .integer(Int64(birthYear)))?[0].int64.map { Int($0) }
        if before != nil {
            try connection.execute("UPDATE birth_cohorts SET children = ?, recorded_by = ?, recorded_at = ? WHERE county = ? AND birth_year = ?",
                                   [.integer(Int64(children)), .integer(user), .integer(now), .text(county), .integer(Int64(birthYear))])
        } else {
            try connection.execute("INSERT INTO birth_cohorts (county, birth_year, children, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
                                   [.text(county), .integer(Int64(birthYear)), .integer(Int64(children)), .integer(user), .integer(now)])
        }
        return before
    }

    public func births(county: String) throws -> [Int: Int] {
        var out: [Int: Int] = [:]
        for r in try connection.query("SELECT birth_year, children FROM birth_cohorts WHERE county = ?", .text(county)) {
            out[Int(r[0].int64 ?? 0)] = Int(r[1].int64 ?? 0)
        }
        return out
    }

    /// Births by county and year for the counties under a division prefix.
    public func births(countiesUnder prefix: String) throws -> [String: [Int: Int]] {
        var out: [String: [Int: Int]] = [:]
        let range = PrefixRange(column: "county", prefix: prefix)
        for r in try connection.query("SELECT county, birth_year, children FROM birth_cohorts WHERE \(range.sql)", range.parameters) {
            out[r[0].string ?? "", default: [:]][Int(r[1].int64 ?? 0)] = Int(r[2].int64 ?? 0)
        }
        return out
    }
}
