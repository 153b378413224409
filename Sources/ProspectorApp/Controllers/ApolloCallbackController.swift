import ApolloIOClient
import ProspectorServices
import Vapor

/// Where Apollo delivers reveal and waterfall results: `POST /webhooks/apollo/:token`, outside `/api` because
/// Apollo sends no API key; the unguessable token in the URL is the credential (CONTRACT §12.3 documents no
/// signature). Apollo may deliver a result more than once: a copy is acknowledged and changes nothing.
struct ApolloCallbackController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("webhooks", "apollo").post(":token", use: receive)
    }

    @Sendable func receive(request: Request) async throws -> CallbackAcknowledgement {
        guard let token = request.parameters.get("token"), (20...100).contains(token.count) else {
            throw APIError(.notFound, "no reveal waits at this URL")
        }
        guard let bytes = request.body.data.map({ Array($0.readableBytesView) }), !bytes.isEmpty else {
            throw APIError.invalid("body", "send Apollo's result as JSON")
        }
        let payload = try JSONBody.decodeTolerantly(PhoneRevealPayload.self, from: Data(bytes), decoder: ApolloCoding.makeDecoder())
        let raw = String(decoding: bytes, as: UTF8.self)
        let (reveal, outcome) = try await request.appServices.revealDelivery.receive(token: token, payload: payload, raw: raw)
        return CallbackAcknowledgement(status: outcome == .applied ? "applied" : "already_applied", revealId: try reveal.requireID())
    }
}
