//! The J-LIS roots this crate knows, as data (jpki-pki.md §2; provenance and SHA-256
//! fingerprints in `roots/README.md`).
//!
//! Knowing a root is not trusting it: this table only names roots (for display, and to tell a
//! certificate's generation from its AKI). Trust is given by [`crate::trust`], where the
//! production store can hold only production roots.
//!
//! ```text
//! +------------------+------------+--------+-----+------------------------------------------+
//! | name             | hierarchy  | kind   | gen | subjectKeyIdentifier                     |
//! +------------------+------------+--------+-----+------------------------------------------+
//! | authca01/02/03   | production | auth   | 1-3 | 9567…0385 / 8CD5…3593 / 1AC1…308A        |
//! | signca01/02/03   | production | sign   | 1-3 | 0D03…54A7 / 4DE0…558A / D21E…F08F        |
//! | authca-test-2019 | test       | auth   |  -  | 2BF3…C5C8 (2023: 8B8B…1664)              |
//! | signca-test-2019 | test       | sign   |  -  | E7D8…C9C5 (2024: 4100…A142)              |
//! +------------------+------------+--------+-----+------------------------------------------+
//! ```

use crate::certificate::{CertificateKind, Hierarchy};

/// A J-LIS root certificate compiled into the crate.
#[derive(Debug, PartialEq, Eq)]
pub struct KnownRoot {
    /// File stem (`"authca03"`).
    pub name: &'static str,
    /// Production or test hierarchy.
    pub hierarchy: Hierarchy,
    /// Which kind of certificates it issues.
    pub kind: CertificateKind,
    /// Production generation (1, 2, 3); `None` for test roots.
    pub generation: Option<u8>,
    /// subjectKeyIdentifier (= the AKI keyIdentifier of what it issues).
    pub key_id: [u8; 20],
    pub(crate) der: &'static [u8],
}

impl KnownRoot {
    /// The DER certificate.
    pub fn der(&self) -> &'static [u8] {
        self.der
    }
}

/// Every root this crate knows, production first.
pub static KNOWN_ROOTS: [KnownRoot; 10] = [
    KnownRoot {
        name: "authca01",
        hierarchy: Hierarchy::Production,
        kind: CertificateKind::UserAuthentication,
        generation: Some(1),
        key_id: [
            0x95, 0x67, 0x95, 0x1B, 0x5C, 0xA7, 0x0D, 0x84, 0xA0, 0xFF, 0xF1, 0xD8, 0x5A, 0x87,
            0xF1, 0xAA, 0xB1, 0x34, 0x03, 0x85,
        ],
        der: include_bytes!("../roots/authca01.cer"),
    },
    KnownRoot {
        name: "authca02",
        hierarchy: Hierarchy::Production,
        kind: CertificateKind::UserAuthentication,
        generation: Some(2),
        key_id: [
            0x8C, 0xD5, 0x58, 0x6A, 0x89, 0x14, 0x85, 0xE5, 0x59, 0x37, 0x9B, 0x7E, 0x29, 0xD4,
            0x10, 0xCF, 0xD2, 0x8B, 0x35, 0x93,
        ],
        der: include_bytes!("../roots/authca02.cer"),
    },
    KnownRoot {
        name: "authca03",
        hierarchy: Hierarchy::Production,
        kind: CertificateKind::UserAuthentication,
        generation: Some(3),
        key_id: [
            0x1A, 0xC1, 0x00, 0xF5, 0x96, 0xA3, 0xBC, 0x8C, 0x4B, 0x3D, 0xF1, 0x95, 0xE3, 0x26,
            0x99, 0x24, 0x9E, 0x9E, 0x30, 0x8A,
        ],
        der: include_bytes!("../roots/authca03.cer"),
    },
    KnownRoot {
        name: "signca01",
        hierarchy: Hierarchy::Production,
        kind: CertificateKind::Signature,
        generation: Some(1),
        key_id: [
            0x0D, 0x03, 0x4C, 0xBB, 0x34, 0xD0, 0x71, 0x4F, 0x45, 0xE4, 0x5A, 0x1C, 0xAF, 0xD8,
            0xFD, 0x14, 0x3F, 0xAB, 0x54, 0xA7,
        ],
        der: include_bytes!("../roots/signca01.cer"),
    },
    KnownRoot {
        name: "signca02",
        hierarchy: Hierarchy::Production,
        kind: CertificateKind::Signature,
        generation: Some(2),
        key_id: [
            0x4D, 0xE0, 0x17, 0xDE, 0x4B, 0x7F, 0x47, 0x3D, 0xCD, 0x86, 0x7A, 0x62, 0xD3, 0x8B,
            0x13, 0x4A, 0xCE, 0x83, 0x55, 0x8A,
        ],
        der: include_bytes!("../roots/signca02.cer"),
    },
    KnownRoot {
        name: "signca03",
        hierarchy: Hierarchy::Production,
        kind: CertificateKind::Signature,
        generation: Some(3),
        key_id: [
            0xD2, 0x1E, 0xA5, 0x58, 0x95, 0x61, 0x7E, 0x93, 0xAD, 0xBF, 0x96, 0x6B, 0x94, 0x1A,
            0xB4, 0xED, 0xF6, 0x53, 0xF0, 0x8F,
        ],
        der: include_bytes!("../roots/signca03.cer"),
    },
    KnownRoot {
        name: "authca-test-2019",
        hierarchy: Hierarchy::Test,
        kind: CertificateKind::UserAuthentication,
        generation: None,
        key_id: [
            0x2B, 0xF3, 0x1B, 0x35, 0x18, 0x50, 0x73, 0x39, 0xED, 0x28, 0x50, 0x25, 0x3B, 0xAD,
            0xA2, 0xAA, 0x79, 0xFF, 0xC5, 0xC8,
        ],
        der: include_bytes!("../roots/test/authca-test-2019.cer"),
    },
    KnownRoot {
        name: "authca-test-2023",
        hierarchy: Hierarchy::Test,
        kind: CertificateKind::UserAuthentication,
        generation: None,
        key_id: [
            0x8B, 0x8B, 0x13, 0x7D, 0x21, 0x5E, 0xA6, 0x01, 0x65, 0x3C, 0xAF, 0xB2, 0x66, 0x52,
            0x8C, 0x44, 0xBC, 0x0F, 0x16, 0x64,
        ],
        der: include_bytes!("../roots/test/authca-test-2023.cer"),
    },
    KnownRoot {
        name: "signca-test-2019",
        hierarchy: Hierarchy::Test,
        kind: CertificateKind::Signature,
        generation: None,
        key_id: [
            0xE7, 0xD8, 0x73, 0xD8, 0x08, 0x45, 0x86, 0x84, 0x1E, 0x74, 0x4C, 0xFE, 0x51, 0xC3,
            0x6D, 0x13, 0x18, 0x52, 0xC9, 0xC5,
        ],
        der: include_bytes!("../roots/test/signca-test-2019.cer"),
    },
    KnownRoot {
        name: "signca-test-2024",
        hierarchy: Hierarchy::Test,
        kind: CertificateKind::Signature,
        generation: None,
        key_id: [
            0x41, 0x00, 0x21, 0x47, 0x6B, 0x2B, 0xCF, 0x2C, 0x8A, 0x2B, 0xBB, 0xF8, 0x3B, 0x38,
            0xA9, 0x78, 0x86, 0x3D, 0xA1, 0x42,
        ],
        der: include_bytes!("../roots/test/signca-test-2024.cer"),
    },
];

/// The known root whose subjectKeyIdentifier is `key_id`.
pub fn known_root_by_key_id(key_id: &[u8]) -> Option<&'static KnownRoot> {
    KNOWN_ROOTS.iter().find(|r| r.key_id == key_id)
}

pub(crate) fn known_roots(hierarchy: Hierarchy) -> impl Iterator<Item = &'static KnownRoot> {
    KNOWN_ROOTS.iter().filter(move |r| r.hierarchy == hierarchy)
}
