/// An `application/x-www-form-urlencoded` body (what an HTML form posts): `a=1&b=%E5%AD%A6`, with
/// `+` for a space. Keys repeat rarely; the first wins. Invalid percent escapes are kept as text.
public enum URLEncodedForm {
    public static func parse(_ body: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0]), value = parts.count > 1 ? decode(parts[1]) : ""
            if out[key] == nil { out[key] = value }
        }
        return out
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = [], i = bytes.startIndex
        out.reserveCapacity(bytes.count)
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "+") { out.append(0x20); i += 1; continue }
            if b == UInt8(ascii: "%"), i + 2 < bytes.endIndex, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                out.append(h << 4 | l); i += 3; continue
            }
            out.append(b); i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }
}

extension Request {
    /// The fields of a posted HTML form (empty unless the body is urlencoded).
    public var form: [String: String] {
        guard (header("content-type") ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded") else { return [:] }
        return URLEncodedForm.parse(body)
    }
}
