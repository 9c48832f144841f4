//! Personal data sealed at rest: 身份证号, phones and objection contacts are stored encrypted
//! (XChaCha20-Poly1305, a 24-byte random nonce per value), and each ID number has a keyed blind
//! index beside it (HMAC-SHA256) that carries its uniqueness and serves exact lookups, so the
//! database never holds a number in the clear.
//!
//! Keys come from a key ring: a text file of lines `<id> <32 bytes in base64>` (blank lines and
//! `#` comments allowed, at most 64 KB); the highest id is the active key, which seals every new
//! value; older keys only open what is still sealed under them until the start-up pass (see
//! `service::sealing_pass`) reseals it. Each key is a master secret from which the sealing key
//! and the index key are derived with HKDF-SHA256, under labels of this system.
//!
//! A sealed value reads `k<id>.<base64url(nonce ‖ ciphertext ‖ tag)>`; the field kind is the
//! associated data, so a value moved into another kind of field does not open. The design and
//! its limits are this system's (README "Security"): whoever holds the key file can open
//! everything, and a blind index of a number space this small can be searched by whoever holds
//! the index key, never without it.

use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chacha20poly1305::aead::{Aead, Generate, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::model::AppError;

/// Bytes of a master key.
pub const KEY_BYTES: usize = 32;
/// The largest key file read (this system's default).
pub const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;
const NONCE_BYTES: usize = 24;
const TAG_BYTES: usize = 16;
/// The longest plain value sealed (bytes): objection contacts are at most 100 characters.
pub const MAX_PLAIN_BYTES: usize = 1024;

/// What a sealed value is: the associated data of its seal and the label of its index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A 身份证号 (person or coordinator).
    IdNumber,
    /// A phone number (person or coordinator).
    Phone,
    /// The contact a member of the public leaves with an objection (phone or e-mail).
    Contact,
}

impl Field {
    fn label(self) -> &'static [u8] {
        match self {
            Field::IdNumber => b"jiceng/id_number",
            Field::Phone => b"jiceng/phone",
            Field::Contact => b"jiceng/contact",
        }
    }
}

/// A key file that cannot be used. The messages name the file or line, never key material.
#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    #[error("cannot read the key file {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("the key file {path} is larger than {MAX_KEY_FILE_BYTES} bytes")]
    TooLarge { path: String },
    #[error("line {line} of the key file: {reason}")]
    Malformed { line: usize, reason: &'static str },
    #[error("key id {0} appears more than once in the key file")]
    DuplicateId(u32),
    #[error("the key file holds no key")]
    Empty,
    #[error("cannot write the key file {path}: {reason}")]
    Write { path: String, reason: String },
}

/// A sealed value that does not open. Never carries the value.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("sealed under key {0}, which the key ring does not hold")]
    UnknownKey(u32),
    #[error("not a sealed value")]
    Malformed,
    #[error("the seal does not authenticate (wrong key, wrong field or altered)")]
    Forged,
    #[error("no key ring is installed")]
    NoKeyring,
    #[error("a value of more than {MAX_PLAIN_BYTES} bytes")]
    TooLong,
}

impl From<SealError> for AppError {
    fn from(e: SealError) -> Self {
        tracing::error!("sealed data: {e}");
        AppError::Internal
    }
}

/// One key of the ring: its id and the two keys derived from it.
struct DataKey {
    id: u32,
    master: [u8; KEY_BYTES],
    cipher: XChaCha20Poly1305,
    index: Hmac<Sha256>,
}

impl DataKey {
    fn new(id: u32, master: [u8; KEY_BYTES]) -> DataKey {
        let hk = Hkdf::<Sha256>::new(None, &master);
        let mut seal = [0u8; KEY_BYTES];
        let mut index = [0u8; KEY_BYTES];
        // 32 bytes are always within HKDF-SHA256's limit of 8,160.
        let derived = hk
            .expand(b"jiceng seal key v1", &mut seal)
            .and_then(|()| hk.expand(b"jiceng index key v1", &mut index));
        debug_assert!(derived.is_ok());
        // HMAC pads a key shorter than its 64-byte block with zeros: the same key, padded here.
        let mut block = [0u8; 64];
        block[..KEY_BYTES].copy_from_slice(&index);
        DataKey {
            id,
            master,
            cipher: XChaCha20Poly1305::new(&seal.into()),
            index: <Hmac<Sha256> as KeyInit>::new(&block.into()),
        }
    }
}

/// The keys data is sealed with: the active key (the highest id) and older ones.
pub struct Keyring {
    /// Highest id first.
    keys: Vec<DataKey>,
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<u32> = self.keys.iter().map(|k| k.id).collect();
        f.debug_struct("Keyring").field("key_ids", &ids).finish()
    }
}

fn random_master() -> [u8; KEY_BYTES] {
    let key = chacha20poly1305::Key::generate();
    let mut out = [0u8; KEY_BYTES];
    out.copy_from_slice(key.as_slice());
    out
}

impl Keyring {
    /// A ring of one new random key with id 1.
    pub fn generate() -> Keyring {
        Keyring {
            keys: vec![DataKey::new(1, random_master())],
        }
    }

    /// A ring of one key made from `master`, with id `id` (for tests and fixed fixtures).
    pub fn from_master(id: u32, master: [u8; KEY_BYTES]) -> Keyring {
        Keyring {
            keys: vec![DataKey::new(id, master)],
        }
    }

    /// This ring with a new random key of the next id in front (it becomes the active key).
    pub fn with_new_key(&self) -> Keyring {
        let id = self.active_id() + 1;
        let mut keys = vec![DataKey::new(id, random_master())];
        keys.extend(self.keys.iter().map(|k| DataKey::new(k.id, k.master)));
        Keyring { keys }
    }

    /// Only the active key (after every value is resealed under it).
    pub fn active_only(&self) -> Keyring {
        let k = &self.keys[0];
        Keyring {
            keys: vec![DataKey::new(k.id, k.master)],
        }
    }

    /// The id of the key that seals new values.
    pub fn active_id(&self) -> u32 {
        self.keys[0].id
    }

    /// The ids the ring holds, highest first.
    pub fn ids(&self) -> Vec<u32> {
        self.keys.iter().map(|k| k.id).collect()
    }

    /// Reads a key file's text. Errors: a malformed line, a repeated id, no key.
    pub fn parse(text: &str) -> Result<Keyring, KeyringError> {
        let mut keys: Vec<DataKey> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let malformed = |reason| KeyringError::Malformed {
                line: n + 1,
                reason,
            };
            let mut parts = line.split_whitespace();
            let (Some(id), Some(key), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(malformed("expected `<id> <key in base64>`"));
            };
            let id: u32 = id
                .parse()
                .ok()
                .filter(|&id| id > 0)
                .ok_or(malformed("the id is not a whole number from 1"))?;
            let bytes = STANDARD
                .decode(key)
                .map_err(|_| malformed("the key is not base64"))?;
            let master: [u8; KEY_BYTES] = bytes
                .try_into()
                .map_err(|_| malformed("the key is not 32 bytes"))?;
            if keys.iter().any(|k| k.id == id) {
                return Err(KeyringError::DuplicateId(id));
            }
            keys.push(DataKey::new(id, master));
        }
        if keys.is_empty() {
            return Err(KeyringError::Empty);
        }
        keys.sort_by_key(|k| std::cmp::Reverse(k.id));
        Ok(Keyring { keys })
    }

    /// The key file's text: a warning comment, then one line per key, active first.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "# 基层就业 data keys: they open every ID number and phone in the database.\n\
             # Keep this file secret (mode 0600) and back it up apart from the database.\n",
        );
        for k in &self.keys {
            out.push_str(&format!("{} {}\n", k.id, STANDARD.encode(k.master)));
        }
        out
    }

    /// Reads the key file at `path`, at most [`MAX_KEY_FILE_BYTES`]. Errors: unreadable, too
    /// large, malformed.
    pub fn load(path: &Path) -> Result<Keyring, KeyringError> {
        use std::io::Read;
        let shown = path.display().to_string();
        let read_err = |e: std::io::Error| KeyringError::Read {
            path: shown.clone(),
            reason: e.to_string(),
        };
        let file = std::fs::File::open(path).map_err(read_err)?;
        let mut text = String::new();
        file.take(MAX_KEY_FILE_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(read_err)?;
        if text.len() as u64 > MAX_KEY_FILE_BYTES {
            return Err(KeyringError::TooLarge { path: shown });
        }
        Keyring::parse(&text)
    }

    /// Writes the ring to `path` through a temporary file renamed over it, readable by the
    /// owner only (on Unix). Errors: the folder is not writable.
    pub fn save(&self, path: &Path) -> Result<(), KeyringError> {
        use std::io::Write;
        let write_err = |e: std::io::Error| KeyringError::Write {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        let tmp = path.with_extension("keys-tmp");
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = opts.open(&tmp).map_err(write_err)?;
        file.write_all(self.to_text().as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(write_err)?;
        std::fs::rename(&tmp, path).map_err(write_err)
    }

    /// Seals `plain` under the active key. Errors: a value longer than [`MAX_PLAIN_BYTES`].
    pub fn seal(&self, field: Field, plain: &str) -> Result<String, SealError> {
        if plain.len() > MAX_PLAIN_BYTES {
            return Err(SealError::TooLong);
        }
        let key = &self.keys[0];
        let nonce = XNonce::generate();
        let sealed = key
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: plain.as_bytes(),
                    aad: field.label(),
                },
            )
            .map_err(|_| SealError::TooLong)?;
        let mut bytes = Vec::with_capacity(NONCE_BYTES + sealed.len());
        bytes.extend_from_slice(nonce.as_slice());
        bytes.extend_from_slice(&sealed);
        Ok(format!("k{}.{}", key.id, URL_SAFE_NO_PAD.encode(bytes)))
    }

    /// The id of the key `sealed` was sealed under, if it is a sealed value at all.
    pub fn key_of(sealed: &str) -> Option<u32> {
        let (head, _) = sealed.split_once('.')?;
        head.strip_prefix('k')?.parse().ok()
    }

    /// Opens a value sealed by [`Keyring::seal`] for the same field. Errors: not a sealed
    /// value, a key the ring lacks, a seal that does not authenticate.
    pub fn open(&self, field: Field, sealed: &str) -> Result<String, SealError> {
        let id = Keyring::key_of(sealed).ok_or(SealError::Malformed)?;
        let key = self
            .keys
            .iter()
            .find(|k| k.id == id)
            .ok_or(SealError::UnknownKey(id))?;
        let body = sealed.split_once('.').map(|(_, b)| b).unwrap_or_default();
        // Base64 is 4/3 of the bytes: refuse what could not be a sealed value before decoding.
        if body.len() > (NONCE_BYTES + TAG_BYTES + MAX_PLAIN_BYTES) * 4 / 3 + 4 {
            return Err(SealError::Malformed);
        }
        let bytes = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| SealError::Malformed)?;
        if bytes.len() < NONCE_BYTES + TAG_BYTES {
            return Err(SealError::Malformed);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let nonce = XNonce::try_from(nonce).map_err(|_| SealError::Malformed)?;
        let plain = key
            .cipher
            .decrypt(
                &nonce,
                Payload {
                    msg: ciphertext,
                    aad: field.label(),
                },
            )
            .map_err(|_| SealError::Forged)?;
        String::from_utf8(plain).map_err(|_| SealError::Forged)
    }

    /// The blind index of `plain` under the active key: base64url of HMAC-SHA256 over the
    /// field's label and the value (43 characters). Equal values give equal indexes under one
    /// key; nothing about the value can be learnt from it without the key.
    pub fn blind_index(&self, field: Field, plain: &str) -> String {
        let mut mac = self.keys[0].index.clone();
        mac.update(field.label());
        mac.update(&[0]);
        mac.update(plain.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }
}

static KEYRING: OnceLock<Keyring> = OnceLock::new();

/// Installs the process's key ring; the first call wins (later calls, e.g. from tests, keep
/// it). Called once at start-up, before any request or command.
pub fn install(ring: Keyring) -> &'static Keyring {
    KEYRING.get_or_init(|| ring)
}

/// The process's key ring. Errors: [`SealError::NoKeyring`] before [`install`].
pub fn keyring() -> Result<&'static Keyring, SealError> {
    KEYRING.get().ok_or(SealError::NoKeyring)
}

/// Seals `plain` with the process's key ring.
pub fn seal(field: Field, plain: &str) -> Result<String, AppError> {
    Ok(keyring()?.seal(field, plain)?)
}

/// Seals an optional value.
pub fn seal_opt(field: Field, plain: Option<&str>) -> Result<Option<String>, AppError> {
    plain.map(|p| seal(field, p)).transpose()
}

/// Opens a value sealed with the process's key ring. Errors: `Internal` (logged without the
/// value) for a seal that does not open.
pub fn open(field: Field, sealed: &str) -> Result<String, AppError> {
    Ok(keyring()?.open(field, sealed)?)
}

/// Opens an optional value.
pub fn open_opt(field: Field, sealed: Option<&str>) -> Result<Option<String>, AppError> {
    sealed.map(|s| open(field, s)).transpose()
}

/// The blind index of an ID number under the process's active key.
pub fn id_number_index(number: &str) -> Result<String, AppError> {
    Ok(keyring()?.blind_index(Field::IdNumber, number))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring() -> Keyring {
        Keyring::from_master(1, [7; KEY_BYTES])
    }

    #[test]
    fn a_sealed_value_opens_to_itself_and_shows_nothing_of_it() {
        let ring = ring();
        let number = "11010519491231002X";
        let sealed = ring.seal(Field::IdNumber, number).expect("seals");
        assert!(sealed.starts_with("k1."));
        assert!(!sealed.contains("1949"), "{sealed}");
        assert_eq!(ring.open(Field::IdNumber, &sealed), Ok(number.to_string()));
        // A fresh nonce each time: the same number seals differently.
        assert_ne!(sealed, ring.seal(Field::IdNumber, number).expect("seals"));
    }

    #[test]
    fn a_seal_opens_only_for_its_field_key_and_bytes() {
        let ring = ring();
        let sealed = ring.seal(Field::Phone, "13800138000").expect("seals");
        assert_eq!(ring.open(Field::Contact, &sealed), Err(SealError::Forged));
        let other = Keyring::from_master(1, [8; KEY_BYTES]);
        assert_eq!(other.open(Field::Phone, &sealed), Err(SealError::Forged));
        let later = Keyring::from_master(2, [7; KEY_BYTES]);
        assert_eq!(
            later.open(Field::Phone, &sealed),
            Err(SealError::UnknownKey(1))
        );
        // One character changed in the body.
        let mut altered = sealed.clone().into_bytes();
        let last = altered.len() - 1;
        altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(altered).expect("ascii");
        assert_eq!(ring.open(Field::Phone, &altered), Err(SealError::Forged));
        for junk in ["13800138000", "k1.", "k1.!!!", "kx.AAAA", ""] {
            assert!(ring.open(Field::Phone, junk).is_err(), "{junk:?}");
        }
        let huge = format!("k1.{}", "A".repeat(10_000));
        assert_eq!(ring.open(Field::Phone, &huge), Err(SealError::Malformed));
        assert_eq!(
            ring.seal(Field::Contact, &"a".repeat(MAX_PLAIN_BYTES + 1)),
            Err(SealError::TooLong)
        );
    }

    #[test]
    fn blind_indexes_match_equal_values_under_one_key_only() {
        let ring = ring();
        let a = ring.blind_index(Field::IdNumber, "11010519491231002X");
        assert_eq!(a, ring.blind_index(Field::IdNumber, "11010519491231002X"));
        assert_eq!(a.len(), 43);
        assert_ne!(a, ring.blind_index(Field::IdNumber, "110105194912310029"));
        assert_ne!(a, ring.blind_index(Field::Phone, "11010519491231002X"));
        let other = Keyring::from_master(1, [8; KEY_BYTES]);
        assert_ne!(a, other.blind_index(Field::IdNumber, "11010519491231002X"));
    }

    #[test]
    fn a_rotated_ring_seals_with_the_new_key_and_opens_the_old() {
        let old = ring();
        let sealed_before = old
            .seal(Field::IdNumber, "11010519491231002X")
            .expect("seals");
        let rotated = old.with_new_key();
        assert_eq!(rotated.ids(), vec![2, 1]);
        assert_eq!(
            rotated.open(Field::IdNumber, &sealed_before).as_deref(),
            Ok("11010519491231002X")
        );
        let sealed_after = rotated.seal(Field::IdNumber, "x").expect("seals");
        assert_eq!(Keyring::key_of(&sealed_after), Some(2));
        let only = rotated.active_only();
        assert_eq!(only.ids(), vec![2]);
        assert_eq!(
            only.open(Field::IdNumber, &sealed_before),
            Err(SealError::UnknownKey(1))
        );
    }

    #[test]
    fn key_files_round_trip_and_bad_ones_are_named() {
        let ring = ring().with_new_key();
        let text = ring.to_text();
        let back = Keyring::parse(&text).expect("parses");
        assert_eq!(back.ids(), vec![2, 1]);
        let sealed = ring.seal(Field::Phone, "0755-26661001").expect("seals");
        assert_eq!(
            back.open(Field::Phone, &sealed).as_deref(),
            Ok("0755-26661001")
        );
        assert!(matches!(
            Keyring::parse("# nothing\n"),
            Err(KeyringError::Empty)
        ));
        let key = STANDARD.encode([1u8; KEY_BYTES]);
        assert!(matches!(
            Keyring::parse(&format!("1 {key}\n1 {key}\n")),
            Err(KeyringError::DuplicateId(1))
        ));
        for (bad, line) in [
            (format!("\n0 {key}"), 2),
            (format!("one {key}"), 1),
            ("1 not-base64!".to_string(), 1),
            (format!("1 {}", STANDARD.encode([1u8; 16])), 1),
            (format!("1 {key} extra"), 1),
        ] {
            match Keyring::parse(&bad) {
                Err(KeyringError::Malformed { line: l, .. }) => assert_eq!(l, line, "{bad}"),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
        // The error never shows key material.
        let shown = Keyring::parse(&format!("1 {key} extra"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(!shown.contains(&key), "{shown}");
        assert!(!format!("{ring:?}").contains(&key));
    }

    #[test]
    fn key_files_are_written_for_the_owner_only_and_read_within_bounds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("jiceng.db.keys");
        let ring = Keyring::generate();
        ring.save(&path).expect("saves");
        let back = Keyring::load(&path).expect("loads");
        let sealed = ring.seal(Field::IdNumber, "x").expect("seals");
        assert_eq!(back.open(Field::IdNumber, &sealed).as_deref(), Ok("x"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let big = dir.path().join("big.keys");
        std::fs::write(&big, "#".repeat(MAX_KEY_FILE_BYTES as usize + 10)).expect("writes");
        assert!(matches!(
            Keyring::load(&big),
            Err(KeyringError::TooLarge { .. })
        ));
        assert!(matches!(
            Keyring::load(&dir.path().join("missing")),
            Err(KeyringError::Read { .. })
        ));
    }
}
