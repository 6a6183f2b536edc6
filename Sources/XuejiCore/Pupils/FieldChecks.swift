/// The field-level checks `PupilRules` is made of, collecting failures instead of stopping at the first.
struct FieldChecks {
    var errors: [FieldError] = []

    mutating func add(_ field: String, _ code: String, zh: String, en: String) {
        errors.append(FieldError(field: field, code: code, message: LocalizedText(zh: zh, en: en)))
    }

    func finish() throws {
        if !errors.isEmpty { throw DomainError.validation(errors) }
    }

    @discardableResult
    mutating func required(_ value: String?, field: String) -> String? {
        guard let v = value?.trimmedBlanks, !v.isEmpty else {
            add(field, "required", zh: "必填。", en: "Required.")
            return nil
        }
        return v
    }

    mutating func code(_ value: String?, _ table: CodeTable, field: String) -> String? {
        guard let v = required(value, field: field) else { return nil }
        if let code = table.code(forCodeOrLabel: v) { return code }
        add(field, "invalid_code", zh: "“\(v)”不是\(table.name)代码表中的值。", en: "\"\(v)\" is not a code of the \(table.name) table.")
        return nil
    }

    mutating func text(_ value: String?, field: String, max: Int) -> String? {
        guard let v = required(value, field: field) else { return nil }
        if v.count > max {
            add(field, "too_long", zh: "不能超过\(max)个字符。", en: "At most \(max) characters.")
            return nil
        }
        if v.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            add(field, "control_characters", zh: "含有不可见的控制字符。", en: "Contains control characters.")
            return nil
        }
        return v
    }

    /// A person's name: letters of any script, with the separators names use (· • . - and spaces).
    mutating func name(_ value: String?, field: String) -> String? {
        guard let v = text(value, field: field, max: PupilRules.maxNameLength) else { return nil }
        let allowed: Set<Character> = ["·", "•", ".", "-", " ", "\u{00B7}"]
        if v.contains(where: { !($0.isLetter || allowed.contains($0)) }) {
            add(field, "invalid_name", zh: "姓名只能包含文字和“·”。", en: "A name holds letters and '·' only.")
            return nil
        }
        return v
    }

    mutating func date(_ value: String?, field: String, notAfter limit: CivilDate) -> CivilDate? {
        guard let v = required(value, field: field) else { return nil }
        guard let date = CivilDate(v) else {
            add(field, "invalid_date", zh: "日期应为真实存在的日期，格式YYYY-MM-DD。", en: "A real date, written YYYY-MM-DD.")
            return nil
        }
        if date > limit {
            add(field, "date_in_future", zh: "日期不能晚于\(limit)。", en: "The date may not be after \(limit).")
            return nil
        }
        return date
    }

    /// A division code that exists today or existed at some time (records keep old codes).
    mutating func division(_ value: String?, field: String, isCurrent: (String) -> Bool, history: DivisionHistory) -> String? {
        guard let v = required(value, field: field) else { return nil }
        guard let code = DivisionCode(v), code.level != .nation else {
            add(field, "invalid_division_code", zh: "行政区划代码为6位数字。", en: "A division code has 6 digits.")
            return nil
        }
        guard isCurrent(code.rawValue) || history.isKnown(code.rawValue) else {
            add(field, "unknown_region", zh: "行政区划代码不存在。", en: "No such division code.")
            return nil
        }
        return code.rawValue
    }

    /// A phone number: digits with an optional leading + and separators; 7 to 15 digits.
    mutating func phone(_ value: String?, field: String) -> String? {
        guard let v = required(value, field: field) else { return nil }
        let separators: Set<Character> = ["-", " ", "(", ")"]
        var digits = ""
        for (i, c) in v.enumerated() {
            if c.isASCII && c.isNumber { digits.append(c) }
            else if c == "+" && i == 0 { continue }
            else if separators.contains(c) { continue }
            else {
                add(field, "invalid_phone", zh: "电话号码只能包含数字。", en: "A phone number holds digits only.")
                return nil
            }
        }
        guard (7...15).contains(digits.count) else {
            add(field, "invalid_phone", zh: "电话号码应为7–15位数字。", en: "A phone number has 7 to 15 digits.")
            return nil
        }
        return digits
    }

    /// A passport or permit number: 4–30 letters and digits.
    mutating func documentNumber(_ value: String, field: String) -> String? {
        let v = value.uppercased()
        guard (4...30).contains(v.count), v.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            add(field, "invalid_document_number", zh: "证件号码为4–30位字母或数字。", en: "A document number is 4–30 letters or digits.")
            return nil
        }
        return v
    }
}
