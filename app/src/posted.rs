//! A form posted as plain HTML (before the WASM has loaded, or without it) and refused: the
//! server renders its page again with what the person typed and why it was refused, the
//! errors under the fields as the WASM would show them — nothing typed is lost.
//!
//! Such a page is served without its hydration scripts: the values and the problem live only
//! in this render (the browser's WASM would draw the empty form and trap on the difference),
//! so the page stays a plain one and the form posts again the same way.

use leptos::prelude::*;
use shared::Problem;

/// What was posted, by field name, and the problem that refused it.
#[derive(Clone, Debug)]
pub struct Posted {
    pub fields: Vec<(String, String)>,
    pub problem: Problem,
}

impl Posted {
    /// The refused form this page is rendered for, if any.
    pub fn get() -> Option<Self> {
        use_context::<Self>()
    }

    /// Every value posted under `field` (a group of boxes, repeated selects), in order.
    pub fn values(&self, field: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
            .collect()
    }

    /// The value typed in `field` (empty when absent).
    pub fn value(&self, field: &str) -> String {
        self.fields
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }
}

/// A text signal holding what was typed in `field`, or empty.
pub fn typed(posted: Option<&Posted>, field: &str) -> RwSignal<String> {
    RwSignal::new(posted.map(|p| p.value(field)).unwrap_or_default())
}
