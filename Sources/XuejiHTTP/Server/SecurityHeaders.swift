/// Headers every answer carries. Pages may use only the binary's own CSS and JS (no inline script,
/// no third-party origin, ARCHITECTURE.md "Interfaces"), may not be framed, and send no referrer;
/// any other answer (JSON, CSV, text) may load nothing and be framed nowhere, as OWASP's REST
/// guidance suggests (`frame-ancestors` is what every current browser obeys; the legacy
/// `X-Frame-Options` and `Referrer-Policy` only matter for documents, so only pages carry them).
/// `no-store` keeps personal data out of shared caches and the browser's disk cache. Built once as
/// C strings: libmicrohttpd copies each header per response, at a measurable cost.
enum SecurityHeaders {
    static let pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    static let dataPolicy = "default-src 'none'; frame-ancestors 'none'"

    typealias CHeader = (name: [CChar], value: [CChar])

    static func c(_ name: String, _ value: String) -> CHeader { (Array(name.utf8CString), Array(value.utf8CString)) }

    static let data: [CHeader] = [
        c("X-Content-Type-Options", "nosniff"),
        c("Content-Security-Policy", dataPolicy),
    ]
    static let page: [CHeader] = [
        c("X-Content-Type-Options", "nosniff"),
        c("Content-Security-Policy", pagePolicy),
        c("X-Frame-Options", "DENY"),
        c("Referrer-Policy", "no-referrer"),
    ]
    static let noStore = c("Cache-Control", "no-store")
}
