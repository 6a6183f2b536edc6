/// The rules a province sets (`province_settings`): name → value text.
public struct SettingsRepository {
    let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    public func values(province: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try connection.query("SELECT name, value FROM province_settings WHERE province = ?", .text(province)) {
            if let name = r.string("name"), let value = r.string("value") { out[name] = value }
        }
        return out
    }

    public func set(province: String, name: String, value: String, by user: Int64, now: Int64) throws {
        try connection.execute("""
            INSERT INTO province_settings (province, name, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (province, name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, [.text(province), .text(name), .text(value), .integer(user), .integer(now)])
    }
}
