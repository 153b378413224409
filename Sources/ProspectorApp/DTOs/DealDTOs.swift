import ProspectorServices
import Vapor

/// `POST /api/deals`, the reference route's body.
struct CreateDealBody: RequestBody {
    var name: String
    var amount: Double
    var ownerId: String
    var accountId: String?
    var contactIds: [String]?
    var stageId: String?

    func validate() throws(APIError) {
        try Check.text(name, "name", required: true)
        guard amount >= 0, amount < 1e15, amount.isFinite else { throw .invalid("amount", "must be a number from 0 to 10^15") }
        try Check.apolloID(ownerId, "ownerId", required: true)
        try Check.apolloID(accountId, "accountId")
        try Check.apolloIDs(contactIds, "contactIds")
        try Check.apolloID(stageId, "stageId")
    }
}

struct CreatedDealResponse: Content {
    var dealId: String
    var name: String
}

/// `PATCH /api/deals/:id`.
struct UpdateDealBody: RequestBody {
    var name: String?
    var amount: Double?
    var stageId: String?
    var ownerId: String?
    var closeDate: String?

    func validate() throws(APIError) {
        guard name != nil || amount != nil || stageId != nil || ownerId != nil || closeDate != nil else {
            throw .invalid("body", "name, amount, stageId, ownerId or closeDate is required")
        }
        try Check.text(name, "name")
        if let amount, !(amount >= 0 && amount < 1e15 && amount.isFinite) { throw .invalid("amount", "must be a number from 0 to 10^15") }
        try Check.apolloID(stageId, "stageId")
        try Check.apolloID(ownerId, "ownerId")
        try Check.date(closeDate, "closeDate")
    }

    var changes: DealChanges { DealChanges(name: name, amount: amount, stageId: stageId, ownerId: ownerId, closeDate: closeDate) }
}

/// A deal in the reference's list shape, with the rest beside it.
struct DealDTO: Content {
    var id: String
    var name: String
    var amount: Double?
    /// The stage's name; `stageId` beside it.
    var stage: String?
    /// The owner's name as Apollo's users list knows it; `ownerId` beside it.
    var owner: String?
    var stageId: String?
    var ownerId: String?
    var accountId: String?
    var closeDate: String?

    init(_ deal: DealView) {
        id = deal.id
        name = deal.name
        amount = deal.amount
        stage = deal.stage
        owner = deal.owner
        stageId = deal.stageId
        ownerId = deal.ownerId
        accountId = deal.accountId
        closeDate = deal.closeDate
    }
}

struct DealsResponse: Content {
    var deals: [DealDTO]
    var pagination: PaginationDTO?
}

struct DealResponse: Content {
    var deal: DealDTO
}

/// A deal stage: the reference architecture's `{id, name, order}`, with Apollo's own fields beside.
struct StageDTO: Content, Equatable {
    var id: String
    var name: String?
    /// The stage's place in the pipeline (Apollo's display order).
    var order: Double?
    var displayOrder: Double?
    var isWon: Bool?
    var isClosed: Bool?
    var probability: Double?
}

struct StagesResponse: Content, Equatable {
    var stages: [StageDTO]
}
