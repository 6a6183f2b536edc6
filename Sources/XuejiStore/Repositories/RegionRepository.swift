import XuejiCore

/// Reads the division list (行政区划).
public struct RegionRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    private static let columns = "code, name, level, parent, longitude, latitude"

    public func get(_ code: DivisionCode) throws -> Region? {
        try connection.queryOne("SELECT \(Self.columns) FROM regions WHERE code = ?", .text(code.rawValue)).flatMap(Self.region)
    }

    /// The divisions directly under `parent`, or the provinces when `parent` is nil or the nation.
    public func children(of parent: DivisionCode?) throws -> [Region] {
        let rows: [Row]
        if let parent, parent != .nation {
            rows = try connection.query("SELECT \(Self.columns) FROM regions WHERE parent = ? ORDER BY code", .text(parent.rawValue))
        } else {
            rows = try connection.query("SELECT \(Self.columns) FROM regions WHERE level = 1 ORDER BY code", [])
        }
        return rows.compactMap(Self.region)
    }

    public func count() throws -> Int {
        try connection.queryOne("SELECT COUNT(*) AS n FROM regions", [])?.int("n") ?? 0
    }

    static func region(_ row: Row) -> Region? {
        guard let code = row.string("code").flatMap(DivisionCode.init), let name = row.string("name"),
              let level = row.int("level").flatMap(DivisionCode.Level.init(rawValue:)) else { return nil }
        return Region(code: code, name: name, level: level, parent: row.string("parent").flatMap(DivisionCode.init),
                      longitude: row.double("longitude"), latitude: row.double("latitude"))
    }
}
