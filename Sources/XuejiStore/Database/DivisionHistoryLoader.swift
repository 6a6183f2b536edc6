import Foundation
import XuejiCore

extension DivisionHistory {
    /// The dated division codes shipped in `Data/division-history.csv` (derived from python-stdnum's
    /// `stdnum/cn/loc.dat` by scripts/data/division_history.py; docs/data-sources.md).
    public static func shipped() throws -> DivisionHistory {
        guard let url = Bundle.module.url(forResource: "Data/division-history", withExtension: "csv") else {
            throw DatabaseError(.other, "Data/division-history.csv is missing from this build")
        }
        return DivisionHistory(csv: try String(contentsOf: url, encoding: .utf8))
    }
}
