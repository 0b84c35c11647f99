// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "pprof-leak",
  products: [
    .executable(name: "pprof-leak", targets: ["pprof-leak"]),
    .library(name: "PprofCore", targets: ["PprofCore"]),
  ],
  dependencies: [
    // The CLI's argument parsing, help text and man page generation.
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // .pprof-leak.yaml: YAML is what CI configuration is written in (.golangci.yml, GitHub and
    // GitLab pipelines); Yams wraps libyaml, a complete parser with line numbers for errors.
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // zlib from the system (zlib1g-dev): streamed, capped gzip inflation.
    .systemLibrary(
      name: "CZlib",
      path: "Sources/CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    // libcurl (libcurl4-openssl-dev): the HTTP client of collect and watch, driven directly so
    // that redirects, decoding, the body cap and the deadline are ours (URLSession follows
    // redirects to any host with the credentials, and inflates gzip bodies before any cap).
    .systemLibrary(
      name: "CCurl",
      path: "Sources/CCurl",
      pkgConfig: "libcurl",
      providers: [.apt(["libcurl4-openssl-dev"])]
    ),
    // glibc's malloc.h, for mallopt: the executable keeps freed buffers for the next snapshot.
    .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
    // The library, in layers whose dependencies only point down (a wrong import is a build
    // error): units ← profile ← goroutine ← analysis ← report ← run (PprofCore). Each layer's
    // folder is under Sources/PprofCore/; PprofCore re-exports them all.
    .target(name: "PprofUnits", path: "Sources/PprofCore/Units", swiftSettings: strictSettings),
    .target(
      name: "PprofProfile",
      dependencies: ["PprofUnits", "CZlib"],
      path: "Sources/PprofCore/Profile",
      swiftSettings: strictSettings
    ),
    .target(
      name: "PprofGoroutine",
      dependencies: ["PprofProfile"],
      path: "Sources/PprofCore/Goroutine",
      swiftSettings: strictSettings
    ),
    .target(
      name: "PprofAnalysis",
      dependencies: ["PprofGoroutine"],
      path: "Sources/PprofCore/Analysis",
      swiftSettings: strictSettings
    ),
    .target(
      name: "PprofReport",
      dependencies: ["PprofAnalysis"],
      path: "Sources/PprofCore/Report",
      // The HTML page's style sheet and script, as files an editor and a linter can read.
      resources: [.embedInCode("Page/page.css"), .embedInCode("Page/page.js")],
      swiftSettings: strictSettings
    ),
    .target(
      name: "PprofCore",
      dependencies: ["PprofReport", "CCurl", .product(name: "Yams", package: "Yams")],
      path: "Sources/PprofCore/Run",
      swiftSettings: strictSettings
    ),
    .executableTarget(
      name: "pprof-leak",
      dependencies: [
        "PprofCore",
        .target(name: "CMalloc", condition: .when(platforms: [.linux])),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSettings
    ),
    // Tests mirror the layers: a target per layer, in-process, sharing the fixtures, the
    // profile builder, pprof's raw goldens and the hostile server of TestSupport.
    .target(
      name: "TestSupport",
      dependencies: ["PprofCore"],
      path: "Tests/TestSupport",
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "ProfileTests",
      dependencies: ["PprofCore", "PprofProfile", "PprofUnits", "TestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "GoroutineTests",
      dependencies: ["PprofCore", "PprofGoroutine", "TestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "AnalysisTests",
      dependencies: ["PprofCore", "PprofReport", "PprofAnalysis", "PprofGoroutine", "PprofProfile", "TestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "RunTests",
      dependencies: ["PprofCore", "PprofReport", "PprofAnalysis", "PprofUnits", "TestSupport"],
      swiftSettings: strictSettings
    ),
    .testTarget(
      name: "PprofLeakTests",
      // Yams: the README's CI jobs are checked to be valid YAML.
      dependencies: ["pprof-leak", "PprofCore", .product(name: "Yams", package: "Yams")],
      exclude: ["Goldens"],
      swiftSettings: strictSettings
    ),
  ],
  swiftLanguageModes: [.v6]
)
