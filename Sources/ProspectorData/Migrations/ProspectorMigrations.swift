import Fluent

/// Every migration in order. Append only: a shipped migration is never edited.
public enum ProspectorMigrations {
    public static var all: [any Migration] {
        [
            CreateAPIKey(), CreateOrganization(), CreateContact(), CreateDealStage(), CreateDeal(), CreateDealContact(),
            CreateAuditLog(), CreateEnrichmentAttempt(), CreateCreditLedgerEntry(), CreateSyncCursor(),
            CreateApolloRateWindow(), CreateApolloRateGroup(), CreateApolloCacheEntry(), AddResultJSONToEnrichmentAttempt(),
            CreateIdempotencyRecord(), CreateAccount(), CreateDomainEvent(), AddRunningSinceToSyncCursor(), CreateAutomationAction(),
            CreateWebhookSubscription(), CreateWebhookDelivery(), AddSourceToContact(), AddDeletedAtToDeal(), CreateSyncSeen(),
            CreatePhoneReveal(), AddRevealedPhoneNumbersToContact(), AddNameToContact(),
            AddInteractiveAtToApolloRateGroup(), CreateSuppression(), CreateServerSecret(), CreateSpendApproval(),
            CreateDashboardSession(), AddEndpointToEnrichmentAttempt(), CreateEnrichmentClaim(), AddSettledAtToCreditLedgerEntry(),
        ]
    }
}
