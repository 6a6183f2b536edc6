import XuejiCore
import XuejiHTTP
import XuejiStore

/// `?limit=` (default 50, at most 500) and `?cursor=` (opaque), and the list envelope
/// `{"items": [...], "next_cursor": ...}` (API.md "Lists").
struct Pagination {
    let limit: Int
    let after: String?

    init(_ request: Request) throws {
        var errors: [FieldError] = []
        if let text = request.query["limit"] {
            if let n = Int(text), (1...500).contains(n) { limit = n } else {
                limit = 50
                errors.append(FieldError(field: "limit", code: "invalid_limit", message: LocalizedText(zh: "limit 应为1–500的整数。", en: "limit is an integer from 1 to 500.")))
            }
        } else { limit = 50 }
        if let cursor = request.query["cursor"], !cursor.isEmpty {
            if let key = Self.decode(cursor) { after = key } else {
                after = nil
                errors.append(FieldError(field: "cursor", code: "invalid_cursor", message: LocalizedText(zh: "cursor 无效。", en: "Invalid cursor.")))
            }
        } else { after = nil }
        if !errors.isEmpty { throw DomainError.validation(errors) }
    }

    static func envelope<T>(_ page: Page<T>, _ encode: (T) -> JSON) -> JSON {
        ["items": .array(page.items.map(encode)), "next_cursor": JSON(page.nextKey.map(encode(key:)))]
    }

    /// The same envelope written with `JSONWriter`, for lists whose rows are written that way.
    static func envelope<T>(_ page: Page<T>, writing write: (T, inout JSONWriter) -> Void) -> JSONWriter {
        var w = JSONWriter(capacity: 512 * max(1, page.items.count))
        w.beginObject()
        w.key("items")
        w.beginArray()
        for item in page.items { write(item, &w) }
        w.endArray()
        w.field("next_cursor", page.nextKey.map(encode(key:)))
        w.endObject()
        return w
    }

    /// Cursors are the last key, hex-encoded: opaque to clients, trivially checked here.
    static func encode(key: String) -> String {
        key.utf8.map { b in let h = String(b, radix: 16); return h.count == 1 ? "0" + h : h }.joined()
    }

    static func decode(_ cursor: String) -> String? {
        let chars = Array(cursor.utf8)
        guard chars.count % 2 == 0, chars.count <= 512 else { return nil }
        var bytes: [UInt8] = []
        var i = 0
        while i < chars.count {
            guard let b = UInt8(String(decoding: chars[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(b)
            i += 2
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
