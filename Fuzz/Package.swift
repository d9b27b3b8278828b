// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets, kept out of the main package so `swift build` / `swift test` never build
// them. Build and run (see docs/reliability.md):
//   swift build --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer
//   .build-fuzz/debug/FuzzQuery -max_total_time=60
// `-sanitize=fuzzer` on the command line instruments every module (coverage for the code under
// test); `-parse-as-library` lets libFuzzer provide `main`.
func fuzzTarget(_ name: String) -> Target {
    .executableTarget(name: name, dependencies: [.product(name: "EMFuzzable", package: "emscope")],
                      swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let package = Package(
    name: "emscope-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "emscope", path: "..")],
    targets: [
        fuzzTarget("FuzzQuery"),
        fuzzTarget("FuzzJSONL"),
        fuzzTarget("FuzzInspect"),
        fuzzTarget("FuzzEMCSV"),
        fuzzTarget("FuzzRecords"),
        fuzzTarget("FuzzCodebook"),
        fuzzTarget("FuzzSanitizer"),
    ],
    swiftLanguageModes: [.v6]
)
