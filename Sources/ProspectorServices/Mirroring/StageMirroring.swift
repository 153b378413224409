import ApolloIOClient
import FluentKit
import ProspectorData

/// Apollo's opportunity stages mirrored into `deal_stages`, so that a stored deal links its stage: read before a deals
/// sync and whenever the stages are listed.
struct StageMirroring: Sendable {
    let client: ApolloClient
    let database: any Database

    /// Reads the stages from Apollo (cached five minutes by the client) and, when Apollo answered, stores each one that
    /// is new or changed.
    func refresh() async throws -> [OpportunityStage] {
        let response = try await client.opportunityStages()
        let stages = response.value.opportunityStages
        // A cached answer was mirrored when it was fetched: listing the stages must not write (the HTTP benchmark found
        // every `GET /api/deals/stages` reading and updating each stage row).
        guard response.cache == .network else { return stages }
        for stage in stages {
            let local = try await DealStage.query(on: database).filter(\.$apolloID == stage.id).first() ?? DealStage()
            local.apolloID = stage.id
            local.name = stage.name ?? stage.id
            local.displayOrder = Int(stage.displayOrder ?? 0)
            local.probability = stage.probability
            local.isWon = stage.isWon ?? false
            local.isClosed = stage.isClosed ?? false
            local.pipelineID = stage.opportunityPipelineId
            if local.id == nil || local.hasChanges { try await local.save(on: database) }
        }
        return stages
    }
}
