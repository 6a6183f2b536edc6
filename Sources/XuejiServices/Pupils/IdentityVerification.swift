import XuejiCore
import XuejiStore

/// Results of the population-database identity check, done outside Xueji and brought in as a file
/// (DOMAIN.md §2): one row per pupil, `number,result[,detail]` with result `ok`, `mismatch` (name
/// and ID do not belong together), `invalid` (no such ID) or `duplicate` (the ID is registered
/// elsewhere in the country). Each non-ok row opens a problem record on that pupil.
public struct IdentityVerification: Sendable {
    let database: any Database
    let clock: Clock

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public var rows = 0
        public var opened = 0
        /// Row numbers (from 1, the header excluded) that named no pupil or an unknown result.
        public var rejected: [(row: Int, reason: String)] = []
    }

    static let kinds = ["mismatch": "identity_mismatch", "invalid": "invalid_id", "duplicate": "duplicate_id"]

    /// Applies the file in one transaction: all problems open, or none.
    public func apply(csv: String) throws -> Outcome {
        let now = clock.now()
        var lines = csv.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        if let first = lines.first, first.lowercased().hasPrefix("number") { lines.removeFirst() }
        return try database.write { connection in
            var outcome = Outcome()
            let pupils = PupilRepository(connection), problems = ProblemRepository(connection)
            for (i, line) in lines.enumerated() {
                outcome.rows += 1
                let f = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map { $0.trimmedBlanks }
                guard f.count >= 2 else { outcome.rejected.append((i + 1, "expected number,result")); continue }
                let result = f[1].lowercased()
                if result == "ok" { continue }
                guard let kind = Self.kinds[result] else { outcome.rejected.append((i + 1, "unknown result '\(f[1])'")); continue }
                guard let pupil = try pupils.find(number: f[0].uppercased(), scope: .division(prefix: "")) else {
                    outcome.rejected.append((i + 1, "no pupil with number \(f[0])")); continue
                }
                try problems.open(kind: kind, pupil: pupil.id, other: nil, province: pupil.schoolRegion.province,
                                  detail: f.count > 2 && !f[2].isEmpty ? f[2] : "identity check: \(result)", now: now)
                outcome.opened += 1
            }
            try AuditTrail().record(connection, actor: .commandLine, action: "identity.import", subject: "\(outcome.rows) rows",
                                    after: "{\"opened\":\(outcome.opened),\"rejected\":\(outcome.rejected.count)}", now: now)
            return outcome
        }
    }
}
