//! The public bundle (without the `spaces` feature) is linked with its relocations, which
//! scripts/split-wasm.sh needs to split it into a chunk per page (app::lazy). Only this
//! crate's link changes: the dependencies are built once for both bundles.
fn main() {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPACES").is_none() {
        println!("cargo:rustc-link-arg=--emit-relocs");
    }
}
