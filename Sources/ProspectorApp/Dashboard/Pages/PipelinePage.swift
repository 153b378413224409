import ProspectorData
import ProspectorServices

/// The pipeline board: a column per stage with its totals and deal cards, each with a move form.
struct PipelinePage: Encodable {
    struct Stage: Encodable {
        var id: String
        var name: String
    }

    struct Card: Encodable {
        var id: String
        var name: String
        var amount: String
        var otherStages: [Stage]
    }

    struct Column: Encodable {
        var stage: Stage
        var count: Int
        var amount: String
        var cards: [Card]
        var more: Int
    }

    var chrome: PageChrome
    var columns: [Column]

    init(chrome: PageChrome, board: [DealBoardColumn]) {
        self.chrome = chrome
        let stages = board.map { Stage(id: $0.stageId, name: $0.stageName) }
        self.columns = board.map { column in
            Column(
                stage: Stage(id: column.stageId, name: column.stageName), count: column.count, amount: DashboardFormat.amount(column.amount),
                cards: column.deals.compactMap { deal in
                    deal.apolloID.map {
                        Card(
                            id: $0, name: deal.name, amount: DashboardFormat.amount(deal.amount),
                            otherStages: stages.filter { $0.id != column.stageId })
                    }
                }, more: max(0, column.count - column.deals.count))
        }
    }
}
