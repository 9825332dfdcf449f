//! Forum de l'emploi tech storage: editions, sessions, registrations, job-dating slots.

pub mod editions;
pub mod figures;
pub mod registrations;
pub mod reminders;
pub mod sessions;
pub mod slots;
