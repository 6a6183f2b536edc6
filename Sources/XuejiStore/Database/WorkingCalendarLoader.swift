import Foundation
import XuejiCore

extension WorkingCalendar {
    /// The national calendar shipped in `Data/working-calendar.csv` (2025 and 2026, from the State
    /// Council's holiday notices; docs/data-sources.md).
    public static func shipped() throws -> WorkingCalendar {
        WorkingCalendar(csv: try shippedText())
    }

    static func shippedText() throws -> String {
        guard let url = Bundle.module.url(forResource: "Data/working-calendar", withExtension: "csv") else {
            throw DatabaseError(.other, "Data/working-calendar.csv is missing from this build")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}

/// Loads the shipped calendar into `calendar_days` as migration 8; later years come from
/// `xueji calendar import` (CalendarRepository.importCSV).
enum WorkingCalendarLoader {
    static let migration = Migration(version: 8, name: "load_working_calendar", checksum: "working-calendar-2025-2026") { connection in
        _ = try CalendarRepository(connection).importCSV(try WorkingCalendar.shippedText())
    }
}
