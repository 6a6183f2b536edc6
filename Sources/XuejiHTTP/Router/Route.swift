/// The function that answers a request.
public typealias Handler = @Sendable (Request) throws -> Response

/// A method and a path template such as `/api/v1/schools/{code}/classes`, with its handler.
public struct Route: Sendable {
    public let method: String
    public let pattern: String
    let segments: [Segment]
    let handler: Handler

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    public init(_ method: String, _ pattern: String, handler: @escaping Handler) {
        self.method = method
        self.pattern = pattern
        self.segments = pattern.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        self.handler = handler
    }

    /// The path parameters when `parts` matches this template, else nil.
    func match(_ parts: [Substring]) -> [String: String]? {
        guard parts.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text): if text != part { return nil }
            case .parameter(let name): parameters[name] = String(part)
            }
        }
        return parameters
    }
}
