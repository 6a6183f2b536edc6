/// One page of a keyset-paginated list (API.md "Lists"): the items and the key to continue after.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    /// The last key of this page when more rows follow, else nil.
    public let nextKey: String?

    public init(items: [Item], nextKey: String?) {
        self.items = items
        self.nextKey = nextKey
    }

    /// Builds a page from `limit + 1` fetched rows: the extra row only proves there is more.
    static func from<R>(_ rows: [R], limit: Int, key: (Item) -> String, map: (R) throws -> Item) rethrows -> Page<Item> {
        let items = try rows.prefix(limit).map(map)
        let more = rows.count > limit
        return Page(items: items, nextKey: more ? items.last.map(key) : nil)
    }
}
