/// A message in the two languages Xueji speaks: Simplified Chinese (the default) and English.
///
/// Every message a user can see is written in both at the place where the failure is defined, so a
/// missing translation is a compile error rather than a blank on screen.
public struct LocalizedText: Sendable, Hashable {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(in language: Language) -> String {
        language == .en ? en : zh
    }
}

/// The user's language, chosen from `Accept-Language` or the remembered switch. zh-Hans is the default.
public enum Language: String, Sendable {
    case zh = "zh-Hans"
    case en = "en"

    public init(prefersEnglish: Bool) { self = prefersEnglish ? .en : .zh }
}

