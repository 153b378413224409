import ApolloIOClient
import ProspectorData

/// One input of ``EnrichmentService/enrich(_:options:progress:)`` and its answer.
public struct PersonEnrichment: Sendable, Equatable {
    /// Where the answer came from.
    public enum Source: Sendable, Equatable {
        /// A fresh match or a recent miss in the enrichment memory: nothing was spent.
        case memory
        /// Apollo, in this call.
        case apollo
        /// The input names nobody (no id, email, LinkedIn URL, or name with domain): not sent.
        case unidentifiable
        /// The person is suppressed (by this kind of identifier): not sent, not stored, nothing spent on them.
        case suppressed(Suppression.Kind)
    }

    public var input: PersonIdentity
    public var person: Person?
    public var source: Source
}
