/// The command line split into positional words and `--flag value` / `--flag=value` / `--switch`
/// options. Each command declares which options it knows; anything else is a usage error.
struct Arguments {
    var positional: [String] = []
    var options: [String: String] = [:]
    var switches: Set<String> = []

    /// Parses `words` knowing which options take a value and which are switches.
    init(_ words: [String], valued: Set<String>, switches known: Set<String>) throws {
        var i = 0
        while i < words.count {
            let word = words[i]
            if word == "--" { positional += words[(i + 1)...]; break }
            if word.hasPrefix("--") {
                let body = String(word.dropFirst(2))
                let name = body.split(separator: "=", maxSplits: 1).first.map(String.init) ?? body
                if known.contains(name) {
                    guard !body.contains("=") else { throw UsageError("--\(name) takes no value") }
                    switches.insert(name)
                } else if valued.contains(name) {
                    if let eq = body.firstIndex(of: "=") {
                        options[name] = String(body[body.index(after: eq)...])
                    } else {
                        guard i + 1 < words.count else { throw UsageError("--\(name) needs a value") }
                        i += 1
                        options[name] = words[i]
                    }
                } else {
                    throw UsageError("unknown option --\(name)")
                }
            } else if word == "-h" {
                switches.insert("help")
            } else {
                positional.append(word)
            }
            i += 1
        }
    }

    func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = options[name] else { return value }
        guard let n = Int(text), range.contains(n) else { throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)") }
        return n
    }
}

/// A mistake in how a command was called. Exit code 64 (EX_USAGE, sysexits.h).
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
