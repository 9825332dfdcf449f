//! The server's integration tests, in one binary: each test binary links the whole server,
//! so one binary instead of six saves minutes of linking and gigabytes of disk in CI.

mod common;

mod access_matrix;
mod alerts;
mod api_accounts;
mod api_catalogue;
mod api_contract;
mod api_offers;
mod applications;
mod confirmed_addresses;
mod dashboard;
mod exports;
mod feeds;
mod forum;
mod gdpr;
mod offer_changes;
mod operations;
mod outbox;
mod profiles;
mod public_api;
mod relevance;
mod search;
mod security;
mod storage;
mod vis_mon_job;
mod vmj_coaching;
mod webhooks;
