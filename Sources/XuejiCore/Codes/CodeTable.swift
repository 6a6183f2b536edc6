/// One versioned code table: codes with their zh-Hans and en labels.
public struct CodeTable: Sendable {
    public struct Entry: Sendable, Hashable {
        public let code: String
        public let label: LocalizedText
    }

    public let name: String
    public let version: String
    public let entries: [Entry]
    private let byCode: [String: Int]
    private let byLabel: [String: String]

    public init(name: String, version: String, entries: [(String, String, String)]) {
        self.name = name
        self.version = version
        self.entries = entries.map { Entry(code: $0.0, label: LocalizedText(zh: $0.1, en: $0.2)) }
        var byCode: [String: Int] = [:], byLabel: [String: String] = [:]
        for (i, e) in self.entries.enumerated() {
            byCode[e.code] = i
            byLabel[e.label.zh] = e.code
            byLabel[e.label.en.lowercased()] = e.code
        }
        self.byCode = byCode
        self.byLabel = byLabel
    }

    public func contains(_ code: String) -> Bool { byCode[code] != nil }

    public func label(_ code: String) -> LocalizedText? { byCode[code].map { entries[$0].label } }

    /// The code for a code or a label as people write them in spreadsheets ("1" or "男", "01" or "汉族").
    public func code(forCodeOrLabel text: String) -> String? {
        let t = text.trimmedBlanks
        if byCode[t] != nil { return t }
        return byLabel[t] ?? byLabel[t.lowercased()]
    }
}
