import Foundation
import XuejiCore
#if canImport(Glibc)
import Glibc
#endif

/// The text encodings of imported CSV files: UTF-8 (with or without BOM) and GB18030, the superset
/// of GBK that Chinese Excel and WPS write ("CSV (逗号分隔)"). GB18030 goes through glibc's iconv.
public enum TextEncoding: String, Sendable {
    case utf8 = "utf-8"
    case gb18030

    /// Guesses from the first bytes: a UTF-8 BOM, or bytes that are valid UTF-8 (a sequence cut at
    /// the end of the sample allowed), else GB18030. Nil when a BOM says UTF-8 but the bytes are not.
    static func detect(_ sample: [UInt8]) -> (encoding: TextEncoding, bom: Bool)? {
        let bom = sample.starts(with: [0xEF, 0xBB, 0xBF])
        let body = bom ? Array(sample.dropFirst(3)) : sample
        if isUTF8(body) { return (.utf8, bom) }
        return bom ? nil : (.gb18030, false)
    }

    /// Valid UTF-8, tolerating one incomplete sequence at the very end (a sample cut mid-character).
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if length == 0 { return false }
            if i + length > bytes.count { return bytes.count - i < 4 }
            for k in 1..<length where bytes[i + k] >> 6 != 0b10 { return false }
            i += length
        }
        return true
    }
}

/// Decodes one field at a time. Not thread-safe (iconv keeps state); one per reader.
final class FieldDecoder {
    let encoding: TextEncoding
    private var converter: iconv_t?

    init(_ encoding: TextEncoding) throws {
        self.encoding = encoding
        if encoding == .gb18030 {
            let c = iconv_open("UTF-8", "GB18030")
            guard let c, c != iconv_t(bitPattern: -1) else { throw DomainError.busy }
            converter = c
        }
    }

    deinit { if let converter { iconv_close(converter) } }

    /// The field as text, or nil when its bytes are not valid in the file's encoding.
    func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        switch encoding {
        case .utf8: return String(validating: bytes, as: UTF8.self)
        case .gb18030: return gb18030(Array(bytes))
        }
    }

    private func gb18030(_ input: [UInt8]) -> String? {
        guard let converter else { return nil }
        iconv(converter, nil, nil, nil, nil)   // reset the shift state
        var output = [UInt8](repeating: 0, count: input.count * 2 + 4)
        var inCopy = input
        let produced: Int? = inCopy.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count, outLeft = outBuf.count
                let rc = iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft)
                return rc == -1 || inLeft != 0 ? nil : outBuf.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(validating: output[0..<produced], as: UTF8.self)
    }
}

/// Encodes UTF-8 text as GB18030 (for exports opened by Chinese Excel versions that expect it).
func encodeGB18030(_ text: String) -> [UInt8]? {
    guard let converter = iconv_open("GB18030", "UTF-8"), converter != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(converter) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 8)
    let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count, outLeft = outBuf.count
            return iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft) == -1 || inLeft != 0 ? nil : outBuf.count - outLeft
        }
    }
    return produced.map { Array(output[0..<$0]) }
}
