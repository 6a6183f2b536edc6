import Testing
@testable import XuejiHTTP

struct JSONParserTests {
    func parse(_ text: String) throws(JSONParser.Failure) -> JSON { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#"{"s":"学籍\n\u00e9\ud83d\ude00","i":-12,"d":1.5e2,"t":true,"f":false,"n":null,"a":[1,[]],"o":{}}"#)
        #expect(value["s"] == .string("学籍\né😀"))
        #expect(value["i"] == .int(-12))
        #expect(value["d"] == .double(150))
        #expect(value["t"] == .bool(true) && value["f"] == .bool(false) && value["n"] == .null)
        #expect(value["a"] == .array([.int(1), .array([])]))
        #expect(value["o"] == .object([]))
    }

    @Test(arguments: [
        (#"{"a": 1,}"#, 1, 9) ,          // trailing comma, which Foundation accepts
        ("{\n  \"a\": tru\n}", 2, 8),
        (#"[1, 2"#, 1, 6),
        (#"{"a":1} x"#, 1, 9),
        (#"{"a":1,"a":2}"#, 1, 8),        // duplicate member name
        (#"{"a":01}"#, 1, 7),
        (#"{"a":"\ud800"}"#, 1, 13),     // lone surrogate
        ("", 1, 1),
    ])
    func malformedInputNamesTheLineAndColumn(text: String, line: Int, column: Int) {
        do {
            _ = try parse(text)
            Issue.record("accepted malformed JSON: \(text)")
        } catch {
            #expect(error.line == line && error.column == column, "\(error.reason) at \(error.line):\(error.column)")
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.Failure.self) { try parse(deep) }
    }

    @Test func hugeIntegersBecomeDoublesAndOverflowIsRefused() throws {
        #expect(try parse("9223372036854775807") == .int(Int64.max))
        #expect(try parse("9223372036854775808") == .double(9223372036854775808))
        #expect(throws: JSONParser.Failure.self) { try parse("1e400") }
    }

    @Test func encodingEscapesMarkupAndControlCharacters() throws {
        let value: JSON = ["k": .string("<script>\"&\u{1}\n"), "n": .int(3), "d": .double(2.5)]
        #expect(value.text == #"{"k":"\u003cscript\u003e\"\u0026\u0001\n","n":3,"d":2.5}"#)
        #expect(try parse(value.text) == value)
    }
}
