import CMiniZip
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XuejiCore

/// Reads the cells of one sheet of an XLSX file (a zip of XML, ECMA-376) with minizip and
/// XMLParser: shared strings, inline strings, numbers (date serials stay numbers; the import reads
/// them), booleans, and formula cells by their cached value. Empty cells may be absent from the XML;
/// cells are placed by their reference (`C5`). Sheets are streamed; the shared-string table (one
/// entry per distinct text) is held in memory.
final class XLSXReader {
    let path: String
    let sheets: [(name: String, target: String)]
    private let sharedStrings: [String]

    init(path: String) throws {
        self.path = path
        let workbook = try Self.entry(path, "xl/workbook.xml")
        let rels = try Self.entry(path, "xl/_rels/workbook.xml.rels")
        let targets = Dictionary(Self.elements(rels, named: "Relationship").compactMap { a -> (String, String)? in
            guard let id = a["Id"], let target = a["Target"] else { return nil }
            return (id, target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target)
        }, uniquingKeysWith: { a, _ in a })
        sheets = Self.elements(workbook, named: "sheet").compactMap { a in
            guard let name = a["name"], let id = a["r:id"] ?? a.first(where: { $0.key.hasSuffix(":id") })?.value, let target = targets[id] else { return nil }
            return (name, target)
        }
        guard !sheets.isEmpty else { throw Self.broken }
        sharedStrings = (try? Self.entry(path, "xl/sharedStrings.xml")).map(SharedStrings.parse) ?? []
    }

    /// The target path of a sheet (the first by default, or by name).
    func target(sheet name: String?) throws -> String {
        guard let name else { return sheets[0].target }
        guard let found = sheets.first(where: { $0.name == name }) else {
            throw DomainError(.invalid, code: "unknown_sheet", message: LocalizedText(zh: "工作簿中没有名为“\(name)”的工作表。", en: "The workbook has no sheet named \"\(name)\"."))
        }
        return found.target
    }

    /// Calls `body` with each row of a sheet (its cells' text; rows Excel skipped come as empty
    /// rows), streaming: the sheet is unzipped to a temporary file and parsed from it in chunks, so
    /// memory does not grow with the sheet. `body` returns false to stop.
    func forEachRow(sheet name: String?, _ body: @escaping ([String]) throws -> Bool) throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("xueji-sheet-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try Self.extract(path, try target(sheet: name), to: temporary)
        guard let stream = InputStream(url: temporary) else { throw Self.broken }
        let parser = SheetParser(shared: sharedStrings, body: body)
        let xml = XMLParser(stream: stream)
        xml.delegate = parser
        let ok = xml.parse()
        if let failure = parser.failure { throw failure }
        if !ok && !parser.stopped { throw Self.broken }
    }

    static let broken = DomainError(.invalid, code: "broken_xlsx", message: LocalizedText(zh: "XLSX 文件已损坏，无法读取。", en: "The XLSX file is damaged and cannot be read."))

    /// One file of the archive, uncompressed.
    static func entry(_ path: String, _ name: String) throws -> Data {
        guard let zip = unzOpen64(path) else { throw broken }
        defer { unzClose(zip) }
        guard unzLocateFile(zip, name, 0) == UNZ_OK, unzOpenCurrentFile(zip) == UNZ_OK else { throw broken }
        defer { unzCloseCurrentFile(zip) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = unzReadCurrentFile(zip, &buffer, UInt32(buffer.count))
            if n < 0 { throw broken }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<Int(n)])
            if data.count > 1 << 30 { throw DomainError(.invalid, code: "file_too_large", message: LocalizedText(zh: "工作表过大。", en: "The sheet is too large.")) }
        }
        return data
    }

    /// One file of the archive, uncompressed into `target` chunk by chunk.
    static func extract(_ path: String, _ name: String, to target: URL) throws {
        guard let zip = unzOpen64(path) else { throw broken }
        defer { unzClose(zip) }
        guard unzLocateFile(zip, name, 0) == UNZ_OK, unzOpenCurrentFile(zip) == UNZ_OK else { throw broken }
        defer { unzCloseCurrentFile(zip) }
        FileManager.default.createFile(atPath: target.path, contents: nil)
        let out = try FileHandle(forWritingTo: target)
        defer { try? out.close() }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = unzReadCurrentFile(zip, &buffer, UInt32(buffer.count))
            if n < 0 { throw broken }
            if n == 0 { break }
            out.write(Data(buffer[0..<Int(n)]))
        }
    }

    /// The attributes of every element with this name.
    static func elements(_ data: Data, named name: String) -> [[String: String]] {
        let collector = AttributeCollector(name: name)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        _ = parser.parse()
        return collector.found
    }

    /// Column letters of a cell reference (`AB12` → 27), 0-based.
    static func column(_ reference: String) -> Int? {
        var n = 0, any = false
        for ch in reference.unicodeScalars {
            guard ch.value >= 65 && ch.value <= 90 else { break }
            n = n * 26 + Int(ch.value - 64)
            any = true
        }
        return any ? n - 1 : nil
    }
}

private final class AttributeCollector: NSObject, XMLParserDelegate {
    let name: String
    var found: [[String: String]] = []
    init(name: String) { self.name = name }
    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if element == name { found.append(attributes) }
    }
}

/// `xl/sharedStrings.xml`: the `<si>` entries, each the concatenation of its `<t>` texts (rich text
/// has several runs; phonetic `<rPh>` runs are not part of the value).
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = "", inT = false, inPhonetic = false

    static func parse(_ data: Data) -> [String] {
        let s = SharedStrings()
        let parser = XMLParser(data: data)
        parser.delegate = s
        _ = parser.parse()
        return s.strings
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch element {
        case "si": current = ""
        case "t": inT = true
        case "rPh": inPhonetic = true
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inT && !inPhonetic { current += string } }
    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "si": strings.append(current)
        case "t": inT = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

/// A worksheet's `<row>`/`<c>` cells, handed on one row at a time.
private final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    let body: ([String]) throws -> Bool
    var failure: Error? = nil
    var stopped = false
    private var row: [String] = [], rowNumber = 0, column = 0, type = "", value = "", inValue = false, inInline = false

    init(shared: [String], body: @escaping ([String]) throws -> Bool) {
        self.shared = shared
        self.body = body
    }

    private func emit(_ parser: XMLParser, _ cells: [String]) {
        guard !stopped else { return }
        do {
            if try !body(cells) { stopped = true; parser.abortParsing() }
        } catch {
            failure = error
            stopped = true
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch element {
        case "row":
            // Rows may skip numbers (empty rows); keep row positions so row numbers match Excel's.
            if let r = attributes["r"].flatMap(Int.init) { while rowNumber < r - 1 && !stopped { rowNumber += 1; emit(parser, []) } }
            row = []
        case "c":
            column = attributes["r"].flatMap(XLSXReader.column) ?? row.count
            type = attributes["t"] ?? ""
            value = ""
        case "v": inValue = true
        case "t" where type == "inlineStr": inInline = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue || inInline { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "v": inValue = false
        case "t": inInline = false
        case "c":
            var text = value
            switch type {
            case "s": text = Int(value).flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
            case "b": text = value == "1" ? "1" : "0"
            case "e": text = ""   // #N/A, #REF!: an error is no value
            default:
                // Numbers: Excel writes 1 as "1"; a float of an integer ("3.0") is read as the integer.
                if type.isEmpty, let d = Double(value), d == d.rounded(), abs(d) < 1e15 { text = String(Int64(d)) }
            }
            while row.count < column { row.append("") }
            if column < row.count { row[column] = text } else { row.append(text) }
        case "row":
            rowNumber += 1
            emit(parser, row)
        default: break
        }
    }
}
