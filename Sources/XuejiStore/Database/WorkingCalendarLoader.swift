import Foundation
import XuejiCore

extension WorkingCalendar {
    /// The national calendar shipped in `Data/working-calendar.csv` (2025 and 2026, from the State
    /// Council's holiday notices; docs/data-sources.md).
    public static func shipped() throws -> WorkingCalendar {
        guard let url = Bundle.module.url(forResource: "Data/working-calendar", withExtension: "csv") else {
            throw DatabaseError(.other, "Data/working-calendar.csv is missing from this build")
        }
        return WorkingCalendar(csv: try String(contentsOf: url, encoding: .utf8))
    }
}
