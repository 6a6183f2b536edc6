import CMicroHTTPD
import Foundation

/// The per-request state libmicrohttpd keeps for us in `*con_cls`, from the first access-handler
/// call to the completion callback, which releases it (ARCHITECTURE.md "How a request flows").
final class Exchange {
    let limit: Int
    var body: [UInt8] = []
    private var received = 0
    /// Set once the body passed the limit; the rest is read and discarded so the connection can be
    /// reused, and the answer is 413.
    var tooLarge = false
    /// For `multipart/form-data`: the parts, parsed as they arrive instead of kept as raw bytes.
    var form: FormCollector?
    let started: UInt64

    init(limit: Int) {
        self.limit = limit
        started = DispatchTime.now().uptimeNanoseconds
    }

    func receive(_ data: UnsafePointer<CChar>, count: Int) {
        if tooLarge { return }
        if received + count > limit {
            tooLarge = true
            body = []
            form = nil
            return
        }
        received += count
        if let form { form.feed(data, count: count); return }
        data.withMemoryRebound(to: UInt8.self, capacity: count) { body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
    }
}

/// Reads the key/value pairs of one kind (headers, query arguments) from a connection.
enum ConnectionValues {
    final class Box { var values: [String: String] = [:]; let lowercase: Bool; init(lowercase: Bool) { self.lowercase = lowercase } }

    static func read(_ connection: OpaquePointer, kind: MHD_ValueKind, lowercaseKeys: Bool) -> [String: String] {
        // Counting first (no iterator) costs little and spares the box for the common empty case.
        if MHD_get_connection_values(connection, kind, nil, nil) == 0 { return [:] }
        let box = Box(lowercase: lowercaseKeys)
        let unmanaged = Unmanaged.passUnretained(box)
        _ = MHD_get_connection_values(connection, kind, { cls, _, key, value in
            guard let cls, let key else { return .YES }
            let box = Unmanaged<Box>.fromOpaque(cls).takeUnretainedValue()
            let name = box.lowercase ? ConnectionValues.asciiLowercased(key) : String(cString: key)
            let text = value.map { String(cString: $0) } ?? ""
            // Repeated headers are joined as RFC 9110 §5.3 allows; repeated query keys keep the first.
            if let existing = box.values[name] {
                if box.lowercase { box.values[name] = existing + ", " + text }
            } else {
                box.values[name] = text
            }
            return .YES
        }, unmanaged.toOpaque())
        return box.values
    }

    /// Header names are ASCII (RFC 9110 §5.1); lower-casing byte by byte skips Unicode case tables.
    static func asciiLowercased(_ key: UnsafePointer<CChar>) -> String {
        let length = strlen(key)
        return String(unsafeUninitializedCapacity: length) { buffer in
            for i in 0..<length {
                let c = UInt8(bitPattern: key[i])
                buffer[i] = c >= 65 && c <= 90 ? c | 0x20 : c
            }
            return length
        }
    }
}
