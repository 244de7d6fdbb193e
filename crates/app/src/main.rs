//! Mounts the mynaweb app on the page's `<body>`. Everything else lives in the library.

fn main() {
    mynaweb_app::mount();
}
