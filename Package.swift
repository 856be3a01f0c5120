// swift-tools-version: 6.0
// kg: a knowledge-graph builder for Chinese industry and policy news.
// Modules have one job each; everything depends downward on KGModel, only KGStore sees the C
// library, only the `kg` executable sees ArgumentParser.
import PackageDescription

let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

// The files of schema/ reach the binary through one small C target per owning module
// (`KGModelData`, `KGTextData`, `KGStoreData`, `KGExportData`, `KGExtractData`), written by
// scripts/embed-schema.py: its .c file fills arrays with C23 `#embed`, so the bytes never pass
// through the Swift compiler and clang's dependency file names every embedded file (editing one
// recompiles only that object). One target per owner rather than one shared target keeps each
// module's data beside the module: KGStore cannot see rules, and a library user who links only
// KGModel does not carry 3 MB of model weights. The owner wraps its target in typed accessors.
// `-std=c23`: in its default C17 mode clang accepts `#embed` only as an extension, with a warning.
func data(_ owner: String) -> Target {
    .target(name: owner + "Data", cSettings: [.unsafeFlags(["-std=c23", "-Werror"])])
}

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
        data("KGModel"),
        data("KGText"), data("KGStore"), data("KGExport"), data("KGExtract"),
        .target(name: "KGModel", dependencies: ["KGModelData"], swiftSettings: strict),
        .target(name: "KGText", dependencies: ["KGModel", "KGTextData"], swiftSettings: strict),
        .target(name: "KGExtract", dependencies: ["KGModel", "KGText", "KGExtractData"], swiftSettings: strict),
        .target(name: "KGStore", dependencies: ["KGModel", "KGText", "CSQLite", "KGStoreData"], swiftSettings: strict),
        .target(name: "KGExport", dependencies: ["KGModel", "KGExportData"], swiftSettings: strict),
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
        .testTarget(name: "KGPipelineTests", dependencies: ["KGPipeline", "KGModel", "KGStore", "KGExport", "KGExtract"]),
        .testTarget(name: "EndToEndTests", dependencies: ["KGModel"]),
    ]
)

// libFuzzer targets (Fuzz/), declared only for scripts/fuzz.sh, which sets KG_FUZZ=1 and builds
// them into .build-fuzz with -sanitize=fuzzer,address: their entry point is libFuzzer's `main`,
// so a plain `swift build` could not link them, and `swift build` / `swift test` stay as they are.
if Context.environment["KG_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "kg-fuzz", dependencies: ["KGModel", "KGText", "KGExtract", "KGQuery"], path: "Fuzz/kg-fuzz",
            swiftSettings: strict))
}
