// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "OpsBot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "opsbot", targets: ["opsbot"]),
        .executable(name: "opsbot-bench", targets: ["opsbot-bench"]),
        .library(name: "OpsCore", targets: ["OpsCore"]),
        .library(name: "OpsChat", targets: ["OpsChat"]),
        .library(name: "OpsNetwork", targets: ["OpsNetwork"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        .target(name: "OpsCore", dependencies: ["CSQLite", "CCrypto", "CZlib"]),
        .target(name: "OpsChat", dependencies: ["OpsCore"]),
        .target(name: "OpsNetwork", dependencies: ["OpsChat", "OpsCore", "CCurl", "CCrypto"]),
        .executableTarget(name: "opsbot", dependencies: ["OpsNetwork", "OpsChat", "OpsCore"]),
        .executableTarget(
            name: "opsbot-bench", dependencies: ["OpsChat", "OpsCore", "OpsNetwork", "OpsNetworkTestSupport"]),
        .target(name: "OpsTestSupport", dependencies: ["OpsChat", "OpsCore", "CZlib"]),
        .target(name: "OpsNetworkTestSupport", dependencies: ["OpsNetwork"]),
        .testTarget(name: "OpsCoreTests", dependencies: ["OpsCore", "OpsTestSupport"]),
        .testTarget(name: "OpsChatTests", dependencies: ["OpsChat", "OpsCore", "OpsTestSupport"]),
        .testTarget(
            name: "OpsNetworkTests",
            dependencies: ["OpsNetwork", "OpsChat", "OpsCore", "OpsTestSupport", "OpsNetworkTestSupport"]),
        .testTarget(
            name: "opsbotTests",
            dependencies: ["opsbot", "OpsNetwork", "OpsCore", "OpsTestSupport", "OpsNetworkTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
