import Foundation

/// Reads CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) from a file in 1 MiB chunks, so
/// memory does not grow with the file. Works on bytes: in UTF-8 and in GB18030 every byte of a
/// multi-byte character is outside the ASCII range of the delimiters (`,` `"` CR LF), so fields are
/// split before they are decoded.
final class CSVReader {
    private let handle: FileHandle
    private let skipBOM: Bool

    init(url: URL, skipBOM: Bool) throws {
        handle = try FileHandle(forReadingFrom: url)
        self.skipBOM = skipBOM
    }

    deinit { try? handle.close() }

    /// Calls `body` with each record's raw fields and the bytes read so far; `body` returns false to
    /// stop. Records whose fields are all empty (blank lines, trailing empty rows) are skipped.
    func forEachRecord(_ body: ([ArraySlice<UInt8>], Int) throws -> Bool) throws {
        var field: [UInt8] = [], record: [[UInt8]] = [], inQuotes = false, quoteSeen = false, afterCR = false
        var read = 0, first = true
        func endRecord() throws -> Bool {
            record.append(field)
            field.removeAll(keepingCapacity: true)
            defer { record.removeAll(keepingCapacity: true) }
            if record.allSatisfy(\.isEmpty) { return true }
            return try body(record.map { $0[...] }, read)
        }
        while true {
            guard let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty else { break }
            read += chunk.count
            var bytes = [UInt8](chunk)
            if first {
                first = false
                if skipBOM, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            }
            for b in bytes {
                if inQuotes {
                    if quoteSeen {
                        quoteSeen = false
                        if b == 0x22 { field.append(0x22); continue }   // "" inside quotes
                        inQuotes = false                                // the closing quote; b is handled below
                    } else if b == 0x22 { quoteSeen = true; continue }
                    else { field.append(b); continue }
                }
                if afterCR { afterCR = false; if b == 0x0A { continue } }
                switch b {
                case 0x22 where field.isEmpty: inQuotes = true
                case 0x2C: record.append(field); field.removeAll(keepingCapacity: true)
                case 0x0A: if try !endRecord() { return }
                case 0x0D: afterCR = true; if try !endRecord() { return }
                default: field.append(b)
                }
            }
        }
        if !field.isEmpty || !record.isEmpty { _ = try endRecord() }
    }
}
