import XuejiCore
import XuejiHTTP

/// The pieces every form page is made of: a labelled field that keeps what the user typed and shows
/// its own errors beside it (in the page's language), a choice from a code table, and the message at
/// the top. Each field's error has the id `error-<field>`, which the browser tests look for.
struct FormKit {
    let en: Bool
    /// Errors by field name, in the page's language.
    let errors: [String: [String]]
    let values: [String: String]

    init(_ request: Request, values: [String: String], error: DomainError?, rename: (String) -> String = { $0 }) {
        let en = PageLayout.english(request)
        self.en = en
        var byField: [String: [String]] = [:]
        for f in error?.fieldErrors ?? [] { byField[rename(f.field), default: []].append(en ? f.message.en : f.message.zh) }
        errors = byField
        self.values = values
        top = error.map { e in "<p class=\"error\" role=\"alert\" id=\"form-error\">\(en ? e.message.en : e.message.zh)</p>" } ?? ""
    }

    /// The form's own message (the error's summary), or nothing.
    let top: HTML

    func t(_ zh: String, _ e: String) -> String { en ? e : zh }

    func errorText(_ field: String) -> HTML {
        let texts: [HTML] = (errors[field] ?? []).map { "<span class=\"error\" id=\"error-\(field)\">\($0)</span>" }
        return texts.joined()
    }

    /// A text input with its label; `extra` are further attributes (trusted markup written here).
    func text(_ field: String, _ zh: String, _ e: String, fallback: String = "", type: String = "text", extra: HTML = "", hint: String? = nil) -> HTML {
        let value = values[field] ?? fallback
        let note: HTML = hint.map { "<span class=\"hint\" id=\"hint-\(field)\">\($0)</span>" } ?? ""
        let invalid: HTML = errors[field] == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"error-\(field)\""
        return "<label for=\"\(field)\">\(t(zh, e))</label><input type=\"\(type)\" id=\"\(field)\" name=\"\(field)\" value=\"\(value)\"\(invalid) \(extra)>\(note)\(errorText(field))"
    }

    /// A choice from a code table, codes shown with their labels in the page's language.
    func select(_ field: String, _ zh: String, _ e: String, table: CodeTable, fallback: String = "", extra: HTML = "") -> HTML {
        let value = values[field] ?? fallback
        let options: [HTML] = [HTML("<option value=\"\"></option>")] + table.entries.map { entry in
            "<option value=\"\(entry.code)\"\(entry.code == value ? HTML(trusted: " selected") : "")>\(entry.code) \(en ? entry.label.en : entry.label.zh)</option>"
        }
        return "<label for=\"\(field)\">\(t(zh, e))</label><select id=\"\(field)\" name=\"\(field)\" \(extra)>\(options.joined())</select>\(errorText(field))"
    }

    /// A yes/no box (value 1 when ticked).
    func checkbox(_ field: String, _ zh: String, _ e: String, extra: HTML = "") -> HTML {
        "<label><input type=\"checkbox\" id=\"\(field)\" name=\"\(field)\" value=\"1\"\(values[field] == "1" ? HTML(trusted: " checked") : "") \(extra)> \(t(zh, e))</label>\(errorText(field))"
    }

    /// The hidden CSRF field every posting form carries.
    static func csrf(_ token: String) -> HTML { "<input type=\"hidden\" name=\"csrf_token\" value=\"\(token)\">" }
}
