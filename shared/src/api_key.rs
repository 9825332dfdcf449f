//! Keys of the public API: a third party (job board, aggregator) that needs more than the
//! anonymous quota asks the talent team for one.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::account::{email_error, normalize_email};
use crate::{ApiKeyId, FieldError};

/// The header that carries a key.
pub const HEADER: &str = "x-api-key";
pub const NAME_MAX: usize = 120;

/// A key as the team sees it (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiKey {
    #[cfg_attr(feature = "server", schema(value_type = i64))]
    pub id: ApiKeyId,
    /// Who uses it, e.g. « Choisir le service public ».
    pub name: String,
    /// Whom to write to about its use.
    pub contact_email: String,
    /// The key's first characters, to recognise it.
    pub prefix: String,
    #[serde(with = "crate::time::utc")]
    pub created_at: NaiveDateTime,
    /// Set once revoked: requests with it are refused.
    #[serde(default, with = "crate::time::utc_option")]
    pub revoked_at: Option<NaiveDateTime>,
}

/// `POST /api/v1/admin/api-keys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApiKeyForm {
    pub name: String,
    pub email: String,
}

impl ApiKeyForm {
    /// Trimmed name and normalized address, or the fields in error.
    pub fn validate(&self) -> Result<ApiKeyForm, Vec<FieldError>> {
        let name = self.name.trim().to_owned();
        let email = normalize_email(&self.email);
        let mut errors = Vec::new();
        if name.is_empty() || name.chars().count() > NAME_MAX {
            errors.push(FieldError::new(
                "name",
                format!("Indiquez qui utilisera la clé ({NAME_MAX} caractères au plus)."),
            ));
        }
        errors.extend(email_error(&email));
        if errors.is_empty() {
            Ok(ApiKeyForm { name, email })
        } else {
            Err(errors)
        }
    }
}

/// The answer to a creation: the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreatedApiKey {
    #[serde(flatten)]
    pub key: ApiKey,
    /// To send in the `X-API-Key` header; it cannot be shown again.
    pub secret: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_trimmed_and_checked() {
        let form = ApiKeyForm {
            name: "  Choisir le service public ".into(),
            email: " Open-Data@Exemple.FR ".into(),
        };
        let clean = form.validate().unwrap();
        assert_eq!(clean.name, "Choisir le service public");
        assert_eq!(clean.email, "open-data@exemple.fr");
        let errors = ApiKeyForm::default().validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email"]);
    }
}
