import FluentKit
import Foundation
import ProspectorData

/// One column of the pipeline board: a stage, its totals, and its newest deals.
public struct DealBoardColumn: Sendable {
    public var stageId: String
    public var stageName: String
    public var count: Int
    public var amount: Double
    public var deals: [Deal]
}

extension DealService {
    /// Apollo's stages in their order, each with the stored deals in it (the newest `perStage`) and its totals.
    ///
    /// Stages come from Apollo (cached by the client); deals from our mirror, which every move through
    /// ``update(id:changes:actor:)`` and every sync keeps current.
    public func board(perStage: Int = 25) async throws -> [DealBoardColumn] {
        let stages = try await stages()
        let totals = try await Deal.totalsByStage(on: database)
        var columns: [DealBoardColumn] = []
        for stage in stages {
            let deals = try await Deal.query(on: database).join(DealStage.self, on: \Deal.$stage.$id == \DealStage.$id)
                .filter(DealStage.self, \.$apolloID == stage.id).sort(\.$updatedAt, .descending).limit(perStage).all()
            let total = totals[stage.id]
            columns.append(
                DealBoardColumn(
                    stageId: stage.id, stageName: stage.name ?? stage.id, count: total?.count ?? 0, amount: total?.amount ?? 0, deals: deals))
        }
        return columns
    }
}
