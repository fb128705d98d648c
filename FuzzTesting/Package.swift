// swift-tools-version:6.0
// Fuzzers for the parsers of outside input, one executable each (after swift-protobuf's FuzzTesting).
// Build and run with ./fuzz.sh; the parent package is the code under test.
import PackageDescription

let package = Package(
    name: "FuzzTesting",
    dependencies: [.package(name: "OpsBot", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzCSVReader", dependencies: [.product(name: "OpsCore", package: "OpsBot")]),
        .executableTarget(
            name: "FuzzColumnMapper", dependencies: [.product(name: "OpsCore", package: "OpsBot")]),
        .executableTarget(
            name: "FuzzImporter", dependencies: [.product(name: "OpsCore", package: "OpsBot")]),
        .executableTarget(
            name: "FuzzIntentParser",
            dependencies: [.product(name: "OpsChat", package: "OpsBot"), .product(name: "OpsCore", package: "OpsBot")]),
        .executableTarget(
            name: "FuzzHTTPRequest", dependencies: [.product(name: "OpsNetwork", package: "OpsBot")]),
        .executableTarget(
            name: "FuzzTelegramUpdate", dependencies: [.product(name: "OpsNetwork", package: "OpsBot")]),
        .executableTarget(
            name: "FuzzWebSocketFrame", dependencies: [.product(name: "OpsNetwork", package: "OpsBot")]),
        .executableTarget(
            name: "FuzzSlackEvent",
            dependencies: [
                .product(name: "OpsNetwork", package: "OpsBot"), .product(name: "OpsChat", package: "OpsBot"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
