//! French administrative geography used for offer locations and filters.

use serde::{Deserialize, Serialize};

/// A région (INSEE code, e.g. "11" for Île-de-France).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Region {
    pub code: String,
    pub name: String,
    pub departements: Vec<Departement>,
}

/// A département (INSEE code, e.g. "75", "2A", "971").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Departement {
    pub code: String,
    pub name: String,
    pub region_code: String,
}

/// Whether `code` has the shape of an INSEE région code (two digits).
pub fn is_region_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `code` has the shape of a département code: "01".."95", "2A", "2B", "971".."976".
pub fn is_departement_code(code: &str) -> bool {
    match code.len() {
        2 => code.bytes().all(|b| b.is_ascii_digit()) || code == "2A" || code == "2B",
        3 => code.starts_with("97") && code.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departement_codes() {
        for ok in ["01", "75", "2A", "2B", "971", "976"] {
            assert!(is_departement_code(ok), "{ok}");
        }
        for bad in ["", "7", "2C", "750", "ab", "9711"] {
            assert!(!is_departement_code(bad), "{bad}");
        }
    }

    #[test]
    fn region_codes() {
        assert!(is_region_code("11"));
        assert!(!is_region_code("1"));
        assert!(!is_region_code("IDF"));
    }
}
