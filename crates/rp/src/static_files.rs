//! Files served from a directory by hand (the widget origin's `dist/` and `pkg/`): a request
//! path maps to a file only through checked segments, so nothing outside the directory can be
//! named.
//!
//! ```text
//! path      = "/" *( segment "/" ) [ segment ]      "" and ".../" mean index.html
//! segment   = 1*( ALPHA / DIGIT / "-" / "_" / "." ), not starting with "."
//!             (no "..", no hidden files, no percent-encoding, no backslash)
//! ```

use std::path::{Path, PathBuf};

/// The file `request_path` names under `root`, or `None` if the path is not allowed.
pub fn resolve(root: &Path, request_path: &str) -> Option<PathBuf> {
    let rel = request_path.strip_prefix('/')?;
    let segments: Vec<&str> = rel.split('/').collect();
    let mut path = root.to_path_buf();
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            // Only the last segment may be empty: "/" or ".../" name index.html.
            if i + 1 == segments.len() {
                path.push("index.html");
                return Some(path);
            }
            return None;
        }
        if segment.starts_with('.')
            || !segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        {
            return None;
        }
        path.push(segment);
    }
    Some(path)
}

/// The Content-Type for a file name, by extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("ts") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_only_checked_segments() {
        let root = Path::new("/srv/dist");
        assert_eq!(
            resolve(root, "/"),
            Some(PathBuf::from("/srv/dist/index.html"))
        );
        assert_eq!(
            resolve(root, "/app-1f2e.wasm"),
            Some(PathBuf::from("/srv/dist/app-1f2e.wasm"))
        );
        assert_eq!(
            resolve(root, "/bank-data/branches/0001.json"),
            Some(PathBuf::from("/srv/dist/bank-data/branches/0001.json"))
        );
        assert_eq!(
            resolve(root, "/bank-data/"),
            Some(PathBuf::from("/srv/dist/bank-data/index.html"))
        );
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/a/../../x"), None);
        assert_eq!(resolve(root, "/.git/config"), None);
        assert_eq!(resolve(root, "/%2e%2e/x"), None);
        assert_eq!(resolve(root, "/a\\b"), None);
        assert_eq!(resolve(root, "//etc/passwd"), None);
        assert_eq!(resolve(root, "relative"), None);
    }

    #[test]
    fn types() {
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("x/y.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }
}
