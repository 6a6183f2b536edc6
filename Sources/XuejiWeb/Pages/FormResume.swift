import XuejiCore
import XuejiHTTP
import XuejiServices

/// What a user typed survives a session that expired while they typed (issue 7): a form posted
/// without a live session is answered with the login page, which carries the typed text in hidden
/// fields (never a password, a token or a file); after logging in, the same form is shown again,
/// filled in, for the user to check and send. Nothing is sent on their behalf, and the text goes
/// back only to the browser it came from (no log, no storage). Only known form pages are resumed,
/// so the carried path is never a redirect target.
enum FormResume {
    static let prefix = "resume_"
    static let pathField = "resume_to"

    /// The text fields of a form post, at most 80 fields of at most 4,000 characters each.
    static func fields(of request: Request) -> [String: String] {
        var out: [String: String] = [:]
        if !request.formParts.isEmpty {
            for part in request.formParts where part.filename == nil && out.count < 80 {
                out[part.name] = String(decoding: part.data.prefix(4000), as: UTF8.self)
            }
        } else {
            for (k, v) in request.form where out.count < 80 { out[k] = String(v.prefix(4000)) }
        }
        for secret in ["csrf_token", "password", "form_key"] { out[secret] = nil }
        return out
    }

    /// The hidden inputs the login form carries.
    static func hidden(path: String, fields: [String: String]) -> HTML {
        guard page(for: path) != nil else { return "" }
        let inputs: [HTML] = fields.sorted { $0.key < $1.key }.map { "<input type=\"hidden\" name=\"\(prefix + $0.key)\" value=\"\($0.value)\">" }
        return "<input type=\"hidden\" name=\"\(pathField)\" value=\"\(path)\">\(inputs.joined())"
    }

    /// The carried path and values of a login form, when it carries any.
    static func carried(_ form: [String: String]) -> (path: String, values: [String: String])? {
        guard let path = form[pathField], page(for: path) != nil else { return nil }
        var values: [String: String] = [:]
        for (k, v) in form where k.hasPrefix(prefix) && k != pathField { values[String(k.dropFirst(prefix.count))] = v }
        return (path, values)
    }

    enum Page { case registration, edit(String), transfer, change(String) }

    static func page(for path: String) -> Page? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 3 where path == "/pupils/new": return .registration
        case 3 where path == "/changes/new-transfer": return .transfer
        case 4 where parts[1] == "pupils" && parts[3] == "edit" && parts[2].utf8.count == 19: return .edit(parts[2])
        case 4 where parts[1] == "changes" && ["approve", "reject", "cancel"].contains(parts[3]) && parts[2].utf8.count <= 40: return .change(parts[2])
        default: return nil
        }
    }

    /// The form page, filled in with what was carried, for the user who just logged in.
    static func render(_ carried: (path: String, values: [String: String]), request: Request, identity: SessionIdentity, context: RouteContext) throws -> Response {
        switch page(for: carried.path) {
        case .registration: return RegistrationPage.form(request, identity: identity, values: carried.values)
        case .transfer: return TransferPage.form(request, identity: identity, context: context, values: carried.values)
        case .edit(let number): return try EditPage.form(request, number: number, identity: identity, context: context, values: carried.values)
        case .change(let id): return try ChangePages.detail(request, id: id, identity: identity, context: context, values: carried.values)
        case nil: return PageLayout.redirect("/")
        }
    }

    static let expired = LocalizedText(zh: "登录已过期。请重新登录，您填写的内容会保留。", en: "Your session has expired. Log in again; what you typed is kept.")
}
