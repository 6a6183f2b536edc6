import XuejiCore
import XuejiStore

/// A term of attendance for the demo (and for `make bench`): every pupil in school gets the current
/// term's school days up to yesterday, mostly present, with sick and personal leave, lateness, and
/// a few pupils who stop coming (so the dropout-control alerts have something to find). The same
/// seed gives the same days. Writes straight to the packed rows, a thousand pupils a transaction.
public struct DemoAttendance: Sendable {
    let database: any Database
    let clock: Clock

    public init(database: any Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    public struct Summary: Sendable {
        public var pupils = 0
        public var schoolDays = 0
    }

    public func write(seed: UInt64, progress: (Int) -> Void = { _ in }) throws -> Summary {
        let yesterday = CivilDate(daysSinceEpoch: clock.today.daysSinceEpoch - 1)
        var summary = Summary()
        var random = SeededRandom(seed: seed ^ 0xA77E)
        var terms: [String: (Term, [Int])] = [:]
        var after: Int64 = 0
        while true {
            let batch = try database.read { connection in
                try connection.query("""
                    SELECT p.id, p.province FROM pupils p WHERE p.status = 'active' AND p.id > ? ORDER BY p.id LIMIT 1000
                    """, .integer(after)).compactMap { r -> (Int64, String)? in r[0].int64.map { ($0, r[1].string ?? "") } }
            }
            guard let last = batch.last else { break }
            after = last.0
            try database.write { connection in
                let repository = AttendanceRepository(connection)
                for (pupil, province) in batch {
                    if terms[province] == nil {
                        guard let term = try repository.term(province: province, containing: yesterday) else { continue }
                        let calendar = try CalendarRepository(connection).calendar()
                        let offsets = (term.starts.daysSinceEpoch...min(yesterday, term.ends).daysSinceEpoch)
                            .map { CivilDate(daysSinceEpoch: $0) }.filter(calendar.isWorkingDay).map(term.offset(of:))
                        terms[province] = (term, offsets)
                    }
                    guard let (term, offsets) = terms[province] else { continue }
                    // One pupil in a hundred stops coming at some point of the term.
                    let stops = random.chance(0.01) ? Int.random(in: 0..<max(1, offsets.count), using: &random) : Int.max
                    var days = PackedDays()
                    for (i, offset) in offsets.enumerated() {
                        if i >= stops { days[offset] = .unexcused; continue }
                        let roll = Double.random(in: 0..<1, using: &random)
                        days[offset] = roll < 0.015 ? .sick : roll < 0.022 ? .personal : roll < 0.03 ? .late : roll < 0.033 ? .unexcused : .present
                    }
                    try repository.write(pupil: pupil, term: term.id, days: days)
                    summary.pupils += 1
                    summary.schoolDays = offsets.count
                }
            }
            progress(summary.pupils)
        }
        return summary
    }
}
