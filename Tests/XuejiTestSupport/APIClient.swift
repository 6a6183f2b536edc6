import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XuejiHTTP

/// A client of the JSON API over loopback with URLSession, keeping the session cookie and CSRF
/// token itself as a browser would.
public final class APIClient: @unchecked Sendable {
    // @unchecked: a client is used by one test at a time.
    public let base: URL
    public var cookie: String?
    public var csrfToken: String?
    public var language = "zh-Hans"
    private let session: URLSession

    public struct Reply: Sendable {
        public let status: Int
        public let headers: [String: String]
        public let body: Data
        public var json: JSON { (try? JSONParser.parse(Array(body))) ?? .null }
        public var text: String { String(decoding: body, as: UTF8.self) }
        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    public init(port: UInt16) {
        base = URL(string: "http://127.0.0.1:\(port)")!
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieStorage = nil
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration)
    }

    public func request(_ method: String, _ path: String, json: JSON? = nil, body: Data? = nil,
                        headers: [String: String] = [:], csrf: Bool = true) async throws -> Reply {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        request.setValue(language, forHTTPHeaderField: "Accept-Language")
        if let cookie { request.setValue("xueji_session=\(cookie)", forHTTPHeaderField: "Cookie") }
        if csrf, let csrfToken, method != "GET" { request.setValue(csrfToken, forHTTPHeaderField: "X-CSRF-Token") }
        if let json {
            request.httpBody = Data(json.encoded())
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let body {
            request.httpBody = body
        }
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw ServerProcessError(message: "not an HTTP response") }
        var fields: [String: String] = [:]
        for (k, v) in http.allHeaderFields { fields[String(describing: k).lowercased()] = String(describing: v) }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    public func get(_ path: String) async throws -> Reply { try await request("GET", path) }
    public func post(_ path: String, _ json: JSON) async throws -> Reply { try await request("POST", path, json: json) }

    /// Uploads one file as the multipart/form-data field `field`.
    public func upload(_ path: String, field: String = "file", filename: String, contentType: String, bytes: [UInt8]) async throws -> Reply {
        let boundary = "xueji-\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8)
        body.append(contentsOf: bytes)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try await request("POST", path, body: body, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"])
    }

    /// Logs in and keeps the cookie and CSRF token; returns the login reply.
    @discardableResult
    public func login(_ username: String, _ password: String) async throws -> Reply {
        let reply = try await request("POST", "/api/v1/session", json: ["username": .string(username), "password": .string(password)])
        if let setCookie = reply.header("set-cookie"), let start = setCookie.range(of: "xueji_session=") {
            cookie = String(setCookie[start.upperBound...].prefix { $0 != ";" })
        }
        csrfToken = reply.json["csrf_token"]?.stringValue
        return reply
    }
}
