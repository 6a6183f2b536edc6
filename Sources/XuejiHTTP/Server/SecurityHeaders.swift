/// Headers every answer carries. The CSP forbids inline scripts and third-party origins: pages use
/// only the binary's own CSS and JS (ARCHITECTURE.md "Interfaces"). `no-store` keeps personal data
/// out of shared caches and the browser's disk cache.
enum SecurityHeaders {
    static let values: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
    ]

    static func apply(to response: inout Response) {
        for (name, value) in values where response.header(name) == nil { response.headers.append((name, value)) }
        if response.header("Cache-Control") == nil { response.headers.append(("Cache-Control", "no-store")) }
    }
}
