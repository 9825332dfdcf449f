//! The DINUM talent team's operations: access requests, recruiter accounts, entities, API keys,
//! webhooks, the outbox, the audit log and the platform's figures.

use super::operations;

operations! {
    /// Access requests: pending ones first, then the last decided.
    ListAccessRequests {} = GET "/api/v1/admin/access-requests" => Vec<crate::admin::AccessRequest>;
    /// Approve an access request: the requester is invited to the entity.
    ApproveAccessRequest { id: crate::AccessRequestId } = POST "/api/v1/admin/access-requests/{id}/approve" => crate::admin::InvitedRecruiter;
    /// Decline an access request; the requester receives the reason by e-mail.
    DeclineAccessRequest { id: crate::AccessRequestId } = POST "/api/v1/admin/access-requests/{id}/decline", body crate::admin::Decline => ();
    /// Every key, the newest first (revoked ones included).
    ListApiKeys {} = GET "/api/v1/admin/api-keys" => Vec<crate::api_key::ApiKey>;
    /// Create a key for a third party; the answer holds its secret, never shown again.
    CreateApiKey {} = POST "/api/v1/admin/api-keys", body crate::api_key::ApiKeyForm => crate::api_key::CreatedApiKey;
    /// Revoke a key: requests carrying it are refused (within a minute on every server).
    RevokeApiKey { id: crate::ApiKeyId } = DELETE "/api/v1/admin/api-keys/{id}" => ();
    /// The audit log of recruiter and admin changes, most recent first.
    ListAudit {} = GET "/api/v1/admin/audit" => Vec<crate::admin::AuditEntry>;
    /// Create an entity in the hierarchy (its recruiters then write its showcase).
    CreateEntity {} = POST "/api/v1/admin/entities", body crate::entity::EntityForm => crate::entity::EntitySummary;
    /// Delete an entity that has no sub-entities, offers nor accounts.
    DeleteEntity { slug: String } = DELETE "/api/v1/admin/entities/{slug}" => ();
    /// Rename, re-attach or re-classify an entity.
    UpdateEntity { slug: String } = PUT "/api/v1/admin/entities/{slug}", body crate::entity::EntityForm => crate::entity::EntitySummary;
    /// The e-mail outbox, most recent first, its links' secrets masked: reading it must not let
    /// an admin into someone else's account (delivered messages are kept 30 days).
    ListOutbox {} = GET "/api/v1/admin/outbox" => Vec<crate::admin::OutboxMessage>;
    /// Every recruiter account, with its entity and state.
    ListRecruiters {} = GET "/api/v1/admin/recruiters" => Vec<crate::admin::RecruiterAccount>;
    /// Invite a recruiter for any entity; they receive a link to choose their password.
    InviteRecruiter {} = POST "/api/v1/admin/recruiters", body crate::admin::RecruiterInvitation => crate::admin::InvitedRecruiter;
    /// Disable a recruiter account: it can no longer sign in and its sessions are closed.
    DisableRecruiter { id: crate::UserId } = POST "/api/v1/admin/recruiters/{id}/disable" => ();
    /// Enable a disabled recruiter account again.
    EnableRecruiter { id: crate::UserId } = POST "/api/v1/admin/recruiters/{id}/enable" => ();
    /// The platform at a glance: entities, open offers, accounts, weekly sign-ups and
    /// publications, daily offer views.
    PlatformStats {} = GET "/api/v1/admin/stats" => crate::stats::PlatformFigures;
    /// Every receiver, the newest first.
    ListWebhooks {} = GET "/api/v1/admin/webhooks" => Vec<crate::webhook::Webhook>;
    /// Register a receiver for an active key: it hears of the changes made from now on, signed
    /// with the secret in the answer (never shown again).
    CreateWebhook {} = POST "/api/v1/admin/webhooks", body crate::webhook::WebhookForm => crate::webhook::CreatedWebhook;
    /// Delete a receiver: nothing more is sent to it.
    DeleteWebhook { id: crate::WebhookId } = DELETE "/api/v1/admin/webhooks/{id}" => ();
    /// A receiver's latest messages (100), the newest first, with how each delivery went.
    ListWebhookDeliveries { id: crate::WebhookId } = GET "/api/v1/admin/webhooks/{id}/deliveries" => Vec<crate::webhook::WebhookDelivery>;
    /// Switch deliveries back on after repeated failures stopped them: they resume where they
    /// stopped.
    ReactivateWebhook { id: crate::WebhookId } = POST "/api/v1/admin/webhooks/{id}/reactivation" => crate::webhook::Webhook;
}
