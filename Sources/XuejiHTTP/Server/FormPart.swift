import CMicroHTTPD

/// One field of a `multipart/form-data` body, as libmicrohttpd's post processor hands it over.
public struct FormPart: Sendable {
    public let name: String
    public let filename: String?
    public let contentType: String?
    public var data: [UInt8]
}

/// Feeds a multipart body through libmicrohttpd's post processor (no hand-written multipart parser)
/// and collects the parts. Lives in the request's `Exchange` from the first callback to the last.
final class FormCollector {
    private(set) var parts: [FormPart] = []
    private var processor: OpaquePointer?
    private(set) var failed = false

    init?(connection: OpaquePointer) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        guard let pp = MHD_create_post_processor(connection, 64 * 1024, { cls, _, key, filename, contentType, _, data, offset, size in
            guard let cls, let key else { return .NO }
            let collector = Unmanaged<FormCollector>.fromOpaque(cls).takeUnretainedValue()
            let name = String(cString: key)
            // A new part starts at offset 0; later chunks of the same part continue it.
            if offset == 0 || collector.parts.last?.name != name {
                collector.parts.append(FormPart(name: name, filename: filename.map { String(cString: $0) },
                                                contentType: contentType.map { String(cString: $0) }, data: []))
            }
            if let data, size > 0 {
                data.withMemoryRebound(to: UInt8.self, capacity: size) {
                    collector.parts[collector.parts.count - 1].data.append(contentsOf: UnsafeBufferPointer(start: $0, count: size))
                }
            }
            return .YES
        }, me) else { return nil }
        processor = pp
    }

    func feed(_ data: UnsafePointer<CChar>, count: Int) {
        guard let processor, !failed else { return }
        if MHD_post_process(processor, data, count) != .YES { failed = true }
    }

    deinit { if let processor { _ = MHD_destroy_post_processor(processor) } }
}

extension Request {
    /// The text of a multipart form's plain (non-file) field, if it was sent.
    public func formField(_ name: String) -> String? {
        formParts.first { $0.name == name && $0.filename == nil }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    /// A multipart form's file field, if a non-empty file was sent in it.
    public func filePart(_ name: String) -> FormPart? {
        formParts.first { $0.name == name && $0.filename != nil && !$0.data.isEmpty }
    }
}
