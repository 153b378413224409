// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Prospector",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "prospector", targets: ["prospector"]),
        .library(name: "ApolloIOClient", targets: ["ApolloIOClient"]),
        .library(name: "ApolloIOSimulator", targets: ["ApolloIOSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.50.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.32.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.25.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.25.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        // Without its default trait (loading external references), which Prospector does not use and builds slower.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0", traits: []),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
    ],
    targets: [
        .target(
            name: "ApolloIOClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ApolloIOSimulator",
            dependencies: [
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "DatabaseSupport",
            dependencies: [
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "RedisClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "JobQueue",
            dependencies: [
                "DatabaseSupport", "RedisClient",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ProspectorData",
            dependencies: [
                "ApolloIOClient", "DatabaseSupport",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ProspectorServices",
            dependencies: [
                "ApolloIOClient", "ProspectorData", "JobQueue", "RedisClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ProspectorApp",
            dependencies: [
                "ProspectorServices", "ApolloIOSimulator", "JobQueue", "DatabaseSupport", "RedisClient",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
            ],
            resources: [.copy("Dashboard/Views"), .copy("Dashboard/Assets")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "prospector",
            dependencies: ["ProspectorApp"],
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "ProspectorApp", "ApolloIOClient", "ApolloIOSimulator",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                "ProspectorData", "ProspectorServices", "JobQueue", "RedisClient",
            ],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ApolloIOClientTests",
            dependencies: ["ApolloIOClient", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ApolloIOSimulatorTests",
            dependencies: ["ApolloIOSimulator", "TestSupport", .product(name: "Vapor", package: "vapor")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ProspectorDataTests",
            dependencies: ["ProspectorData", "DatabaseSupport", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RedisClientTests",
            dependencies: ["RedisClient", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "JobQueueTests",
            dependencies: ["JobQueue", "RedisClient", "TestSupport"],
            swiftSettings: strict
        ),
        // The framework's ceiling for the HTTP load benchmark (scripts/bench/http.sh): one JSON route, nothing else.
        .executableTarget(
            name: "bare-vapor",
            dependencies: [.product(name: "Vapor", package: "vapor")],
            path: "Benchmarks/BareVapor",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "jobqueue-probe",
            dependencies: [
                "JobQueue", "ProspectorData", "RedisClient",
                .product(name: "Fluent", package: "fluent"),
            ],
            path: "Tests/JobQueueProbe",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ProspectorServicesTests",
            dependencies: ["ProspectorServices", "ProspectorData", "JobQueue", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ProspectorAppTests",
            dependencies: ["ProspectorApp", "ProspectorServices", "TestSupport", .product(name: "OpenAPIKit", package: "OpenAPIKit")],
            swiftSettings: strict
        ),
    ]
)
