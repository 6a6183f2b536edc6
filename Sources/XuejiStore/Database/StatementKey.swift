/// The key of a prepared-statement cache: the SQL text, hashed by its length and its first and last
/// 32 bytes instead of all of it. A pupil lookup's SQL is about 900 bytes, and hashing it whole on
/// every run cost more than SQLite's own index search; equality still compares the whole text, so a
/// shared prefix and suffix only costs a collision, never a wrong statement.
struct StatementKey: Hashable {
    let sql: String

    init(_ sql: String) { self.sql = sql }

    static func == (a: StatementKey, b: StatementKey) -> Bool { a.sql == b.sql }

    func hash(into hasher: inout Hasher) {
        var sql = sql
        sql.withUTF8 { bytes in
            hasher.combine(bytes.count)
            let raw = UnsafeRawBufferPointer(bytes)
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw.prefix(32)))
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw.suffix(32)))
        }
    }
}
