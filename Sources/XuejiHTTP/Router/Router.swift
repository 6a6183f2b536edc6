/// Matches method + path to a route. An unknown path is a 404 problem; a known path with another
/// method is a 405 with `Allow`. Errors a handler throws become problem documents through
/// `problem(for:)`, so handlers only ever throw.
public final class Router: Sendable {
    public let routes: [Route]
    private let mapError: @Sendable (Error, Request) -> Problem
    /// The answer to a request whose body passed the server's limit (the body was never read whole):
    /// a problem document unless the application answers pages differently.
    public let tooLarge: @Sendable (Request, Int) -> Response
    /// Routes without parameters by method, then path: most requests are found with two hash lookups.
    private let literal: [String: [String: Route]]
    /// Routes with parameters by their number of segments: a path is only matched against templates
    /// of its own length (the full scan cost ~15 k instructions per request with 50 routes).
    private let templated: [Int: [Route]]

    /// `mapError` turns the application's own errors into problems; `nil` means "not mine", and the
    /// router answers 500 without echoing the error.
    public init(routes: [Route], mapError: @escaping @Sendable (Error, Request) -> Problem? = { _, _ in nil },
                tooLarge: @escaping @Sendable (Request, Int) -> Response = Router.tooLargeProblem) {
        self.routes = routes
        self.tooLarge = tooLarge
        var literal: [String: [String: Route]] = [:]
        for route in routes where !route.segments.contains(where: { if case .parameter = $0 { true } else { false } }) {
            literal[route.method, default: [:]][route.pattern] = route
        }
        self.literal = literal
        self.templated = Dictionary(grouping: routes, by: { $0.segments.count })
        self.mapError = { error, request in
            if let problem = error as? Problem { return problem }
            return mapError(error, request) ?? .internalError
        }
    }

    public static func tooLargeProblem(_ request: Request, _ limit: Int) -> Response {
        var response = Problem.tooLarge(limit: limit).response(english: request.prefersEnglish)
        response.route = "body_limit"
        return response
    }

    public func respond(to request: Request) -> Response {
        // HEAD is answered by the GET route; libmicrohttpd drops the body.
        let method = request.method == "HEAD" ? "GET" : request.method
        if let route = literal[method]?[request.path] { return run(route, request, parameters: [:]) }
        // Split on the byte '/': String.split walks grapheme clusters and cost ~15 k instructions.
        let parts = request.path.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
        var allowed: [String] = []
        var matchedPattern: String? = nil
        for route in templated[parts.count] ?? [] {
            guard let parameters = route.match(parts) else { continue }
            matchedPattern = route.pattern
            guard route.method == method else { allowed.append(route.method); continue }
            return run(route, request, parameters: parameters)
        }
        var response: Response
        if allowed.isEmpty {
            response = Problem.notFound.response(english: request.prefersEnglish)
        } else {
            if allowed.contains("GET") { allowed.append("HEAD") }
            response = Problem.methodNotAllowed(allow: allowed).response(english: request.prefersEnglish)
        }
        response.route = matchedPattern ?? "unmatched"
        return response
    }

    private func run(_ route: Route, _ request: Request, parameters: [String: String]) -> Response {
        var routed = request
        routed.pathParameters = parameters
        var response: Response
        do { response = try route.handler(routed) }
        catch { response = mapError(error, routed).response(english: request.prefersEnglish) }
        response.route = route.pattern
        return response
    }
}
