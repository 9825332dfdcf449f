//! One module per area of the site; each page loads its data with `Resource`s. The signed-in
//! spaces' modules are left out of the public bundle (`crate::spaces`).

#[cfg(feature = "spaces")]
pub mod access_request;
pub mod account;
#[cfg(feature = "spaces")]
pub mod admin;
#[cfg(feature = "spaces")]
pub mod alerts;
pub mod apply;
#[cfg(feature = "spaces")]
pub mod candidate;
pub mod entities;
pub mod forum;
pub mod home;
pub mod legal;
pub mod metiers;
#[cfg(feature = "spaces")]
pub mod my_account;
pub mod not_found;
pub mod offers;
#[cfg(feature = "spaces")]
pub mod profile;
#[cfg(feature = "spaces")]
pub mod recruiter;
pub mod vismonjob;
