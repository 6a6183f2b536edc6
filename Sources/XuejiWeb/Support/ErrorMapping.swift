import XuejiCore
import XuejiHTTP
import XuejiStore

/// Turns the application's errors into problem documents. Domain errors carry their own code and
/// messages; database trouble becomes a 503 without the engine's text (which may quote data).
enum ErrorMapping {
    static func problem(for error: Error, log: Log, request: Request) -> Problem? {
        switch error {
        case let e as DomainError:
            var problem = Problem(status: status(e.kind), code: e.code, zh: e.message.zh, en: e.message.en,
                                  errors: e.fieldErrors.map { .init(field: $0.field, code: $0.code, zh: $0.message.zh, en: $0.message.en) },
                                  extensions: extensions(e.extras))
            if e.kind == .rateLimited, let seconds = e.extras["retry_after"] { problem.headers.append(("Retry-After", seconds)) }
            return problem
        case let e as DatabaseError:
            // The engine's message can quote row values, so only its class and code are logged.
            log.write("database_error", [("request_id", .string(request.requestID)), ("class", .string("\(e.code)")), ("engine_code", JSON(e.engineCode))])
            return e.code == .busy || e.code == .unavailable || e.code == .serializationFailure ? .unavailable : .internalError
        default:
            log.write("internal_error", [("request_id", .string(request.requestID)), ("type", .string(String(describing: type(of: error))))])
            return .internalError
        }
    }

    /// Extra members; a dotted key `existing.number` becomes `"existing": {"number": …}`.
    static func extensions(_ extras: [String: String]) -> [(String, JSON)] {
        var flat: [(String, JSON)] = [], nested: [String: [(String, JSON)]] = [:]
        for (key, value) in extras.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 { nested[parts[0], default: []].append((parts[1], .string(value))) }
            else { flat.append((key, .string(value))) }
        }
        return flat + nested.sorted { $0.key < $1.key }.map { ($0.key, JSON.object($0.value)) }
    }

    static func status(_ kind: DomainError.Kind) -> Int {
        switch kind {
        case .invalid: return 422
        case .malformed: return 400
        case .unauthenticated: return 401
        case .forbidden: return 403
        case .notFound: return 404
        case .conflict: return 409
        case .preconditionFailed: return 412
        case .preconditionRequired: return 428
        case .rateLimited: return 429
        }
    }
}
