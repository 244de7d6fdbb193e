//! The latest-4-items check (flows.md §6.2): given the signature CA's CRL, which stored customers'
//! signature certificates are revoked, why, and what that means for the customer record.
//!
//! ```text
//! CRL (DER or PEM, RFC 5280 §5) ──pki::crl::Crl::from_der── issuer DN + signature checked
//!    against the trust store's roots (a CRL no trusted root signed is refused)
//! stored signature customers ──issuer = CRL issuer── one pass: Crl::scan(serials)
//! each listed customer ──reason (flows.md §6.1 table)── next state (flows.md §6.2):
//! +------------------------+------------------------+---------------------------------------+
//! | reasonCode (RFC 5280)  | §6.1 name              | §6.2 state                            |
//! +------------------------+------------------------+---------------------------------------+
//! | 3 affiliationChanged   | affiliation_changed    | change_detected (ask for new 4 items) |
//! | 4 superseded           | superseded             | renewed_card                          |
//! | 6 certificateHold      | certificate_hold       | suspended                             |
//! | 1 keyCompromise        | key_compromise         | suspended                             |
//! | 5 cessationOfOperation | cessation_of_operation | inactive (manual review)              |
//! | 0 / absent unspecified | unspecified            | manual_review                         |
//! | 2 cACompromise, others | ca_compromise, …       | manual_review                         |
//! +------------------------+------------------------+---------------------------------------+
//! ```
//! Only signature certificates are checked: the user-authentication certificate does not lapse
//! when the 4 items change (flows.md §6.2, last line).

use pki::crl::{Crl, CrlError, RevocationReason};
use pki::der::Encode;
use pki::JpkiCertificate;
use serde::Serialize;

use crate::clock::{to_date_time, UnixTime};
use crate::store::{FourItems, SignatureCustomer};
use crate::trust::Trust;

/// Why the check could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CrlCheckError {
    /// The bytes are not a usable CRL.
    #[error("not a usable CRL: {0}")]
    Crl(#[from] CrlError),
    /// No root of the trust store issued and signed this CRL.
    #[error("the CRL is not signed by a trusted root (issuer DN and signature checked)")]
    NotTrusted,
}

impl CrlCheckError {
    /// A stable snake-case code for JSON answers.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Crl(_) => "crl_malformed",
            Self::NotTrusted => "crl_not_trusted",
        }
    }
}

/// The flows.md §6.1 name of a revocation reason (`None`: no reasonCode, i.e. unspecified).
pub fn reason_name(reason: Option<RevocationReason>) -> &'static str {
    match reason {
        None | Some(RevocationReason::Unspecified) => "unspecified",
        Some(RevocationReason::KeyCompromise) => "key_compromise",
        Some(RevocationReason::CaCompromise) => "ca_compromise",
        Some(RevocationReason::AffiliationChanged) => "affiliation_changed",
        Some(RevocationReason::Superseded) => "superseded",
        Some(RevocationReason::CessationOfOperation) => "cessation_of_operation",
        Some(RevocationReason::CertificateHold) => "certificate_hold",
        Some(RevocationReason::RemoveFromCrl) => "remove_from_crl",
        Some(RevocationReason::PrivilegeWithdrawn) => "privilege_withdrawn",
        Some(RevocationReason::AaCompromise) => "aa_compromise",
        Some(RevocationReason::Other(_)) => "other",
    }
}

/// The flows.md §6.2 state a revocation moves the customer to.
pub fn next_state(reason: Option<RevocationReason>) -> &'static str {
    match reason {
        Some(RevocationReason::AffiliationChanged) => "change_detected",
        Some(RevocationReason::Superseded) => "renewed_card",
        Some(RevocationReason::CertificateHold | RevocationReason::KeyCompromise) => "suspended",
        Some(RevocationReason::CessationOfOperation) => "inactive",
        _ => "manual_review",
    }
}

/// One stored customer whose signature certificate the CRL lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokedCustomer {
    /// Customer id.
    pub customer_id: i64,
    /// Certificate serial, upper-case hex.
    pub serial: String,
    /// The 4 items as verified (the values before the change).
    pub holder: Option<FourItems>,
    /// revocationDate, RFC 3339.
    pub revoked_at: String,
    /// flows.md §6.1 reason name.
    pub reason: &'static str,
    /// flows.md §6.2 state.
    pub state: &'static str,
    /// Whether the customer signed the consent to look up the latest 4 items (step C needs it).
    pub consented: bool,
}

/// What the check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrlReport {
    /// The root that signed the CRL.
    pub signed_by: String,
    /// thisUpdate, RFC 3339.
    pub this_update: String,
    /// nextUpdate, RFC 3339, when present.
    pub next_update: Option<String>,
    /// True when `now` is past nextUpdate: a newer CRL exists, fetch it.
    pub out_of_date: bool,
    /// Entries in the CRL.
    pub entries: usize,
    /// Stored signature customers from this CRL's issuer that were checked.
    pub checked: usize,
    /// Those the CRL lists, in customer order.
    pub revoked: Vec<RevokedCustomer>,
}

/// Runs the check on `crl_der` (DER, or PEM `X509 CRL`) for `customers` at `now`.
pub fn check(
    crl_input: &[u8],
    customers: &[SignatureCustomer],
    trust: &Trust,
    now: UnixTime,
) -> Result<CrlReport, CrlCheckError> {
    let der = pki::crl::der_from_pem_or_der(crl_input)?;
    let crl = Crl::from_der(&der)?;
    let signed_by = trust.crl_signer(&crl).ok_or(CrlCheckError::NotTrusted)?;

    // Customers whose certificate this CRL's issuer issued; their serial magnitudes.
    let from_issuer: Vec<(&SignatureCustomer, Vec<u8>)> = customers
        .iter()
        .filter_map(|c| {
            let cert = JpkiCertificate::from_der(&c.certificate.der).ok()?;
            let issuer = cert.issuer().to_der().ok()?;
            (issuer.as_slice() == crl.issuer_der()).then(|| (c, cert.profile().serial.clone()))
        })
        .collect();
    let serials: Vec<&[u8]> = from_issuer.iter().map(|(_, s)| s.as_slice()).collect();
    let answers = crl.scan(&serials);

    let revoked = from_issuer
        .iter()
        .zip(answers)
        .filter_map(|((customer, _), answer)| {
            let r = answer?;
            Some(RevokedCustomer {
                customer_id: customer.id,
                serial: customer.certificate.serial.clone(),
                holder: customer.certificate.holder.clone(),
                revoked_at: r.time.to_string(),
                reason: reason_name(r.reason),
                state: next_state(r.reason),
                consented: customer.consented,
            })
        })
        .collect();
    let out_of_date = match (crl.next_update(), to_date_time(now)) {
        (Some(next), Some(now)) => now > next,
        _ => false,
    };
    Ok(CrlReport {
        signed_by,
        this_update: crl.this_update().to_string(),
        next_update: crl.next_update().map(|t| t.to_string()),
        out_of_date,
        entries: crl.len(),
        checked: from_issuer.len(),
        revoked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_code_has_its_flows_md_name_and_state() {
        let table = [
            (None, "unspecified", "manual_review"),
            (Some(0), "unspecified", "manual_review"),
            (Some(1), "key_compromise", "suspended"),
            (Some(2), "ca_compromise", "manual_review"),
            (Some(3), "affiliation_changed", "change_detected"),
            (Some(4), "superseded", "renewed_card"),
            (Some(5), "cessation_of_operation", "inactive"),
            (Some(6), "certificate_hold", "suspended"),
            (Some(8), "remove_from_crl", "manual_review"),
            (Some(9), "privilege_withdrawn", "manual_review"),
            (Some(10), "aa_compromise", "manual_review"),
            (Some(7), "other", "manual_review"),
        ];
        for (code, name, state) in table {
            let reason = code.map(RevocationReason::from_code);
            assert_eq!(
                (reason_name(reason), next_state(reason)),
                (name, state),
                "{code:?}"
            );
        }
    }
}
