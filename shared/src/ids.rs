//! Typed identifiers: an `OfferId` can never be passed where an `EntityId` is expected.

use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i64);

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
