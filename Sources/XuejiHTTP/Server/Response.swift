/// An HTTP response: status, headers in order, and the body bytes.
public struct Response: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// The route template that produced this response (`/api/v1/schools/{code}`), set by the router.
    /// Metrics and logs use it instead of the raw path, which may carry personal data.
    public var route: String = "unmatched"
    /// Set by a handler that sends its own `Cache-Control` (static assets); otherwise `no-store`.
    public var cacheable = false

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ value: JSON, status: Int = 200) -> Response {
        Response(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: value.encoded())
    }

    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }

    /// Whether this is an HTML page, which gets the page security policy rather than the data one.
    var isPage: Bool {
        // The constructors above put Content-Type first; checking it directly skips a scan.
        let type = headers.first?.0 == "Content-Type" ? headers.first?.1 : header("Content-Type")
        return type?.hasPrefix("text/html") ?? false
    }

    public static func noContent() -> Response { Response(status: 204) }

    public func header(_ name: String) -> String? {
        headers.first { Self.sameName($0.0, name) }?.1
    }

    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { Self.sameName($0.0, name) }
        headers.append((name, value))
    }

    /// ASCII case-insensitive comparison of header names, without allocating lower-cased copies.
    static func sameName(_ a: String, _ b: String) -> Bool {
        var x = a.utf8.makeIterator(), y = b.utf8.makeIterator()
        while true {
            switch (x.next(), y.next()) {
            case (nil, nil): return true
            case let (p?, q?) where p == q || (p | 0x20 == q | 0x20 && (p | 0x20) >= 97 && (p | 0x20) <= 122): continue
            default: return false
            }
        }
    }
}
