//! `file:` URIs to paths and back, with percent-encoding.

use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The local path a `file:` URI names (`file:///C:/x` is `C:/x`); `None` for other schemes
/// (`untitled:`) and for a path that does not decode to UTF-8.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    if !uri
        .scheme()
        .is_some_and(|scheme| scheme.as_str().eq_ignore_ascii_case("file"))
    {
        return None;
    }
    let decoded = percent_decode(uri.path().as_str())?;
    let windows_drive = decoded.len() >= 3
        && decoded.starts_with('/')
        && decoded.as_bytes()[1].is_ascii_alphabetic()
        && decoded.as_bytes()[2] == b':';
    Some(PathBuf::from(if windows_drive {
        &decoded[1..]
    } else {
        &decoded[..]
    }))
}

/// The `file:` URI of an absolute `path`, percent-encoding every byte outside the unreserved
/// set and `/` (`None` if the result does not parse, which no real path gives).
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&uri).ok()
}

/// `%XX` escapes decoded; `None` when an escape is malformed or the bytes are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(text: &str) -> Uri {
        Uri::from_str(text).unwrap()
    }

    #[test]
    fn file_uris_decode_to_paths_and_back() {
        let path = to_path(&uri("file:///desk/a%20story%E2%80%94draft.txt")).unwrap();
        assert_eq!(path, PathBuf::from("/desk/a story—draft.txt"));
        assert_eq!(
            from_path(&path).unwrap().as_str(),
            "file:///desk/a%20story%E2%80%94draft.txt"
        );
    }

    #[test]
    fn windows_drive_letters_lose_the_leading_slash() {
        assert_eq!(
            to_path(&uri("file:///C:/desk/story.txt")),
            Some(PathBuf::from("C:/desk/story.txt"))
        );
    }

    #[test]
    fn other_schemes_and_bad_escapes_have_no_path() {
        assert_eq!(to_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(percent_decode("a%2"), None);
        assert_eq!(percent_decode("a%FF"), None);
    }
}
