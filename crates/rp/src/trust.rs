//! Which roots the server trusts: the production J-LIS roots by default, or — with `--demo`
//! only — the simulator's test roots (DESIGN "Trust and demo mode"; jpki-pki.md §1–§2).
//!
//! ```text
//! +------------+--------------------------------------------------------+-----------------+
//! | mode       | roots                                                  | said            |
//! +------------+--------------------------------------------------------+-----------------+
//! | production | the six bundled J-LIS roots (pki::TrustStore<Production>)| nothing extra  |
//! | demo       | the simulator's auth + sign test roots (O=JPKI-TEST)   | DEMO_NOTICE on  |
//! |            |                                                        | every page and  |
//! |            |                                                        | every answer    |
//! +------------+--------------------------------------------------------+-----------------+
//! ```
//! The two stores are different types in `pki`, so a test root can never end up in the
//! production store.

use pki::crl::Crl;
use pki::der::Encode;
use pki::trust::{HierarchyMarker, Production, Test, TrustAnchor, TrustStore};

/// What every page and answer says in demo mode.
pub const DEMO_NOTICE: &str = "demo: test certificates accepted";

/// The trust store in use.
#[derive(Debug)]
pub enum Trust {
    /// The J-LIS production roots.
    Production(TrustStore<Production>),
    /// The simulator's test roots (demo mode).
    Demo(TrustStore<Test>),
}

/// Why the demo trust store could not be built.
#[derive(Debug, thiserror::Error)]
#[error("the simulator's test root could not be made: {0}")]
pub struct DemoTrustError(String);

impl Trust {
    /// The production J-LIS roots.
    pub fn production() -> Self {
        Self::Production(TrustStore::production())
    }

    /// The simulator's authentication and signature test roots.
    pub fn demo() -> Result<Self, DemoTrustError> {
        let mut store = TrustStore::empty();
        for purpose in [
            sim::issuer::Purpose::Authentication,
            sim::issuer::Purpose::Signature,
        ] {
            let root =
                sim::issuer::TestRoot::new(purpose).map_err(|e| DemoTrustError(e.to_string()))?;
            let anchor = TrustAnchor::from_der(root.certificate_der())
                .map_err(|e| DemoTrustError(e.to_string()))?;
            store.add(anchor);
        }
        Ok(Self::Demo(store))
    }

    /// True in demo mode.
    pub fn is_demo(&self) -> bool {
        matches!(self, Self::Demo(_))
    }

    /// The name of the root that issued and signed `crl` (its DN must be the CRL issuer and its
    /// key must verify the CRL signature), or `None` if no root in the store did.
    pub fn crl_signer(&self, crl: &Crl<'_>) -> Option<String> {
        match self {
            Self::Production(store) => crl_signer_in(store, crl),
            Self::Demo(store) => crl_signer_in(store, crl),
        }
    }
}

fn crl_signer_in<H: HierarchyMarker>(store: &TrustStore<H>, crl: &Crl<'_>) -> Option<String> {
    store
        .anchors()
        .iter()
        .filter(|a| {
            a.certificate()
                .subject()
                .to_der()
                .is_ok_and(|dn| dn.as_slice() == crl.issuer_der())
        })
        .find(|a| crl.verify_signature(a.key()).is_ok())
        .map(TrustAnchor::name)
}
