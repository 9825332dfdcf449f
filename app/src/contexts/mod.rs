//! State shared by every page, provided once by `App`.

pub mod session;
