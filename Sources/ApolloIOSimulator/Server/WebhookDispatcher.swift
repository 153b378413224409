import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Delivers due phone reveals to their webhooks, retrying failures with backoff, until cancelled.
struct WebhookDispatcher {
    let engine: SimulatorEngine
    let logger: Logger

    func run() async {
        while !Task.isCancelled {
            for delivery in await engine.dueDeliveries() {
                let succeeded = await post(delivery.body, to: delivery.url)
                await engine.deliveryFinished(id: delivery.id, succeeded: succeeded)
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    private func post(_ body: Data, to url: String) async -> Bool {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(data: body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            _ = try? await response.body.collect(upTo: 1 << 20)
            return (200..<300).contains(response.status.code)
        } catch {
            logger.debug("webhook delivery failed", metadata: ["error": "\(error)"])
            return false
        }
    }
}
