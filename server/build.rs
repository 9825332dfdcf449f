// Re-embed the migrations when they change (embed_migrations! reads them at compile time).
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
