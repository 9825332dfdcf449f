//! One module per area of the site; each page loads its data with `Resource`s.

pub mod access_request;
pub mod account;
pub mod admin;
pub mod alerts;
pub mod apply;
pub mod candidate;
pub mod entities;
pub mod forum;
pub mod home;
pub mod legal;
pub mod metiers;
pub mod my_account;
pub mod not_found;
pub mod offers;
pub mod profile;
pub mod recruiter;
pub mod vismonjob;
