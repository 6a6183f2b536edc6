/// Rewrites `?` placeholders to PostgreSQL's `$1, $2, …`, leaving quoted text and identifiers alone,
/// so repositories write one SQL text for both engines.
enum PlaceholderRewriter {
    static func rewrite(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 8)
        var n = 0
        var quote: Character? = nil
        for c in sql {
            if let q = quote {
                out.append(c)
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
                out.append(c)
            } else if c == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }
}
