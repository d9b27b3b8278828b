// swift-tools-version:6.0
import PackageDescription

// Dependency rule (see ARCHITECTURE.md): arrows point one way only.
//   EMCore, EMText, EMAgreement, EMQuery, EMSynth — pure Swift, no C, no SQLite, no curses
//   EMFindings → EMCore, EMAgreement          (pure: EM rates, Wilson intervals, pivot, charts, prevalence, reports)
//   EMStore   → EMCore, EMQuery, GRDB        (SQLite lives here only)
//   EMCodebookFile → EMCore, Yams            (codebook files: YAML and JSON in, one-line problems out)
//   EMTUI     → EMCore, EMText, EMQuery, EMAgreement  (state, actions, reducer, render; no C)
//   EMCurses  → EMTUI, CNcursesw            (the only importer of ncursesw)
//   EMImport  → EMCore, EMText, EMStore, ZIPFoundation, CSV  (Inspect AI, EM CSV, mapped records)
//   EMCLI     → everything above             (commands and the effect runtime)
//   emscope   → EMCLI                        (a thin main)
let package = Package(
    name: "emscope",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "emscope", targets: ["emscope"]),
        // For the libFuzzer package in Fuzz/ only (built separately, see docs/reliability.md).
        .library(name: "EMFuzzable", targets: ["EMCore", "EMText", "EMQuery", "EMStore", "EMImport", "EMCodebookFile"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .target(name: "EMCore"),
        .target(name: "EMText"),
        .target(name: "EMAgreement", dependencies: ["EMCore"]),
        .target(name: "EMQuery", dependencies: ["EMCore"]),
        .target(name: "EMSynth", dependencies: ["EMCore"]),
        .target(name: "EMFindings", dependencies: ["EMCore", "EMAgreement"]),
        .target(name: "EMStore", dependencies: [
            "EMCore", "EMQuery",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "EMImport", dependencies: [
            "EMCore", "EMText", "EMStore",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .target(name: "EMCodebookFile", dependencies: [
            "EMCore",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "EMTUI", dependencies: ["EMCore", "EMText", "EMQuery", "EMAgreement", "EMFindings"]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "EMCurses", dependencies: ["EMTUI", "CNcursesw"]),
        .target(name: "EMCLI", dependencies: [
            "EMCore", "EMText", "EMAgreement", "EMQuery", "EMSynth", "EMStore", "EMImport", "EMTUI", "EMCurses", "EMCodebookFile", "EMFindings",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "emscope", dependencies: ["EMCLI"]),
        .testTarget(name: "EMCoreTests", dependencies: ["EMCore"]),
        .testTarget(name: "EMTextTests", dependencies: ["EMText"]),
        .testTarget(name: "EMAgreementTests", dependencies: ["EMAgreement", "EMCore"], resources: [.copy("Vectors")]),
        .testTarget(name: "EMFindingsTests", dependencies: ["EMFindings", "EMCore"]),
        .testTarget(name: "EMSynthTests", dependencies: ["EMSynth", "EMCore"]),
        .testTarget(name: "EMQueryTests", dependencies: ["EMQuery", "EMCore"]),
        // One helper for the test targets that need a scratch folder (built only for tests).
        .target(name: "EMTestSupport", path: "Tests/EMTestSupport"),
        .testTarget(name: "EMStoreTests", dependencies: ["EMStore", "EMCore", "EMQuery", "EMTestSupport"]),
        .testTarget(name: "EMImportTests", dependencies: [
            "EMImport", "EMStore", "EMCore", "EMTestSupport",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .testTarget(name: "EMTUITests", dependencies: ["EMTUI", "EMCore", "EMText"]),
        .testTarget(name: "EMCursesTests", dependencies: ["EMCurses", "EMTUI"]),
        .testTarget(name: "EMCodebookFileTests", dependencies: ["EMCodebookFile", "EMCore", "EMSynth"]),
        .testTarget(name: "EMCLITests", dependencies: [
            "EMCLI", "EMTUI", "EMStore", "EMCore", "EMQuery", "EMSynth", "EMCodebookFile", "EMFindings", "EMCurses", "EMText",
            "EMTestSupport",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["EMStore", "EMCore"]),
    ],
    swiftLanguageModes: [.v6]
)
