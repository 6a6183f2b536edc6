/// An RFC 9457 problem document (`application/problem+json`) with a stable `code`, a `detail` in
/// the user's language and optional per-field `errors` (API.md "Errors").
public struct Problem: Error, Sendable {
    public struct FieldProblem: Sendable {
        public let field: String
        public let code: String
        public let zh: String
        public let en: String
        public init(field: String, code: String, zh: String, en: String) {
            self.field = field
            self.code = code
            self.zh = zh
            self.en = en
        }
    }

    public let status: Int
    public let code: String
    public let zh: String
    public let en: String
    public var errors: [FieldProblem]
    /// Extra top-level members, e.g. `existing` for a duplicate.
    public var extensions: [(String, JSON)]
    public var headers: [(String, String)]

    public init(status: Int, code: String, zh: String, en: String, errors: [FieldProblem] = [],
                extensions: [(String, JSON)] = [], headers: [(String, String)] = []) {
        self.status = status
        self.code = code
        self.zh = zh
        self.en = en
        self.errors = errors
        self.extensions = extensions
        self.headers = headers
    }

    public func response(english: Bool) -> Response {
        var members: [(String, JSON)] = [
            ("type", .string("https://xueji.example/problems/\(code)")),
            ("title", .string(Self.title(status))),
            ("status", .int(Int64(status))),
            ("code", .string(code)),
            ("detail", .string(english ? en : zh)),
        ]
        if !errors.isEmpty {
            members.append(("errors", .array(errors.map {
                ["field": .string($0.field), "code": .string($0.code), "message": .string(english ? $0.en : $0.zh)]
            })))
        }
        members.append(contentsOf: extensions)
        var response = Response(status: status, headers: [("Content-Type", "application/problem+json; charset=utf-8")],
                                body: JSON.object(members).encoded())
        response.headers.append(contentsOf: headers)
        response.headers.append(("Content-Language", english ? "en" : "zh-Hans"))
        return response
    }

    static func title(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 412: return "Precondition Failed"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Content"
        case 428: return "Precondition Required"
        case 429: return "Too Many Requests"
        case 503: return "Service Unavailable"
        default: return status >= 500 ? "Internal Server Error" : "Error"
        }
    }

    // MARK: - The generic problems of the HTTP layer

    public static let notFound = Problem(status: 404, code: "not_found", zh: "请求的地址不存在。", en: "There is nothing at this address.")

    public static func methodNotAllowed(allow: [String]) -> Problem {
        Problem(status: 405, code: "method_not_allowed", zh: "该地址不支持此请求方法。", en: "This method is not allowed here.",
                headers: [("Allow", allow.joined(separator: ", "))])
    }

    public static func tooLarge(limit: Int) -> Problem {
        Problem(status: 413, code: "body_too_large",
                zh: "请求内容过大，上限为\(limit / 1024) KiB。", en: "The request body is too large; the limit is \(limit / 1024) KiB.")
    }

    public static func malformedJSON(line: Int, column: Int, reason: String) -> Problem {
        Problem(status: 400, code: "malformed_json",
                zh: "JSON 格式错误：第\(line)行第\(column)列（\(reason)）。",
                en: "Malformed JSON at line \(line), column \(column): \(reason).",
                extensions: [("line", .int(Int64(line))), ("column", .int(Int64(column)))])
    }

    public static let internalError = Problem(status: 500, code: "internal_error",
                                              zh: "服务器内部错误，已记录，请稍后重试。", en: "Internal error; it has been logged. Please try again later.")

    public static let unavailable = Problem(status: 503, code: "unavailable",
                                            zh: "服务暂不可用。", en: "The service is temporarily unavailable.")
}
