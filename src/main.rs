//! The web app's entry point: mounts the Yew UI. On the host (where the `dtk` CLI and the tests
//! build) it compiles to nothing.

#[cfg(target_arch = "wasm32")]
fn main() {
    dtk_calc::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "Это веб-приложение; соберите его Trunk'ом (scripts/serve.sh). Командная строка: dtk."
    );
}
