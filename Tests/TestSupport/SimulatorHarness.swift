import ApolloIOClient
import ApolloIOSimulator
import AsyncHTTPClient
import Foundation
import NIOCore

/// Starts a real simulator on a free loopback port for the duration of a test.
public enum SimulatorHarness {
    /// Runs `body` with a started simulator and a client holding its master key (through `pipeline` when given);
    /// stops the simulator afterwards.
    @discardableResult
    public static func withSimulator<T>(
        _ configuration: SimulatorConfiguration = SimulatorConfiguration(size: DatasetSize(people: 2_000, organizations: 200)),
        apiKey: String? = SimulatorConfiguration.defaultMasterKey,
        requestTimeoutSeconds: Int64 = 10,
        pipeline: ApolloPipeline? = nil,
        _ body: (SimulatorServer, ApolloClient) async throws -> T
    ) async throws -> T {
        let server = try await SimulatorServer.start(configuration: configuration)
        let client = ApolloClient(
            configuration: ApolloClientConfiguration(baseURL: server.baseURL, apiKey: apiKey, requestTimeoutSeconds: requestTimeoutSeconds),
            pipeline: pipeline)
        do {
            let result = try await body(server, client)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }
}

extension SimulatorHarness {
    /// Runs `body` with a simulator at time scale 1 and a client whose pipeline (made by `pipeline`) reads a
    /// ``DrivenClock`` linked to the simulator's: time passes only when the test or a sleeping pipeline moves it.
    @discardableResult
    public static func withDrivenTime<T>(
        _ configuration: SimulatorConfiguration, pipeline: (DrivenClock) -> ApolloPipeline,
        _ body: (SimulatorServer, ApolloClient, DrivenClock) async throws -> T
    ) async throws -> T {
        var configuration = configuration
        configuration.timeScale = 1
        let server = try await SimulatorServer.start(configuration: configuration)
        let clock = DrivenClock(linkedTo: server.engine)
        let client = ApolloClient(
            configuration: ApolloClientConfiguration(
                baseURL: server.baseURL, apiKey: SimulatorConfiguration.defaultMasterKey, requestTimeoutSeconds: 10),
            pipeline: pipeline(clock))
        do {
            let result = try await body(server, client, clock)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }
}

/// A plain HTTP call, for tests that must see exactly what goes over the wire.
public struct RawResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: String

    public func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

    /// The body parsed as a JSON object.
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }
}

public enum RawHTTP {
    /// Sends one request with AsyncHTTPClient and returns status, headers and body as text.
    public static func send(
        _ method: String, _ url: String, headers: [String: String] = [:], body: String? = nil
    ) async throws -> RawResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
            if headers["content-type"] == nil { request.headers.add(name: "content-type", value: "application/json") }
        }
        // Generous: the whole suite runs in parallel on two cores, and a request can wait its turn for many seconds.
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(90))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return RawResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: String(buffer: bytes))
    }
}

/// The ``ApolloError`` a call threw, or nil when it succeeded.
/// Any other error is reported as ``ApolloError/transport(description:)`` so that the test fails visibly.
public func apolloError<T>(_ body: () async throws -> T) async -> ApolloError? {
    do {
        _ = try await body()
        return nil
    } catch let error as ApolloError {
        return error
    } catch {
        return .transport(description: "not an ApolloError: \(error)")
    }
}
