import XuejiCore
import XuejiHTTP

/// Reads typed fields out of a JSON object body, collecting every type error so one 422 names
/// them all (API.md "Errors": 422 with `errors[]` per field).
struct BodyReader {
    let object: JSON
    private(set) var errors: [FieldError] = []

    init(_ request: Request) throws {
        let json = try request.json()
        guard case .object = json else {
            throw DomainError(.invalid, code: "validation_failed", message: LocalizedText(zh: "请求体必须是 JSON 对象。", en: "The body must be a JSON object."),
                              fieldErrors: [FieldError(field: "", code: "expected_object", message: LocalizedText(zh: "应为对象。", en: "Expected an object."))])
        }
        object = json
    }

    mutating func string(_ field: String, required: Bool = true) -> String? {
        guard let value = object[field], !value.isNull else {
            if required { missing(field) }
            return nil
        }
        guard case .string(let s) = value else { wrongType(field, expected: "string", zh: "字符串", got: value); return nil }
        return s
    }

    mutating func int(_ field: String, required: Bool = true) -> Int? {
        guard let value = object[field], !value.isNull else {
            if required { missing(field) }
            return nil
        }
        guard case .int(let i) = value, let n = Int(exactly: i) else { wrongType(field, expected: "integer", zh: "整数", got: value); return nil }
        return n
    }

    mutating func bool(_ field: String) -> Bool? {
        guard let value = object[field], !value.isNull else { return nil }
        guard case .bool(let b) = value else { wrongType(field, expected: "boolean", zh: "布尔值", got: value); return nil }
        return b
    }

    mutating func intArray(_ field: String) -> [Int]? {
        guard let value = object[field], !value.isNull else { missing(field); return nil }
        guard case .array(let items) = value else { wrongType(field, expected: "array of integers", zh: "整数数组", got: value); return nil }
        var out: [Int] = []
        for item in items {
            guard case .int(let i) = item, let n = Int(exactly: i) else { wrongType(field, expected: "array of integers", zh: "整数数组", got: item); return nil }
            out.append(n)
        }
        return out
    }

    /// An array of objects (absent: empty).
    mutating func objects(_ field: String) -> [JSON] {
        guard let value = object[field], !value.isNull else { return [] }
        guard case .array(let items) = value, items.allSatisfy({ if case .object = $0 { true } else { false } }) else {
            wrongType(field, expected: "array of objects", zh: "对象数组", got: value)
            return []
        }
        return items
    }

    /// An array of strings.
    mutating func strings(_ field: String) -> [String]? {
        guard let value = object[field], !value.isNull else { missing(field); return nil }
        guard case .array(let items) = value else { wrongType(field, expected: "array of strings", zh: "字符串数组", got: value); return nil }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { wrongType(field, expected: "array of strings", zh: "字符串数组", got: item); return nil }
            out.append(s)
        }
        return out
    }

    /// Throws the 422 when any field was missing or of the wrong type.
    func finish() throws {
        if !errors.isEmpty { throw DomainError.validation(errors) }
    }

    private mutating func missing(_ field: String) {
        errors.append(FieldError(field: field, code: "required", message: LocalizedText(zh: "必填。", en: "Required.")))
    }

    private mutating func wrongType(_ field: String, expected: String, zh: String, got: JSON) {
        errors.append(FieldError(field: field, code: "wrong_type",
                                 message: LocalizedText(zh: "应为\(zh)，收到的是\(got.typeName)。", en: "Expected \(expected), got \(got.typeName).")))
    }
}
