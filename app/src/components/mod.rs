//! Reusable pieces of the interface.

pub mod application_figures;
pub mod breadcrumb;
pub mod chart;
pub mod confirmation;
pub mod form;
pub mod layout;
pub mod markdown;
pub mod offer_card;
pub mod offer_list;
pub mod pagination;
pub mod restricted;
pub mod states;
pub mod suggest;
pub mod tabs;
pub mod tile;
