//! Component tests in a real browser (wasm-bindgen-test, headless Chromium through chromedriver).

#![allow(clippy::unwrap_used)]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn app_root() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root.dyn_into().unwrap()
}

async fn next_render() {
    // Yew renders on the microtask/animation queue; yield to it once.
    let promise = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    gloo_timers_sleep(20).await;
}

async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn app_renders_in_japanese_then_english() {
    let root_element = app_root();
    mynaweb_app::mount_to(root_element.clone().into());
    next_render().await;
    let body_text = || root_element.inner_text();
    let text = body_text();
    assert!(text.contains("マイナンバーカード 手続きアシスタント"), "page text was: {text}");
    assert!(text.contains("カードリーダーは接続されていません。"), "page text was: {text}");
    let html = web_sys::window().unwrap().document().unwrap().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("ja"));

    // Press the English button of the language switch.
    let english = root_element.query_selector("button[lang=en]").unwrap().unwrap();
    english.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
    next_render().await;
    let text = body_text();
    assert!(text.contains("My Number Card procedure assistant"), "page text was: {text}");
    assert!(text.contains("No card reader is connected."), "page text was: {text}");
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(english.get_attribute("aria-pressed").as_deref(), Some("true"));
}

use wasm_bindgen::JsCast;
