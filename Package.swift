// swift-tools-version: 6.0
// kg: a knowledge-graph builder for Chinese industry and policy news.
// Modules have one job each; everything depends downward on KGModel, only KGStore sees the C
// library, only the `kg` executable sees ArgumentParser.
import PackageDescription

let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "kg",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kg", targets: ["kg"]),
        .library(name: "KGPipeline", targets: ["KGPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "KGModel", swiftSettings: strict),
        .target(name: "KGText", dependencies: ["KGModel"], swiftSettings: strict),
        .target(name: "KGExtract", dependencies: ["KGModel", "KGText"], swiftSettings: strict),
        .target(name: "KGStore", dependencies: ["KGModel", "CSQLite"], swiftSettings: strict),
        .target(name: "KGExport", dependencies: ["KGModel"], swiftSettings: strict),
        .target(name: "KGQuery", dependencies: ["KGModel", "KGStore"], swiftSettings: strict),
        .target(
            name: "KGPipeline",
            dependencies: ["KGModel", "KGText", "KGExtract", "KGStore", "KGExport"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kg",
            dependencies: [
                "KGModel", "KGText", "KGExtract", "KGStore", "KGExport", "KGQuery", "KGPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kg-bench", dependencies: ["KGModel", "KGText", "KGStore", "KGExport", "KGQuery"],
            swiftSettings: strict),
        .testTarget(name: "KGModelTests", dependencies: ["KGModel"]),
        .testTarget(name: "KGTextTests", dependencies: ["KGText"], exclude: ["Fixtures"]),
        .testTarget(name: "KGExtractTests", dependencies: ["KGExtract", "KGText"], exclude: ["Fixtures"]),
        .testTarget(name: "KGStoreTests", dependencies: ["KGStore"]),
        .testTarget(name: "KGExportTests", dependencies: ["KGExport", "KGStore"], exclude: ["Golden"]),
        .testTarget(name: "KGQueryTests", dependencies: ["KGQuery", "KGStore"]),
        .testTarget(name: "KGPipelineTests", dependencies: ["KGPipeline"]),
        .testTarget(name: "EndToEndTests", dependencies: ["KGModel"]),
    ]
)
