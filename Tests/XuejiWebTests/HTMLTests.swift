import Testing
@testable import XuejiWeb

/// Text interpolated into `HTML` is escaped; only `HTML` values go in as markup.
struct HTMLTests {
    @Test func interpolatedTextIsEscaped() {
        let name = "<script>alert('x')</script> & \"李\""
        let page: HTML = "<p title=\"\(name)\">\(name)</p>"
        #expect(page.rendered == "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;李&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;李&quot;</p>")
    }

    @Test func htmlValuesAreInsertedAsMarkup() {
        let items: [HTML] = ["a", "b"].map { "<li>\($0)</li>" }
        let list: HTML = "<ul>\(items.joined())</ul>"
        #expect(list.rendered == "<ul><li>a</li><li>b</li></ul>")
    }
}
