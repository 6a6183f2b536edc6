/// One HTTP request as handlers see it: method, decoded path, query, headers, body, and what the
/// router and middleware learned (path parameters, request id).
public struct Request: Sendable {
    public let method: String
    public let path: String
    public let query: [String: String]
    /// Header names are lower-cased.
    public let headers: [String: String]
    public let body: [UInt8]
    public let requestID: String
    public internal(set) var pathParameters: [String: String] = [:]
    /// The peer's IP address, filled in for POST requests (login throttling); empty otherwise.
    public var clientAddress: String = ""
    /// The parts of a `multipart/form-data` body (its raw bytes are not kept in `body`).
    public var formParts: [FormPart] = []

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
                body: [UInt8] = [], requestID: String = "") {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.requestID = requestID
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// A path parameter the route declared; routes only run when all of theirs matched.
    public func parameter(_ name: String) -> String { pathParameters[name] ?? "" }

    /// Cookie value by name, from the `Cookie` header (`a=1; b=2`), scanned in place: every
    /// authenticated request reads one, and splitting the header showed up in profiles.
    public func cookie(_ name: String) -> String? {
        guard let header = headers["cookie"] else { return nil }
        let bytes = Array(header.utf8), key = Array(name.utf8)
        var i = 0
        while i < bytes.count {
            while i < bytes.count && (bytes[i] == 32 || bytes[i] == 9) { i += 1 }
            var j = i
            while j < bytes.count && bytes[j] != 59 { j += 1 }          // up to ';'
            if j - i > key.count, bytes[(i + key.count)] == 61, Array(bytes[i..<(i + key.count)]) == key {
                var end = j
                while end > i + key.count + 1 && bytes[end - 1] == 32 { end -= 1 }
                return String(decoding: bytes[(i + key.count + 1)..<end], as: UTF8.self)
            }
            i = j + 1
        }
        return nil
    }

    /// Whether the client prefers English (`Accept-Language` or the `lang` cookie); zh-Hans otherwise.
    public var prefersEnglish: Bool {
        if let lang = cookie("xueji_lang") { return lang == "en" }
        guard let header = headers["accept-language"] else { return false }
        var best: (english: Bool, quality: Double)? = nil
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: " ") }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { continue }
            var quality = 1.0
            for p in pieces.dropFirst() where p.hasPrefix("q=") { quality = Double(p.dropFirst(2)) ?? 0 }
            let english: Bool? = tag.hasPrefix("zh") ? false : (tag.hasPrefix("en") ? true : nil)
            if let english, quality > (best?.quality ?? -1) { best = (english, quality) }
        }
        return best?.english ?? false
    }

    /// The body parsed as JSON, or a 400 problem naming where it broke.
    public func json() throws -> JSON {
        if body.isEmpty { throw Problem.malformedJSON(line: 1, column: 1, reason: "empty body") }
        do { return try JSONParser.parse(body) }
        catch { throw Problem.malformedJSON(line: error.line, column: error.column, reason: error.reason) }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
