//! What an uploaded file is, by its first bytes (its signature), never by the type the sender
//! declares. Attachments to a certification file may be PDF, JPEG or PNG (this system's
//! default: what a scanner or a phone camera gives).

/// A file type an attachment may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
}

impl FileKind {
    /// The media type stored and sent back with the file.
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
        }
    }
}

/// The kind of `bytes` by its signature: `%PDF-` (PDF), `FF D8 FF` (JPEG), the eight bytes
/// `89 50 4E 47 0D 0A 1A 0A` (PNG); `None` for anything else.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(FileKind::Png)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_their_first_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(FileKind::Pdf));
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some(FileKind::Jpeg)
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(FileKind::Png));
        // Declared as a PDF, but HTML, a script, an archive, nothing, or a cut signature.
        for other in [
            &b"<html><script>alert(1)</script>"[..],
            b"#!/bin/sh\n",
            b"PK\x03\x04",
            b"",
            b"%PD",
            b"\x89PNG\r\n",
        ] {
            assert_eq!(sniff(other), None, "{other:?}");
        }
        assert_eq!(FileKind::Png.media_type(), "image/png");
    }
}
