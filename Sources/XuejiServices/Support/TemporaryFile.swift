import Foundation

/// Uploaded bytes as a file for a while: the CSV and XLSX readers stream from disk (a workbook is a
/// zip), so an uploaded list is written to a temporary file, read, and removed whatever happens.
enum TemporaryFile {
    static func with<T>(_ bytes: [UInt8], _ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xueji-upload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        return try body(url)
    }
}
