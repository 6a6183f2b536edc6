// swift-tools-version:6.0
// Xueji (学籍): the student-status registry. See docs/architecture.md for the module map.
import PackageDescription

let package = Package(
    name: "Xueji",
    products: [
        .executable(name: "xueji", targets: ["xueji"]),
    ],
    targets: [
        // C libraries from Debian, each wrapped as a system library (modulemap + shim.h).
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CMiniZip", pkgConfig: "minizip", providers: [.apt(["libminizip-dev"])]),

        .target(name: "XuejiCore"),
        .target(
            name: "XuejiStore",
            dependencies: ["XuejiCore", "CSQLite", "CLibPQ"],
            resources: [.copy("Migrations"), .copy("Data")]
        ),
        .target(name: "XuejiServices", dependencies: ["XuejiCore", "XuejiStore", "CSodium", "CXLSXWriter", "CMiniZip"]),
        .target(name: "XuejiHTTP", dependencies: ["CMicroHTTPD"]),
        .target(
            name: "XuejiWeb",
            dependencies: ["XuejiServices", "XuejiHTTP"],
            resources: [.copy("Resources")]
        ),
        .executableTarget(name: "xueji", dependencies: ["XuejiWeb", "XuejiServices", "XuejiStore", "XuejiHTTP", "XuejiCore"]),

        // Test-only helpers: throwaway databases on both engines, a server process, an HTTP client.
        .target(name: "XuejiTestSupport", dependencies: ["XuejiStore", "XuejiHTTP"], path: "Tests/XuejiTestSupport"),
        .testTarget(name: "XuejiCoreTests", dependencies: ["XuejiCore"]),
        .testTarget(name: "XuejiStoreTests", dependencies: ["XuejiStore", "XuejiTestSupport"]),
        .testTarget(name: "XuejiServicesTests", dependencies: ["XuejiServices", "XuejiTestSupport"]),
        .testTarget(name: "XuejiHTTPTests", dependencies: ["XuejiHTTP"]),
        .testTarget(name: "XuejiWebTests", dependencies: ["XuejiWeb", "XuejiTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["xueji", "XuejiTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
