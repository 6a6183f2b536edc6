extension StringProtocol {
    /// The text without leading and trailing blanks, the ideographic space (U+3000) included:
    /// Chinese input methods type it, and a name must not differ by an invisible space.
    ///
    /// Every cell of an import passes through here, so blanks are recognised from a fixed list of
    /// scalars (Unicode's White_Space set) rather than by Unicode property lookups on characters,
    /// which cost a tenth of an import's time.
    public var trimmedBlanks: String {
        let scalars = String(self).unicodeScalars
        guard let start = scalars.firstIndex(where: { !Self.isBlank($0.value) }) else { return "" }
        let end = scalars.lastIndex(where: { !Self.isBlank($0.value) }) ?? start
        if start == scalars.startIndex && scalars.index(after: end) == scalars.endIndex { return String(self) }
        return String(scalars[start...end])
    }

    /// Unicode's White_Space characters.
    @inline(__always)
    static func isBlank(_ v: UInt32) -> Bool {
        switch v {
        case 0x20, 0x09...0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
