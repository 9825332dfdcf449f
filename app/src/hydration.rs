//! Whether the browser has taken over the server's HTML.
//!
//! A public page's own code is a chunk loaded before its part of the page hydrates
//! (`app::lazy`), so the root's effects run while the page is still the server's HTML. Anything
//! that changes what a page draws — the session above all — must wait: a signed-in candidate's
//! session, arriving before the Vis mon job page had hydrated, drew a form without the account
//! fields where the server had sent them, and hydration trapped (`unreachable`, one load in
//! three in CI).

use leptos::prelude::*;

thread_local! {
    static DONE: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Called by the browser entry once `hydrate_from_async` has finished.
pub fn done() {
    DONE.with(|done| done.set(true));
}

/// Whether hydration is over (tracked): false on the server and during hydration.
pub fn is_done() -> bool {
    DONE.with(|done| done.get())
}

/// Where the page names the files its chunks are in (`app::lazy`), for [`HydrationScript`].
pub const CHUNKS_META: &str = "talents-chunks";

/// The module script that hydrates the page: once the page has loaded (its styles, fonts
/// and images: what the first paints need) and the browser is idle, it asks for the bundle
/// and the page's chunks (named in `<meta name="talents-chunks">`) at once, then hydrates.
///
/// Leptos' `<HydrationScripts>` names the bundle in `<link rel="preload">` tags, which start
/// its download beside the styles and fonts; under Lighthouse's mobile preset (slow 4G) the
/// 226 kB bundle and a page's chunks put the largest paint at 3.5–5 s on the pages with
/// chunks. Until hydration, every link and form works as plain HTML.
#[component]
pub fn HydrationScript(options: LeptosOptions) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    let bundle = options.output_name.to_string();
    let script = format!(
        r#"((bundle) => {{
  const start = () => {{
    const meta = document.querySelector('meta[name="{CHUNKS_META}"]');
    const wasm = `${{bundle}}_bg.wasm`;
    for (const href of [wasm, ...(meta ? meta.content : "").split(" ").filter(Boolean)]) {{
      const link = document.createElement("link");
      if (href.endsWith(".js")) {{ link.rel = "modulepreload"; }}
      else {{ link.rel = "preload"; link.as = "fetch"; link.type = "application/wasm"; link.crossOrigin = "anonymous"; }}
      link.href = href;
      document.head.append(link);
    }}
    import(`${{bundle}}.js`)
      .then((mod) => mod.default({{ module_or_path: wasm }}).then(() => mod.hydrate()));
  }};
  const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(start, {{ timeout: 1000 }}) : setTimeout(start));
  if (document.readyState === "complete") idle(); else addEventListener("load", idle, {{ once: true }});
}})("/{pkg}/{bundle}");"#,
        pkg = options.site_pkg_dir,
    );
    view! { <script type="module" nonce=nonce data-bundle=bundle>{script}</script> }
}
