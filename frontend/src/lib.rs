//! The browser entry point: hydrates the islands (the interactive parts) of the
//! server-rendered page.

// The islands are exported by the `app` crate; linking it is what puts them in the WASM.
#[cfg(target_arch = "wasm32")]
use app as _;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Marks the page as interactive (the end-to-end tests wait for it).
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "1");
    }
}
