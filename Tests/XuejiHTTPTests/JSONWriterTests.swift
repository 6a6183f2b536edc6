import Testing
@testable import XuejiHTTP

/// The writer must give exactly what the `JSON` encoder gives for the same members in the same order.
struct JSONWriterTests {
    @Test func matchesTheEncoderByteForByte() {
        let tree: JSON = ["number": "G11010520170301002X", "name": "李<小>华 \"&\"", "grade": 3, "masked": true, "disability": nil,
                          "guardians": [["name": "父", "phone": "138****5678", "id_type": nil], [:]], "empty": [],
                          "nested": ["a": [1, 2, ["b": false]]], "line": "a\nb\tc\u{01}"]
        var w = JSONWriter()
        w.beginObject()
        w.field("number", "G11010520170301002X"); w.field("name", "李<小>华 \"&\""); w.field("grade", 3); w.field("masked", true)
        w.field("disability", nil as String?)
        w.key("guardians")
        w.beginArray()
        w.beginObject(); w.field("name", "父"); w.field("phone", "138****5678"); w.field("id_type", nil as String?); w.endObject()
        w.beginObject(); w.endObject()
        w.endArray()
        w.key("empty"); w.beginArray(); w.endArray()
        w.key("nested"); w.beginObject(); w.key("a"); w.beginArray(); w.int(1); w.int(2)
        w.beginObject(); w.field("b", false); w.endObject(); w.endArray(); w.endObject()
        w.field("line", "a\nb\tc\u{01}")
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == tree.text)
    }
}
