//! Typed identifiers: an `OfferId` can never be passed where an `EntityId` is expected.
//! Behind the `server` feature each is also a diesel `BigInt`: queries bind it and rows load
//! it as it is, on both databases.

use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
        #[cfg_attr(
            feature = "server",
            derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
        )]
        #[cfg_attr(feature = "server", diesel(sql_type = diesel::sql_types::BigInt))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        #[cfg(feature = "server")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::BigInt, DB> for $name
        where
            DB: diesel::backend::Backend,
            i64: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.0.to_sql(out)
            }
        }

        #[cfg(feature = "server")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB> for $name
        where
            DB: diesel::backend::Backend,
            i64: diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                i64::from_sql(bytes).map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }
    };
}

typed_id!(
    /// Identifier of a public digital entity (ministry, directorate or service).
    EntityId
);
typed_id!(
    /// Identifier of a job offer.
    OfferId
);
typed_id!(
    /// Identifier of a métier of the State's digital referential.
    MetierId
);
typed_id!(
    /// Identifier of a family of métiers.
    MetierFamilyId
);
typed_id!(
    /// Identifier of an account.
    UserId
);
typed_id!(
    /// Identifier of an edition of the forum.
    ForumEditionId
);
typed_id!(
    /// Identifier of a session of the forum (conference, presentation, job dating, workshop).
    ForumSessionId
);
typed_id!(
    /// Identifier of a job-dating slot of a forum session.
    ForumSlotId
);
typed_id!(
    /// Identifier of an edition of Vis mon job.
    VmjEditionId
);
typed_id!(
    /// Identifier of a student's sign-up to an edition of Vis mon job.
    StudentId
);
typed_id!(
    /// Identifier of an agent registered as ambassador for an edition of Vis mon job.
    AmbassadorId
);
typed_id!(
    /// Identifier of a duo (a student and an ambassador) of Vis mon job.
    DuoId
);
typed_id!(
    /// Identifier of a coaching session for Vis mon job's ambassadors.
    CoachingSessionId
);
typed_id!(
    /// Identifier of an application (to an offer, or spontaneous).
    ApplicationId
);
typed_id!(
    /// Identifier of a candidate's job alert.
    AlertId
);
typed_id!(
    /// Identifier of a third party's API key.
    ApiKeyId
);
typed_id!(
    /// Identifier of a webhook receiver.
    WebhookId
);
typed_id!(
    /// Identifier of a recruiter's request for access.
    AccessRequestId
);
typed_id!(
    /// Identifier of an e-mail of the outbox.
    OutboxMessageId
);
