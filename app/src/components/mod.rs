//! Reusable pieces of the interface.

pub mod layout;
pub mod markdown;
pub mod offer_card;
pub mod offer_list;
pub mod states;
pub mod tile;
