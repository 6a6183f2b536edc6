/// Headers every answer carries. Pages may use only the binary's own CSS and JS (no inline script,
/// no third-party origin, ARCHITECTURE.md "Interfaces"); any other answer (JSON, CSV, text) may load
/// nothing at all, as OWASP's REST guidance suggests. `no-store` keeps personal data out of shared
/// caches and the browser's disk cache. Built once as C strings: they go on every response.
enum SecurityHeaders {
    static let pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    static let dataPolicy = "default-src 'none'; frame-ancestors 'none'"

    typealias CHeader = (name: [CChar], value: [CChar])

    static func c(_ name: String, _ value: String) -> CHeader { (Array(name.utf8CString), Array(value.utf8CString)) }

    static let common: [CHeader] = [
        c("X-Content-Type-Options", "nosniff"),
        c("X-Frame-Options", "DENY"),
        c("Referrer-Policy", "no-referrer"),
    ]
    static let page = c("Content-Security-Policy", pagePolicy)
    static let data = c("Content-Security-Policy", dataPolicy)
    static let noStore = c("Cache-Control", "no-store")
}
