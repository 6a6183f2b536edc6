/// "Starts with this prefix" as a range on an indexed text column: `column >= ? AND column < ?`.
///
/// `LIKE ?` would do, but SQLite re-prepares a statement on every run when a bound value is a LIKE
/// pattern (the LIKE optimisation depends on it; sqlite.org/c3ref/prepare.html), which made every
/// scoped query parse its SQL again. Codes are ASCII digits, so the upper bound is the prefix with
/// its last digit raised (trailing 9s carried).
struct PrefixRange {
    let sql: String
    let parameters: [SQLValue]

    init(column: String, prefix: String) {
        guard !prefix.isEmpty else { sql = "1 = 1"; parameters = []; return }
        // A whole 6-digit code is an equality, which lets an index on (code, …) also give the order.
        if prefix.utf8.count == 6 { sql = "\(column) = ?"; parameters = [.text(prefix)]; return }
        var bytes = Array(prefix.utf8)
        while let last = bytes.last, last == UInt8(ascii: "9") { bytes.removeLast() }
        if let last = bytes.popLast() {
            bytes.append(last + 1)
            sql = "(\(column) >= ? AND \(column) < ?)"
            parameters = [.text(prefix), .text(String(decoding: bytes, as: UTF8.self))]
        } else {
            sql = "\(column) >= ?"
            parameters = [.text(prefix)]
        }
    }
}

/// "Starts with" for any text (a name, a number): `column >= prefix AND column < prefix'`, where
/// prefix' is the prefix with its last character raised by one code point. SQLite (BINARY) compares
/// by code point in UTF-8; on PostgreSQL the caller adds `COLLATE "C"` to the column for the same,
/// so the range holds exactly the values that start with the prefix.
struct TextPrefixRange {
    let sql: String
    let parameters: [SQLValue]

    init(column: String, prefix: String) {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.last, last.value == 0x10FFFF { scalars.removeLast() }
        guard let last = scalars.popLast() else { sql = "1 = 1"; parameters = []; return }
        // Skip the surrogate gap: U+D7FF + 1 is not a scalar.
        let next = Unicode.Scalar(last.value == 0xD7FF ? 0xE000 : last.value + 1) ?? last
        scalars.append(next)
        var upper = ""
        upper.unicodeScalars.append(contentsOf: scalars)
        sql = "(\(column) >= ? AND \(column) < ?)"
        parameters = [.text(prefix), .text(upper)]
    }
}
