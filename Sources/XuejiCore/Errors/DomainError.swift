/// A refusal the user caused: a stable machine code, a kind that decides the HTTP status and the
/// exit code, a message in zh-Hans and en, and the field errors when input was invalid.
///
/// Codes are part of the API contract (API.md "Errors"); once published, a code never changes meaning.
public struct DomainError: Error, Sendable {
    public enum Kind: Sendable {
        /// Well-formed but invalid input (HTTP 422).
        case invalid
        /// Malformed input (HTTP 400).
        case malformed
        /// Not logged in (HTTP 401).
        case unauthenticated
        /// Logged in, but the role may not do this (HTTP 403).
        case forbidden
        /// Unknown, or outside the caller's scope: never reveal which (HTTP 404).
        case notFound
        /// Conflicts with the current state (HTTP 409).
        case conflict
        /// A stale `If-Match` (HTTP 412).
        case preconditionFailed
        /// An update sent without `If-Match` (HTTP 428).
        case preconditionRequired
        /// Too many attempts (HTTP 429).
        case rateLimited
    }

    public let kind: Kind
    public let code: String
    public let message: LocalizedText
    public let fieldErrors: [FieldError]
    /// Extra members for the problem document, e.g. `existing` for `duplicate_identity`.
    public let extras: [String: String]

    public init(_ kind: Kind, code: String, message: LocalizedText, fieldErrors: [FieldError] = [], extras: [String: String] = [:]) {
        self.kind = kind
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
        self.extras = extras
    }

    /// The 422 answer listing every invalid field at once.
    public static func validation(_ errors: [FieldError]) -> DomainError {
        DomainError(.invalid, code: "validation_failed",
                    message: LocalizedText(zh: "提交的数据有误，请按字段提示修改。", en: "Some fields are invalid; see the field errors."),
                    fieldErrors: errors)
    }

    public static func notFound(_ what: LocalizedText) -> DomainError {
        DomainError(.notFound, code: "not_found",
                    message: LocalizedText(zh: "未找到\(what.zh)。", en: "No such \(what.en)."))
    }

    public static let forbidden = DomainError(
        .forbidden, code: "forbidden",
        message: LocalizedText(zh: "您的角色无权执行此操作。", en: "Your role may not do this."))

    public static let unauthenticated = DomainError(
        .unauthenticated, code: "unauthenticated",
        message: LocalizedText(zh: "请先登录。", en: "Please log in first."))
}
