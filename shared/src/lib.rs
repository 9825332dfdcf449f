//! Domain types of the platform and their validation rules.
//!
//! Everything here compiles both natively (server) and to wasm32 (front end), so a type
//! or a rule is written once and the two sides cannot drift. No I/O lives here.

pub mod account;
pub mod admin;
pub mod alert;
pub mod api;
pub mod api_key;
pub mod application;
pub mod entity;
pub mod error;
pub mod export;
pub mod format;
pub mod forum;
pub mod geo;
pub mod ids;
pub mod job_posting;
pub mod markdown;
pub mod metier;
pub mod offer;
pub mod offer_changes;
pub mod profile;
pub mod search;
pub mod stats;
pub mod time;
pub mod vismonjob;
pub mod webhook;

pub use error::{ErrorCode, FieldError, Problem};
pub use ids::{
    AccessRequestId, AlertId, AmbassadorId, ApiKeyId, ApplicationId, CoachingSessionId, DuoId,
    EntityId, ForumEditionId, ForumSessionId, ForumSlotId, MetierFamilyId, MetierId, OfferId,
    OutboxMessageId, StudentId, UserId, VmjEditionId, WebhookId,
};
