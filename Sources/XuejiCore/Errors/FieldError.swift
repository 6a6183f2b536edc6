/// One invalid input field: which field, a stable code, and a message in both languages.
public struct FieldError: Sendable, Hashable, Error {
    public let field: String
    public let code: String
    public let message: LocalizedText

    public init(field: String, code: String, message: LocalizedText) {
        self.field = field
        self.code = code
        self.message = message
    }
}
