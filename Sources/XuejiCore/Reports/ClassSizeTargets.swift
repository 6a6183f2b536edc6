/// The targets class sizes are held to (DOMAIN.md §5 "Class and school size"): the share of a
/// county's classes that may be 大班额 (56 or more) and 超大班额 (66 or more), in per mille. The
/// defaults follow the ministry's plans of 2018–2020 to "basically eliminate" both, read as under
/// 5 % large and no super-large; each is a province setting, so a province holds itself to its own.
public struct ClassSizeTargets: Sendable, Equatable {
    public var largePermille = 50
    public var superLargePermille = 0

    public init() {}

    public static let names: [(name: String, range: ClosedRange<Int>)] = [("large_class_target_permille", 0...1000),
                                                                          ("super_large_class_target_permille", 0...1000)]

    public init(overrides: [String: String]) {
        if let v = overrides["large_class_target_permille"].flatMap(Int.init) { largePermille = v }
        if let v = overrides["super_large_class_target_permille"].flatMap(Int.init) { superLargePermille = v }
    }

    /// One school's classes: all of them, those of 56 or more, those of 66 or more.
    public struct School: Sendable, Equatable {
        public let code: String
        public let classes: Int
        public let large: Int
        public let superLarge: Int

        public init(code: String, classes: Int, large: Int, superLarge: Int) {
            self.code = code
            self.classes = classes
            self.large = large
            self.superLarge = superLarge
        }
    }

    /// A county against the targets, and the schools that push it over: the fewest schools, most
    /// large classes first, whose large classes split into normal ones would bring the county within
    /// both targets (a school with super-large classes first while that target is missed).
    public struct Assessment: Sendable, Equatable {
        public let classes: Int
        public let large: Int
        public let superLarge: Int
        public let over: Bool
        public let pushing: [School]
    }

    public func assess(_ schools: [School]) -> Assessment {
        let classes = schools.reduce(0) { $0 + $1.classes }
        let large = schools.reduce(0) { $0 + $1.large }, superLarge = schools.reduce(0) { $0 + $1.superLarge }
        let allowedLarge = classes * largePermille / 1000, allowedSuper = classes * superLargePermille / 1000
        var (leftLarge, leftSuper) = (large, superLarge)
        var remaining = schools.filter { $0.large > 0 }
        var pushing: [School] = []
        while leftLarge > allowedLarge || leftSuper > allowedSuper, !remaining.isEmpty {
            let needSuper = leftSuper > allowedSuper
            let i = remaining.indices.max { a, b in
                let x = remaining[a], y = remaining[b]
                return (needSuper ? x.superLarge : 0, x.large, y.code) < (needSuper ? y.superLarge : 0, y.large, x.code)
            }!
            let school = remaining.remove(at: i)
            pushing.append(school)
            leftLarge -= school.large
            leftSuper -= school.superLarge
        }
        return Assessment(classes: classes, large: large, superLarge: superLarge, over: large > allowedLarge || superLarge > allowedSuper, pushing: pushing)
    }
}
