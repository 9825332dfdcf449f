//! Password hashing with argon2id (the `argon2` crate's default algorithm and parameters).
//!
//! Argon2 is deliberately costly (19 MiB and tens of milliseconds a hash): run on the async
//! runtime's workers, a few clients looping on a hashing endpoint stall every request of a
//! 2-core server. So every hash and verification runs on tokio's blocking threads, at most as
//! many at once as the machine has cores ([`Hasher`]); the others wait for a slot without
//! holding a worker.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::Arc;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Runs Argon2 off the async runtime, a bounded number at once.
#[derive(Debug, Clone)]
pub struct Hasher {
    slots: Arc<Semaphore>,
}

impl Default for Hasher {
    /// As many slots as cores: more would only make every hash slower.
    fn default() -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, usize::from))
    }
}

impl Hasher {
    /// At most `slots` hashes at once (at least one).
    pub fn new(slots: usize) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(slots.max(1))),
        }
    }

    /// Takes one hashing slot until the permit is dropped (tests fill the hasher with it).
    pub async fn reserve(&self) -> anyhow::Result<OwnedSemaphorePermit> {
        Ok(self.slots.clone().acquire_owned().await?)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let _slot = self.reserve().await?;
        Ok(tokio::task::spawn_blocking(work).await?)
    }

    /// PHC string of `password` (argon2id, random salt).
    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let password = password.to_owned();
        self.run(move || hash_now(&password)).await?
    }

    /// Whether `password` matches the stored PHC string.
    pub async fn verify(&self, password: &str, phc: &str) -> bool {
        let (password, phc) = (password.to_owned(), phc.to_owned());
        self.run(move || verify_now(&password, &phc))
            .await
            .unwrap_or(false)
    }

    /// Burns the time a real verification would take, so unknown e-mails answer as slowly
    /// as known ones.
    pub async fn verify_dummy(&self, password: &str) {
        static DUMMY: std::sync::LazyLock<Option<String>> =
            std::sync::LazyLock::new(|| hash_now("mot de passe factice").ok());
        let password = password.to_owned();
        let _ = self
            .run(move || {
                DUMMY
                    .as_deref()
                    .is_some_and(|phc| verify_now(&password, phc))
            })
            .await;
    }
}

/// PHC string of `password`, on the calling thread (the command line's, or a blocking one).
pub fn hash_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}

fn verify_now(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let hasher = Hasher::new(1);
        let phc = hasher
            .hash("une longue phrase de passe")
            .await
            .unwrap_or_default();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(hasher.verify("une longue phrase de passe", &phc).await);
        assert!(!hasher.verify("une autre phrase de passe", &phc).await);
        assert!(!hasher.verify("x", "pas un hash").await);
    }

    #[tokio::test]
    async fn a_full_hasher_makes_the_next_hash_wait() {
        let hasher = Hasher::new(1);
        let slot = hasher.reserve().await;
        let waiting = tokio::time::timeout(
            std::time::Duration::from_millis(200),
            hasher.hash("une longue phrase de passe"),
        )
        .await;
        assert!(waiting.is_err(), "hashed while every slot was taken");
        drop(slot);
        assert!(hasher.hash("une longue phrase de passe").await.is_ok());
    }
}
