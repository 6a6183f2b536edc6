extension StringProtocol {
    /// The text without leading and trailing blanks, the ideographic space (U+3000) included:
    /// Chinese input methods type it, and a name must not differ by an invisible space.
    public var trimmedBlanks: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
