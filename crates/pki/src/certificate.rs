//! Parsing an X.509 certificate (RFC 5280 §4.1) and reading its JPKI profile (jpki-pki.md §2–§3).
//!
//! ```text
//! Certificate ::= SEQUENCE {                    RFC 5280 §4.1
//!   tbsCertificate      TBSCertificate,        -- the signed bytes, kept as received
//!   signatureAlgorithm  AlgorithmIdentifier,   -- sha256WithRSAEncryption on every JPKI cert
//!   signatureValue      BIT STRING }
//! ```
//! Parsing is strict DER (x509-cert / der). Every extension this crate reads is decoded up
//! front, so a malformed one is a [`CertificateError`] naming it, never a later surprise.

use const_oid::ObjectIdentifier;
use der::{DateTime, Decode, Encode};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints, CertificatePolicies,
    ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectAltName, SubjectKeyIdentifier,
};
use x509_cert::name::Name;
use x509_cert::Certificate;

use crate::holder::{self, HolderInfo};
use crate::oid;
use crate::roots::{self, KnownRoot};
use crate::signature::{self, SignatureError};
use crate::tlv::{tag, TlvError, TlvReader};

/// Why bytes could not be read as a certificate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CertificateError {
    /// The input is neither DER nor a PEM `CERTIFICATE` block.
    #[error("not a certificate: the input is neither DER (starting with a SEQUENCE) nor PEM")]
    NotCertificate,
    /// PEM armour was found but could not be decoded.
    #[error(transparent)]
    Pem(crate::pem::PemError),
    /// The DER structure is malformed.
    #[error("malformed certificate: {0}")]
    Der(der::Error),
    /// The outer structure could not be split into tbsCertificate / algorithm / signature.
    #[error("malformed certificate: {0}")]
    Structure(TlvError),
    /// An extension this crate reads is malformed.
    #[error("malformed {name} extension ({oid}): {source}")]
    Extension {
        /// The extension's name.
        name: &'static str,
        /// Its OID.
        oid: ObjectIdentifier,
        /// The decoding error.
        source: der::Error,
    },
    /// An extension appears twice (RFC 5280 §4.2).
    #[error("extension {0} appears more than once")]
    DuplicateExtension(ObjectIdentifier),
    /// The certificate is not X.509 version 3.
    #[error("certificate version is not v3")]
    NotVersion3,
    /// The serial number is zero or negative (RFC 5280 §4.1.2.2 requires a positive integer).
    #[error("the serial number is not a positive integer")]
    SerialNotPositive,
    /// signatureAlgorithm differs from tbsCertificate.signature (RFC 5280 §4.1.1.2).
    #[error("the outer signature algorithm differs from the one inside tbsCertificate")]
    AlgorithmMismatch,
}

impl From<der::Error> for CertificateError {
    fn from(e: der::Error) -> Self {
        Self::Der(e)
    }
}

/// Which JPKI certificate this is (jpki-pki.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificateKind {
    /// 利用者証明用: log-in / "this card is present".
    UserAuthentication,
    /// 署名用: document signing, carries the holder's 基本4情報.
    Signature,
}

impl CertificateKind {
    /// Stable snake-case name for JSON (`"user_authentication"`, `"signature"`).
    pub fn name(self) -> &'static str {
        match self {
            Self::UserAuthentication => "user_authentication",
            Self::Signature => "signature",
        }
    }

    /// The root DN's purpose OU (jpki-pki.md §2).
    pub fn purpose_ou(self) -> &'static str {
        match self {
            Self::UserAuthentication => "JPKI for user authentication",
            Self::Signature => "JPKI for digital signature",
        }
    }

    /// The certificatePolicies OID a leaf of this kind must carry in `hierarchy` (jpki-pki.md §3).
    pub fn policy(self, hierarchy: Hierarchy) -> ObjectIdentifier {
        match (hierarchy, self) {
            (Hierarchy::Production, Self::UserAuthentication) => oid::JPKI_POLICY_AUTH,
            (Hierarchy::Production, Self::Signature) => oid::JPKI_POLICY_SIGN,
            (Hierarchy::Test, Self::UserAuthentication) => oid::JPKI_POLICY_TEST_AUTH,
            (Hierarchy::Test, Self::Signature) => oid::JPKI_POLICY_TEST_SIGN,
        }
    }
}

/// Which J-LIS hierarchy issued a certificate (jpki-pki.md §2: `O=JPKI` or `O=JPKI-TEST`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hierarchy {
    /// `O=JPKI`: real cards.
    Production,
    /// `O=JPKI-TEST`: J-LIS test cards (and the simulator).
    Test,
}

impl Hierarchy {
    /// Stable name for JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Production => "production",
            Self::Test => "test",
        }
    }

    /// The organisation name in the DN.
    pub fn organization(self) -> &'static str {
        match self {
            Self::Production => "JPKI",
            Self::Test => "JPKI-TEST",
        }
    }
}

/// A keyUsage bit (RFC 5280 §4.2.1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyUse {
    /// digitalSignature (0).
    DigitalSignature,
    /// nonRepudiation / contentCommitment (1).
    NonRepudiation,
    /// keyEncipherment (2).
    KeyEncipherment,
    /// dataEncipherment (3).
    DataEncipherment,
    /// keyAgreement (4).
    KeyAgreement,
    /// keyCertSign (5).
    KeyCertSign,
    /// cRLSign (6).
    CrlSign,
    /// encipherOnly (7).
    EncipherOnly,
    /// decipherOnly (8).
    DecipherOnly,
}

impl KeyUse {
    const TABLE: [(KeyUsages, KeyUse, &'static str); 9] = [
        (
            KeyUsages::DigitalSignature,
            KeyUse::DigitalSignature,
            "digitalSignature",
        ),
        (
            KeyUsages::NonRepudiation,
            KeyUse::NonRepudiation,
            "nonRepudiation",
        ),
        (
            KeyUsages::KeyEncipherment,
            KeyUse::KeyEncipherment,
            "keyEncipherment",
        ),
        (
            KeyUsages::DataEncipherment,
            KeyUse::DataEncipherment,
            "dataEncipherment",
        ),
        (
            KeyUsages::KeyAgreement,
            KeyUse::KeyAgreement,
            "keyAgreement",
        ),
        (KeyUsages::KeyCertSign, KeyUse::KeyCertSign, "keyCertSign"),
        (KeyUsages::CRLSign, KeyUse::CrlSign, "cRLSign"),
        (
            KeyUsages::EncipherOnly,
            KeyUse::EncipherOnly,
            "encipherOnly",
        ),
        (
            KeyUsages::DecipherOnly,
            KeyUse::DecipherOnly,
            "decipherOnly",
        ),
    ];

    /// RFC 5280 name of the bit.
    pub fn name(self) -> &'static str {
        Self::TABLE
            .iter()
            .find(|(_, k, _)| *k == self)
            .map_or("", |(_, _, n)| n)
    }

    fn list(ku: &KeyUsage) -> Vec<KeyUse> {
        Self::TABLE
            .iter()
            .filter(|(bit, _, _)| ku.0.contains(*bit))
            .map(|(_, k, _)| *k)
            .collect()
    }
}

/// One extension as present in the certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionInfo {
    /// extnID.
    pub oid: ObjectIdentifier,
    /// The critical flag.
    pub critical: bool,
}

/// What a JPKI certificate says, read once at parse time (jpki-pki.md §2–§3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// User authentication or signature, from the issuer's purpose OU (`None`: not a JPKI DN).
    pub kind: Option<CertificateKind>,
    /// Production or test, from the issuer's O (`None`: not a JPKI DN).
    pub hierarchy: Option<Hierarchy>,
    /// The bundled root whose key identifier matches the AKI (or the SKI of a root itself).
    pub root: Option<&'static KnownRoot>,
    /// serialNumber, big-endian bytes as encoded.
    pub serial: Vec<u8>,
    /// notBefore (UTC).
    pub not_before: DateTime,
    /// notAfter (UTC; JPKI uses 14:59:59Z = 23:59:59 JST).
    pub not_after: DateTime,
    /// Issuer DN (RFC 4514 string).
    pub issuer: String,
    /// Subject DN (RFC 4514 string).
    pub subject: String,
    /// signatureAlgorithm OID.
    pub signature_algorithm: ObjectIdentifier,
    /// Policy OIDs of certificatePolicies.
    pub policies: Vec<ObjectIdentifier>,
    /// Whether certificatePolicies is marked critical.
    pub policies_critical: bool,
    /// keyUsage bits (`None`: extension absent).
    pub key_usage: Option<Vec<KeyUse>>,
    /// extKeyUsage purposes (`None`: extension absent).
    pub ext_key_usage: Option<Vec<ObjectIdentifier>>,
    /// basicConstraints cA (`None`: extension absent).
    pub basic_constraints_ca: Option<bool>,
    /// OCSP responder URL from authorityInfoAccess.
    pub ocsp_url: Option<String>,
    /// authorityKeyIdentifier keyIdentifier.
    pub authority_key_id: Option<Vec<u8>>,
    /// subjectKeyIdentifier.
    pub subject_key_id: Option<Vec<u8>>,
    /// The holder's 基本4情報 from subjectAltName (signature certificates only).
    pub holder: Option<HolderInfo>,
    /// Every extension with its critical flag, in certificate order.
    pub extensions: Vec<ExtensionInfo>,
    /// True when subject == issuer.
    pub self_issued: bool,
}

impl Profile {
    /// The serial number as uppercase hex without leading zero bytes (`"1EE607"`).
    pub fn serial_hex(&self) -> String {
        hex_upper(strip_leading_zeros(&self.serial))
    }
}

/// A parsed certificate with the bytes it came from and its JPKI profile.
#[derive(Debug, Clone)]
pub struct JpkiCertificate {
    der: Vec<u8>,
    tbs_range: core::ops::Range<usize>,
    certificate: Certificate,
    profile: Profile,
}

impl JpkiCertificate {
    /// Parses a DER certificate.
    pub fn from_der(der_bytes: &[u8]) -> Result<Self, CertificateError> {
        let certificate = Certificate::from_der(der_bytes)?;
        // The signed bytes exactly as received (RFC 5280 §4.1.1.3).
        let mut outer = TlvReader::new(der_bytes);
        let cert_tlv = outer
            .expect(tag::SEQUENCE, "Certificate")
            .map_err(CertificateError::Structure)?;
        let tbs = cert_tlv
            .contents()
            .expect(tag::SEQUENCE, "tbsCertificate")
            .map_err(CertificateError::Structure)?;
        let tbs_range = tbs.offset..tbs.offset + tbs.raw.len();
        let profile = read_profile(&certificate)?;
        Ok(Self {
            der: der_bytes.to_vec(),
            tbs_range,
            certificate,
            profile,
        })
    }

    /// Parses DER, or PEM with a `CERTIFICATE` label.
    pub fn from_pem_or_der(input: &[u8]) -> Result<Self, CertificateError> {
        match crate::pem::der_from_pem_or_der(input, &["CERTIFICATE"]) {
            Ok(der) => Self::from_der(&der),
            Err(crate::pem::PemError::NotFound(_)) => Err(CertificateError::NotCertificate),
            Err(e) => Err(CertificateError::Pem(e)),
        }
    }

    /// The JPKI profile.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The x509-cert structure.
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The certificate's DER, as given.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The DER of tbsCertificate, as given (the bytes the issuer signed).
    pub fn tbs_der(&self) -> &[u8] {
        self.der.get(self.tbs_range.clone()).unwrap_or_default()
    }

    /// The signatureValue bytes.
    pub fn signature_bytes(&self) -> &[u8] {
        self.certificate.signature.raw_bytes()
    }

    /// The subject's RSA public key.
    pub fn rsa_public_key(&self) -> Result<rsa::RsaPublicKey, SignatureError> {
        let spki = self
            .certificate
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|_| SignatureError::MalformedKey)?;
        signature::rsa_key_from_spki_der(&spki)
    }

    /// Checks this certificate's signature with `issuer_key`.
    pub fn verify_signed_by(
        &self,
        issuer_key: &rsa::RsaPublicKey,
    ) -> Result<signature::HashAlgorithm, SignatureError> {
        let alg = &self.certificate.signature_algorithm;
        // RFC 4055 §5: the parameters of shaNNNWithRSAEncryption are NULL (or absent).
        let null_or_absent = alg
            .parameters
            .as_ref()
            .is_none_or(|p| der::Tagged::tag(p) == der::Tag::Null && p.value().is_empty());
        if alg.oid != self.certificate.tbs_certificate.signature.oid || !null_or_absent {
            return Err(SignatureError::UnsupportedAlgorithm(alg.oid));
        }
        signature::verify_with_algorithm(
            issuer_key,
            &alg.oid,
            self.tbs_der(),
            self.signature_bytes(),
        )
    }

    /// The issuer Name.
    pub fn issuer(&self) -> &Name {
        &self.certificate.tbs_certificate.issuer
    }

    /// The subject Name.
    pub fn subject(&self) -> &Name {
        &self.certificate.tbs_certificate.subject
    }
}

fn read_profile(cert: &Certificate) -> Result<Profile, CertificateError> {
    let tbs = &cert.tbs_certificate;
    if tbs.version != x509_cert::Version::V3 {
        return Err(CertificateError::NotVersion3);
    }
    let serial = tbs.serial_number.as_bytes();
    if serial.first().is_none_or(|b| *b >= 0x80) || serial.iter().all(|b| *b == 0) {
        return Err(CertificateError::SerialNotPositive);
    }
    if cert.signature_algorithm != tbs.signature {
        return Err(CertificateError::AlgorithmMismatch);
    }
    let (hierarchy, kind) = jpki_dn(&tbs.issuer);
    let mut profile = Profile {
        kind,
        hierarchy,
        root: None,
        serial: tbs.serial_number.as_bytes().to_vec(),
        not_before: tbs.validity.not_before.to_date_time(),
        not_after: tbs.validity.not_after.to_date_time(),
        issuer: dn_string(&tbs.issuer),
        subject: dn_string(&tbs.subject),
        signature_algorithm: cert.signature_algorithm.oid,
        policies: Vec::new(),
        policies_critical: false,
        key_usage: None,
        ext_key_usage: None,
        basic_constraints_ca: None,
        ocsp_url: None,
        authority_key_id: None,
        subject_key_id: None,
        holder: None,
        extensions: Vec::new(),
        self_issued: tbs.issuer == tbs.subject,
    };
    for ext in tbs.extensions.iter().flatten() {
        if profile.extensions.iter().any(|e| e.oid == ext.extn_id) {
            return Err(CertificateError::DuplicateExtension(ext.extn_id));
        }
        profile.extensions.push(ExtensionInfo {
            oid: ext.extn_id,
            critical: ext.critical,
        });
        let value = ext.extn_value.as_bytes();
        let bad = |name: &'static str| {
            move |source| CertificateError::Extension {
                name,
                oid: ext.extn_id,
                source,
            }
        };
        match ext.extn_id {
            oid::KEY_USAGE => {
                profile.key_usage = Some(KeyUse::list(
                    &KeyUsage::from_der(value).map_err(bad("keyUsage"))?,
                ));
            }
            oid::EXT_KEY_USAGE => {
                profile.ext_key_usage = Some(
                    ExtendedKeyUsage::from_der(value)
                        .map_err(bad("extKeyUsage"))?
                        .0,
                );
            }
            oid::BASIC_CONSTRAINTS => {
                profile.basic_constraints_ca = Some(
                    BasicConstraints::from_der(value)
                        .map_err(bad("basicConstraints"))?
                        .ca,
                );
            }
            oid::CERTIFICATE_POLICIES => {
                let cp =
                    CertificatePolicies::from_der(value).map_err(bad("certificatePolicies"))?;
                profile.policies = cp.0.iter().map(|p| p.policy_identifier).collect();
                profile.policies_critical = ext.critical;
            }
            oid::AUTHORITY_KEY_IDENTIFIER => {
                let aki = AuthorityKeyIdentifier::from_der(value)
                    .map_err(bad("authorityKeyIdentifier"))?;
                profile.authority_key_id = aki.key_identifier.map(|k| k.as_bytes().to_vec());
            }
            oid::SUBJECT_KEY_IDENTIFIER => {
                let ski =
                    SubjectKeyIdentifier::from_der(value).map_err(bad("subjectKeyIdentifier"))?;
                profile.subject_key_id = Some(ski.0.as_bytes().to_vec());
            }
            oid::AUTHORITY_INFO_ACCESS => {
                let aia = AuthorityInfoAccessSyntax::from_der(value)
                    .map_err(bad("authorityInfoAccess"))?;
                profile.ocsp_url = aia.0.iter().find_map(|ad| match &ad.access_location {
                    GeneralName::UniformResourceIdentifier(uri)
                        if ad.access_method == oid::AD_OCSP =>
                    {
                        Some(uri.as_str().to_owned())
                    }
                    _ => None,
                });
            }
            oid::SUBJECT_ALT_NAME => {
                let san = SubjectAltName::from_der(value).map_err(bad("subjectAltName"))?;
                profile.holder = holder::from_subject_alt_name(&san);
            }
            _ => {}
        }
    }
    let key_id = if profile.self_issued {
        &profile.subject_key_id
    } else {
        &profile.authority_key_id
    };
    profile.root = key_id.as_deref().and_then(roots::known_root_by_key_id);
    Ok(profile)
}

/// Reads `O=JPKI|JPKI-TEST` and the purpose OU from a JPKI DN (jpki-pki.md §2).
pub(crate) fn jpki_dn(name: &Name) -> (Option<Hierarchy>, Option<CertificateKind>) {
    let mut hierarchy = None;
    let mut kind = None;
    for atv in name.0.iter().flat_map(|rdn| rdn.0.iter()) {
        let Some(text) = attribute_text(&atv.value) else {
            continue;
        };
        if atv.oid == oid::AT_ORGANIZATION {
            hierarchy = match text {
                "JPKI" => Some(Hierarchy::Production),
                "JPKI-TEST" => Some(Hierarchy::Test),
                _ => hierarchy,
            };
        } else if atv.oid == oid::AT_ORGANIZATIONAL_UNIT {
            kind = match text {
                "JPKI for user authentication" => Some(CertificateKind::UserAuthentication),
                "JPKI for digital signature" => Some(CertificateKind::Signature),
                _ => kind,
            };
        }
    }
    (hierarchy, kind)
}

/// A DN as an RFC 4514 string (last RDN first), naming the attribute types JPKI DNs use
/// (X.520: C, ST, L, O, OU, CN) and writing any other type as a dotted OID. Kept local
/// instead of x509-cert's `Display` so the Wasm build does not link the whole OID name table.
pub(crate) fn dn_string(name: &Name) -> String {
    let mut out = String::new();
    for (i, rdn) in name.0.iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        for (j, atv) in rdn.0.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            let short = match atv.oid.arcs().collect::<Vec<_>>().as_slice() {
                [2, 5, 4, 6] => Some("C"),
                [2, 5, 4, 8] => Some("ST"),
                [2, 5, 4, 7] => Some("L"),
                [2, 5, 4, 10] => Some("O"),
                [2, 5, 4, 11] => Some("OU"),
                [2, 5, 4, 3] => Some("CN"),
                [2, 5, 4, 5] => Some("SERIALNUMBER"),
                _ => None,
            };
            match short {
                Some(s) => out.push_str(s),
                None => out.push_str(&atv.oid.to_string()),
            }
            out.push('=');
            match attribute_text(&atv.value) {
                Some(text) => escape_rfc4514(text, &mut out),
                None => {
                    out.push('#');
                    out.push_str(&hex_upper(&atv.value.to_der().unwrap_or_default()));
                }
            }
        }
    }
    out
}

/// RFC 4514 §2.4 escaping.
fn escape_rfc4514(text: &str, out: &mut String) {
    let last = text.chars().count().saturating_sub(1);
    for (i, c) in text.chars().enumerate() {
        let special = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
            || (i == 0 && (c == '#' || c == ' '))
            || (i == last && c == ' ');
        if special {
            out.push('\\');
        }
        out.push(c);
    }
}

/// The text of a DN attribute value in the string types JPKI names use (X.520).
fn attribute_text(value: &der::Any) -> Option<&str> {
    match der::Tagged::tag(value) {
        der::Tag::PrintableString | der::Tag::Utf8String | der::Tag::Ia5String => {
            core::str::from_utf8(value.value()).ok()
        }
        _ => None,
    }
}

pub(crate) fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(bytes.len().saturating_sub(1));
    bytes.get(start..).unwrap_or(bytes)
}

pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use core::str::FromStr;

    #[test]
    fn dn_string_is_rfc4514_with_escapes_and_dotted_fallback() {
        let name = Name::from_str("CN=a\\,b+2.5.4.99=x,O=JPKI,C=JP").unwrap();
        // SET OF members come out in DER order; unknown types are written as dotted OIDs.
        assert_eq!(dn_string(&name), "2.5.4.99=x+CN=a\\,b,O=JPKI,C=JP");
        let name = Name::from_str("CN=\\ lead,L=Tokyo-to").unwrap();
        assert_eq!(dn_string(&name), "CN=\\ lead,L=Tokyo-to");
    }

    #[test]
    fn serial_hex_strips_leading_zero() {
        assert_eq!(hex_upper(strip_leading_zeros(&[0x00, 0x9a, 0x01])), "9A01");
        assert_eq!(hex_upper(strip_leading_zeros(&[0x00])), "00");
    }
}
