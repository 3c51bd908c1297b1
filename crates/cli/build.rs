//! Links `pundit` as a position-dependent executable on Linux: one process per query is the
//! common way to use it, and a position-independent binary of this size spends a sizeable part of
//! a short search applying some 47,000 load-time relocations.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
