/// Writes compact JSON straight into bytes, for answers on hot paths (a pupil record is read far
/// more often than anything else): no `JSON` tree is built, so no array of members, no enum boxes,
/// no second pass. The output is byte for byte what `JSON.encoded()` gives for the same members in
/// the same order (a test holds the two together).
///
/// ```swift
/// var w = JSONWriter()
/// w.beginObject(); w.field("number", "G1101…"); w.field("grade", 3); w.endObject()
/// let body = w.bytes
/// ```
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// One bit per open container: set once it holds a member, so the next needs a comma.
    private var filled: UInt64 = 0
    private var depth = 0

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    public mutating func beginObject() { separate(); open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A member name; the value written next belongs to it. Names are literals of the API (plain
    /// ASCII, nothing to escape), so their bytes are copied as they are.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        filled &= ~(1 << UInt64(depth - 1))   // the value that follows takes no comma of its own
    }

    public mutating func string(_ value: String) { separate(); JSON.writeString(value, to: &bytes) }
    public mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    public mutating func int(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }

    public mutating func field(_ name: StaticString, _ value: String) { key(name); string(value) }
    public mutating func field(_ name: StaticString, _ value: String?) { key(name); string(value) }
    public mutating func field(_ name: StaticString, _ value: Int) { key(name); int(value) }
    public mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }

    private mutating func separate() {
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if filled & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        filled |= bit
    }

    private mutating func open(_ byte: UInt8) {
        precondition(depth < 64, "JSONWriter nests at most 64 levels")
        bytes.append(byte)
        depth += 1
        filled &= ~(1 << UInt64(depth - 1))
    }

    private mutating func close(_ byte: UInt8) {
        depth -= 1
        bytes.append(byte)
    }
}

extension Response {
    /// A JSON answer whose body was written with `JSONWriter`.
    public static func json(_ writer: JSONWriter, status: Int = 200) -> Response {
        json(bytes: writer.bytes, status: status)
    }

    /// A JSON answer already written, e.g. one kept from an earlier request.
    public static func json(bytes: [UInt8], status: Int = 200) -> Response {
        Response(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: bytes)
    }
}
