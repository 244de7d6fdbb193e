//! The simulator's test JPKI hierarchy and a small certificate-issuing API.
//!
//! Two single-level hierarchies, as J-LIS runs them (jpki-pki.md §2): an authentication root and
//! a signature root, each self-signed, RSA-2048, sha256WithRSAEncryption. Their names say plainly
//! that they belong to the simulator:
//!
//! ```text
//! | root | subject = issuer DN                                                          | serial |
//! |------|------------------------------------------------------------------------------|--------|
//! | auth | C=JP, O=JPKI-TEST, OU=JPKI for user authentication, OU=mynaweb simulator      | 01     |
//! | sign | C=JP, O=JPKI-TEST, OU=JPKI for digital signature, OU=mynaweb simulator        | 01     |
//! validity 2023-04-01T00:00:00Z → 2033-03-31T14:59:59Z
//! extensions (in this order): keyUsage critical {keyCertSign, cRLSign};
//!   subjectAltName dirName C=JP, O=公的個人認証サービス, OU=mynaweb simulator;
//!   basicConstraints critical CA:TRUE; cRLDistributionPoints dirName = the root DN;
//!   subjectKeyIdentifier = SHA-1 of the subjectPublicKey bits
//! ```
//!
//! End-entity certificates follow the profile of jpki-pki.md §3 (see
//! [`CertificateTemplate::authentication`] and [`CertificateTemplate::signature`]); every field
//! of the template is public so tests can issue negative cases (an unknown critical extension,
//! a missing key usage, an expired validity…). Certificates are issued when a virtual card is
//! created: PKCS#1 v1.5 signatures are deterministic, so the same persona always gives the same
//! bytes.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use const_oid::ObjectIdentifier;
use der::asn1::{Any, BitString, Ia5String, OctetString, SetOfVec, UtcTime};
use der::flagset::FlagSet;
use der::{DateTime, Decode, Encode, Tag};
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::EncodePublicKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::certificate::{TbsCertificate, Version};
use x509_cert::ext::pkix::certpolicy::{PolicyInformation, PolicyQualifierInfo};
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName, OtherName};
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints,
    CertificatePolicies, CrlDistributionPoints, ExtendedKeyUsage, IssuerAltName, KeyUsage,
    KeyUsages, SubjectAltName, SubjectKeyIdentifier,
};
use x509_cert::ext::Extension;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use crate::keys::{self, KeyError};
use crate::persona::{CertDates, Date, Persona};

/// Object identifiers of the JPKI profile (jpki-pki.md §3).
pub mod oid {
    use const_oid::ObjectIdentifier;

    /// Test-hierarchy authentication policy `1.2.392.200149.8.5.1.0.30`.
    pub const TEST_AUTH_POLICY: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.2.392.200149.8.5.1.0.30");
    /// Test-hierarchy signature policy `1.2.392.200149.8.5.1.0.20`.
    pub const TEST_SIGN_POLICY: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.2.392.200149.8.5.1.0.20");
    /// otherName `.1` 氏名 (name).
    pub const SAN_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.392.200149.8.5.5.1");
    /// otherName `.2` substitute-character positions of the name.
    pub const SAN_NAME_ALT_POSITIONS: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.2.392.200149.8.5.5.2");
    /// otherName `.3` 性別 (sex).
    pub const SAN_SEX: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.392.200149.8.5.5.3");
    /// otherName `.4` 生年月日 (era digit + YYYYMMDD).
    pub const SAN_BIRTH_DATE: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.2.392.200149.8.5.5.4");
    /// otherName `.5` 住所 (address).
    pub const SAN_ADDRESS: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.2.392.200149.8.5.5.5");
    /// otherName `.6` substitute-character positions of the address.
    pub const SAN_ADDRESS_ALT_POSITIONS: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.2.392.200149.8.5.5.6");
    /// id-kp-clientAuth.
    pub const CLIENT_AUTH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.2");
    /// id-qt-cps (CPS pointer qualifier).
    pub const CPS_QUALIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.2.1");
    /// id-ad-ocsp.
    pub const OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");
    /// sha256WithRSAEncryption.
    pub const SHA256_WITH_RSA: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
    /// An extension no verifier knows, for negative tests (under the documentation arc
    /// of a private enterprise number reserved for examples, 1.3.6.1.4.1.32473).
    pub const UNKNOWN_EXTENSION: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.3.6.1.4.1.32473.1.1");

    pub(crate) const COUNTRY: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.6");
    pub(crate) const ORGANIZATION: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");
    pub(crate) const ORGANIZATIONAL_UNIT: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("2.5.4.11");
    pub(crate) const LOCALITY: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.7");
    pub(crate) const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
}

/// The CPS URI carried in every end-entity certificatePolicies (jpki-pki.md §3).
pub const CPS_URI: &str = "http://www.jpki.go.jp/cps.html";
/// The OCSP URL of the simulator's auth certificates: deliberately unreachable (`.invalid`).
pub const SIMULATOR_OCSP_URL: &str = "http://ocsp.mynaweb-simulator.invalid";
/// The OU that marks every simulator name.
pub const SIMULATOR_OU: &str = "mynaweb simulator";

/// Why a certificate could not be issued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IssueError {
    /// A committed key could not be loaded.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// A certificate field could not be DER-encoded (the text names the field).
    #[error("cannot encode the certificate's {field}: {message}")]
    Encoding {
        /// Which field.
        field: &'static str,
        /// The encoder's message.
        message: String,
    },
    /// The RSA signature could not be made.
    #[error("cannot sign the certificate: {0}")]
    Signing(String),
}

fn enc(field: &'static str) -> impl Fn(der::Error) -> IssueError {
    move |e| IssueError::Encoding {
        field,
        message: e.to_string(),
    }
}

/// Which of the two hierarchies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// 利用者証明用 (user authentication): EF 000A / 000B.
    Authentication,
    /// 署名用 (digital signature): EF 0001 / 0002.
    Signature,
}

impl Purpose {
    /// The OU naming the purpose, as in the real roots.
    pub const fn ou(self) -> &'static str {
        match self {
            Purpose::Authentication => "JPKI for user authentication",
            Purpose::Signature => "JPKI for digital signature",
        }
    }
    const fn key_label(self) -> &'static str {
        match self {
            Purpose::Authentication => "auth-root",
            Purpose::Signature => "sign-root",
        }
    }
}

/// How an attribute value is encoded in a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringKind {
    /// PrintableString (used for `C=JP`).
    Printable,
    /// UTF8String (every other attribute of the real certificates).
    Utf8,
}

/// Builds a DN with one attribute per RDN, in the given order.
pub fn distinguished_name(
    attributes: &[(ObjectIdentifier, StringKind, &str)],
) -> Result<Name, IssueError> {
    let mut rdns = Vec::with_capacity(attributes.len());
    for (oid, kind, value) in attributes {
        let tag = match kind {
            StringKind::Printable => Tag::PrintableString,
            StringKind::Utf8 => Tag::Utf8String,
        };
        let value = Any::new(tag, value.as_bytes()).map_err(enc("name attribute"))?;
        let atv = AttributeTypeAndValue { oid: *oid, value };
        let set = SetOfVec::try_from(vec![atv]).map_err(enc("name RDN"))?;
        rdns.push(RelativeDistinguishedName(set));
    }
    Ok(RdnSequence(rdns))
}

/// `C=JP, O=JPKI-TEST, OU=<purpose>, OU=mynaweb simulator`.
pub fn root_name(purpose: Purpose) -> Result<Name, IssueError> {
    distinguished_name(&[
        (oid::COUNTRY, StringKind::Printable, "JP"),
        (oid::ORGANIZATION, StringKind::Utf8, "JPKI-TEST"),
        (oid::ORGANIZATIONAL_UNIT, StringKind::Utf8, purpose.ou()),
        (oid::ORGANIZATIONAL_UNIT, StringKind::Utf8, SIMULATOR_OU),
    ])
}

/// `C=JP, O=公的個人認証サービス, OU=mynaweb simulator`: the issuerAltName of end-entity
/// certificates and the subjectAltName of the roots (jpki-pki.md §2–§3, plus the simulator OU).
pub fn service_name() -> Result<Name, IssueError> {
    distinguished_name(&[
        (oid::COUNTRY, StringKind::Printable, "JP"),
        (oid::ORGANIZATION, StringKind::Utf8, "公的個人認証サービス"),
        (oid::ORGANIZATIONAL_UNIT, StringKind::Utf8, SIMULATOR_OU),
    ])
}

/// `t` at 00:00:00Z, or 14:59:59Z when `end_of_day_jst`.
pub fn time(date: Date, end_of_day_jst: bool) -> Result<Time, IssueError> {
    let (h, m, s) = if end_of_day_jst {
        (14, 59, 59)
    } else {
        (0, 0, 0)
    };
    let dt = DateTime::new(date.year, date.month, date.day, h, m, s).map_err(enc("validity"))?;
    if date.year < 2050 {
        Ok(Time::UtcTime(
            UtcTime::from_date_time(dt).map_err(enc("validity"))?,
        ))
    } else {
        Ok(Time::GeneralTime(
            der::asn1::GeneralizedTime::from_date_time(dt),
        ))
    }
}

/// SHA-1 of the subjectPublicKey BIT STRING contents (RFC 5280 §4.2.1.2 method 1).
pub fn key_identifier(public_key: &RsaPublicKey) -> Result<Vec<u8>, IssueError> {
    let spki = spki_of(public_key)?;
    Ok(Sha1::digest(spki.subject_public_key.raw_bytes()).to_vec())
}

fn spki_of(public_key: &RsaPublicKey) -> Result<SubjectPublicKeyInfoOwned, IssueError> {
    let der = public_key
        .to_public_key_der()
        .map_err(|e| IssueError::Encoding {
            field: "public key",
            message: e.to_string(),
        })?;
    SubjectPublicKeyInfoOwned::from_der(der.as_bytes()).map_err(enc("public key"))
}

fn extension<T: Encode>(
    id: ObjectIdentifier,
    critical: bool,
    value: &T,
    field: &'static str,
) -> Result<Extension, IssueError> {
    let bytes = value.to_der().map_err(enc(field))?;
    Ok(Extension {
        extn_id: id,
        critical,
        extn_value: OctetString::new(bytes).map_err(enc(field))?,
    })
}

/// An extension with an OID no verifier knows, marked critical: a conforming verifier must
/// reject the certificate (RFC 5280 §4.2).
pub fn unknown_critical_extension() -> Result<Extension, IssueError> {
    Ok(Extension {
        extn_id: oid::UNKNOWN_EXTENSION,
        critical: true,
        // The value is a DER NULL, `05 00`.
        extn_value: OctetString::new(vec![0x05, 0x00]).map_err(enc("unknown extension"))?,
    })
}

/// Everything that varies between end-entity certificates. Every field is public: start from
/// [`authentication`](Self::authentication) or [`signature`](Self::signature) and change what a
/// test needs. Extensions are written in the order of the fields below, which is the order of
/// the real test-card certificates.
#[derive(Clone, Debug)]
pub struct CertificateTemplate {
    /// Serial number (a small positive integer in the real profile).
    pub serial: u64,
    /// Subject DN.
    pub subject: Name,
    /// notBefore (00:00:00Z).
    pub not_before: Date,
    /// notAfter (14:59:59Z).
    pub not_after: Date,
    /// keyUsage bits; `None` leaves the extension out.
    pub key_usage: Option<FlagSet<KeyUsages>>,
    /// Whether keyUsage is critical (it is in the real profile).
    pub key_usage_critical: bool,
    /// extendedKeyUsage purposes (non-critical); empty leaves the extension out.
    pub extended_key_usage: Vec<ObjectIdentifier>,
    /// subjectAltName entries (non-critical); empty leaves the extension out.
    pub subject_alt_name: Vec<GeneralName>,
    /// certificatePolicies policy OID (with the CPS URI qualifier); `None` leaves it out.
    pub policy: Option<ObjectIdentifier>,
    /// Whether certificatePolicies is critical (it is in the real profile).
    pub policy_critical: bool,
    /// Whether to add issuerAltName `C=JP, O=公的個人認証サービス, OU=mynaweb simulator`.
    pub issuer_alt_name: bool,
    /// CRL distribution point as a directory name; `None` leaves it out.
    pub crl_distribution_point: Option<Name>,
    /// AIA OCSP URL; `None` leaves it out.
    pub ocsp_url: Option<String>,
    /// Whether to add authorityKeyIdentifier (keyIdentifier + issuer name + issuer serial).
    pub authority_key_identifier: bool,
    /// Whether to add subjectKeyIdentifier.
    pub subject_key_identifier: bool,
    /// Extensions appended after all the others, e.g. [`unknown_critical_extension`].
    pub extra_extensions: Vec<Extension>,
}

impl CertificateTemplate {
    /// The 利用者証明用 profile (jpki-pki.md §3): subject `C=JP, CN=<23-char id>`, keyUsage
    /// critical digitalSignature, EKU clientAuth, certificatePolicies critical
    /// `1.2.392.200149.8.5.1.0.30` + CPS URI, issuerAltName, CRL DP, AIA OCSP, AKI, SKI.
    pub fn authentication(persona: &Persona) -> Result<Self, IssueError> {
        let subject = distinguished_name(&[
            (oid::COUNTRY, StringKind::Printable, "JP"),
            (
                oid::COMMON_NAME,
                StringKind::Utf8,
                &persona.auth_subject_id(),
            ),
        ])?;
        Ok(Self {
            serial: u64::from(persona.auth_serial),
            subject,
            not_before: persona.auth_cert.not_before,
            not_after: persona.auth_cert.not_after,
            key_usage: Some(KeyUsages::DigitalSignature.into()),
            key_usage_critical: true,
            extended_key_usage: vec![oid::CLIENT_AUTH],
            subject_alt_name: Vec::new(),
            policy: Some(oid::TEST_AUTH_POLICY),
            policy_critical: true,
            issuer_alt_name: true,
            crl_distribution_point: Some(crl_dp_name(Purpose::Authentication, persona)?),
            ocsp_url: Some(SIMULATOR_OCSP_URL.into()),
            authority_key_identifier: true,
            subject_key_identifier: true,
            extra_extensions: Vec::new(),
        })
    }

    /// The 署名用 profile (jpki-pki.md §3): subject `C=JP, L=<prefecture>, L=<municipality>,
    /// CN=<28-char id>`, keyUsage critical digitalSignature + nonRepudiation, the six-otherName
    /// subjectAltName ([`signature_subject_alt_name`]), certificatePolicies critical
    /// `1.2.392.200149.8.5.1.0.20` + CPS URI, issuerAltName, CRL DP, AKI, SKI; no EKU, no AIA.
    pub fn signature(persona: &Persona) -> Result<Self, IssueError> {
        let subject = distinguished_name(&[
            (oid::COUNTRY, StringKind::Printable, "JP"),
            (oid::LOCALITY, StringKind::Utf8, persona.prefecture_romaji),
            (oid::LOCALITY, StringKind::Utf8, persona.municipality_romaji),
            (
                oid::COMMON_NAME,
                StringKind::Utf8,
                &persona.sign_subject_id(),
            ),
        ])?;
        Ok(Self {
            serial: u64::from(persona.sign_serial),
            subject,
            not_before: persona.sign_cert.not_before,
            not_after: persona.sign_cert.not_after,
            key_usage: Some(KeyUsages::DigitalSignature | KeyUsages::NonRepudiation),
            key_usage_critical: true,
            extended_key_usage: Vec::new(),
            subject_alt_name: signature_subject_alt_name(persona)?,
            policy: Some(oid::TEST_SIGN_POLICY),
            policy_critical: true,
            issuer_alt_name: true,
            crl_distribution_point: Some(crl_dp_name(Purpose::Signature, persona)?),
            ocsp_url: None,
            authority_key_identifier: true,
            subject_key_identifier: true,
            extra_extensions: Vec::new(),
        })
    }

    /// Sets both validity dates (builder style).
    pub fn with_validity(mut self, dates: CertDates) -> Self {
        self.not_before = dates.not_before;
        self.not_after = dates.not_after;
        self
    }
}

/// `C=JP, O=JPKI-TEST, OU=<purpose>, OU=CRL Distribution Points, OU=<prefecture>,
/// CN=<municipality> CRLDP` (jpki-pki.md §3, CRL DP row).
fn crl_dp_name(purpose: Purpose, persona: &Persona) -> Result<Name, IssueError> {
    distinguished_name(&[
        (oid::COUNTRY, StringKind::Printable, "JP"),
        (oid::ORGANIZATION, StringKind::Utf8, "JPKI-TEST"),
        (oid::ORGANIZATIONAL_UNIT, StringKind::Utf8, purpose.ou()),
        (
            oid::ORGANIZATIONAL_UNIT,
            StringKind::Utf8,
            "CRL Distribution Points",
        ),
        (
            oid::ORGANIZATIONAL_UNIT,
            StringKind::Utf8,
            persona.prefecture_romaji,
        ),
        (
            oid::COMMON_NAME,
            StringKind::Utf8,
            &format!("{} CRLDP", persona.municipality_romaji),
        ),
    ])
}

/// One `OtherName { type-id, [0] EXPLICIT UTF8String }` (jpki-pki.md §3.1).
pub fn other_name(type_id: ObjectIdentifier, value: &str) -> Result<GeneralName, IssueError> {
    let value = Any::new(Tag::Utf8String, value.as_bytes()).map_err(enc("otherName value"))?;
    Ok(GeneralName::OtherName(OtherName { type_id, value }))
}

/// The six otherName entries of the signature certificate, in the order seen on the test card
/// (`.1, .4, .3, .5, .2, .6`, jpki-pki.md §3.1):
///
/// ```text
/// | OID suffix | value                                   | example (persona "standard") |
/// |------------|-----------------------------------------|------------------------------|
/// | .1         | name (substitutes for rare characters)  | 見本　太郎                   |
/// | .4         | era digit + YYYYMMDD                    | 319750615                    |
/// | .3         | sex digit                               | 1                            |
/// | .5         | address                                 | 東京都見本区見本町１－２－３ |
/// | .2         | 0/1 per name character (1 = substituted)| 00000                        |
/// | .6         | 0/1 per address character               | 00000000000000               |
/// ```
pub fn signature_subject_alt_name(persona: &Persona) -> Result<Vec<GeneralName>, IssueError> {
    let sex = [persona.sex.certificate_digit()];
    let sex = core::str::from_utf8(&sex).unwrap_or("0");
    Ok(vec![
        other_name(oid::SAN_NAME, &persona.certificate_name())?,
        other_name(oid::SAN_BIRTH_DATE, &persona.birth.era_digit_yyyymmdd())?,
        other_name(oid::SAN_SEX, sex)?,
        other_name(oid::SAN_ADDRESS, &persona.certificate_address())?,
        other_name(
            oid::SAN_NAME_ALT_POSITIONS,
            &persona.name_substitution_positions(),
        )?,
        other_name(
            oid::SAN_ADDRESS_ALT_POSITIONS,
            &persona.address_substitution_positions(),
        )?,
    ])
}

/// One test root: its key, name and self-signed certificate.
#[derive(Clone)]
pub struct TestRoot {
    purpose: Purpose,
    key: RsaPrivateKey,
    name: Name,
    key_id: Vec<u8>,
    certificate: Vec<u8>,
}

impl core::fmt::Debug for TestRoot {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("TestRoot")
            .field("purpose", &self.purpose)
            .field("certificate_len", &self.certificate.len())
            .finish_non_exhaustive()
    }
}

/// Serial number of both test roots.
pub const ROOT_SERIAL: u64 = 1;
/// notBefore of both test roots.
pub const ROOT_NOT_BEFORE: Date = Date::new(2023, 4, 1);
/// notAfter (14:59:59Z) of both test roots.
pub const ROOT_NOT_AFTER: Date = Date::new(2033, 3, 31);

impl TestRoot {
    /// Loads the committed root key of `purpose` and issues its self-signed certificate.
    pub fn new(purpose: Purpose) -> Result<Self, IssueError> {
        let key = keys::load(purpose.key_label())?;
        let name = root_name(purpose)?;
        let public = key.to_public_key();
        let key_id = key_identifier(&public)?;
        let extensions = vec![
            extension(
                const_oid::db::rfc5280::ID_CE_KEY_USAGE,
                true,
                &KeyUsage(KeyUsages::KeyCertSign | KeyUsages::CRLSign),
                "keyUsage",
            )?,
            extension(
                const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME,
                false,
                &SubjectAltName(vec![GeneralName::DirectoryName(service_name()?)]),
                "subjectAltName",
            )?,
            extension(
                const_oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS,
                true,
                &BasicConstraints {
                    ca: true,
                    path_len_constraint: None,
                },
                "basicConstraints",
            )?,
            extension(
                const_oid::db::rfc5280::ID_CE_CRL_DISTRIBUTION_POINTS,
                false,
                &crl_dp(name.clone()),
                "cRLDistributionPoints",
            )?,
            extension(
                const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER,
                false,
                &SubjectKeyIdentifier(OctetString::new(key_id.clone()).map_err(enc("SKI"))?),
                "subjectKeyIdentifier",
            )?,
        ];
        let tbs = TbsCertificate {
            version: Version::V3,
            serial_number: SerialNumber::from(ROOT_SERIAL),
            signature: sha256_with_rsa(),
            issuer: name.clone(),
            validity: Validity {
                not_before: time(ROOT_NOT_BEFORE, false)?,
                not_after: time(ROOT_NOT_AFTER, true)?,
            },
            subject: name.clone(),
            subject_public_key_info: spki_of(&public)?,
            issuer_unique_id: None,
            subject_unique_id: None,
            extensions: Some(extensions),
        };
        let certificate = sign_tbs(tbs, &key)?;
        Ok(Self {
            purpose,
            key,
            name,
            key_id,
            certificate,
        })
    }

    /// Which hierarchy this root heads.
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// The self-signed root certificate (DER), as the card's CA EF holds it.
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate
    }

    /// The root's private key (test material: lets tests issue their own certificates).
    pub fn private_key(&self) -> &RsaPrivateKey {
        &self.key
    }

    /// The root's DN (issuer of every certificate it signs).
    pub fn name(&self) -> &Name {
        &self.name
    }

    /// The root's subjectKeyIdentifier (= AKI keyIdentifier of what it issues).
    pub fn key_identifier(&self) -> &[u8] {
        &self.key_id
    }

    /// Issues an end-entity certificate for `subject_key` from `template` (DER).
    pub fn issue(
        &self,
        template: &CertificateTemplate,
        subject_key: &RsaPublicKey,
    ) -> Result<Vec<u8>, IssueError> {
        let mut extensions = Vec::new();
        if let Some(bits) = template.key_usage {
            extensions.push(extension(
                const_oid::db::rfc5280::ID_CE_KEY_USAGE,
                template.key_usage_critical,
                &KeyUsage(bits),
                "keyUsage",
            )?);
        }
        if !template.extended_key_usage.is_empty() {
            extensions.push(extension(
                const_oid::db::rfc5280::ID_CE_EXT_KEY_USAGE,
                false,
                &ExtendedKeyUsage(template.extended_key_usage.clone()),
                "extKeyUsage",
            )?);
        }
        if !template.subject_alt_name.is_empty() {
            extensions.push(extension(
                const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME,
                false,
                &SubjectAltName(template.subject_alt_name.clone()),
                "subjectAltName",
            )?);
        }
        if let Some(policy) = template.policy {
            let cps = Ia5String::new(CPS_URI).map_err(enc("CPS URI"))?;
            let qualifier = PolicyQualifierInfo {
                policy_qualifier_id: oid::CPS_QUALIFIER,
                qualifier: Some(Any::encode_from(&cps).map_err(enc("CPS URI"))?),
            };
            let policies = CertificatePolicies(vec![PolicyInformation {
                policy_identifier: policy,
                policy_qualifiers: Some(vec![qualifier]),
            }]);
            extensions.push(extension(
                const_oid::db::rfc5280::ID_CE_CERTIFICATE_POLICIES,
                template.policy_critical,
                &policies,
                "certificatePolicies",
            )?);
        }
        if template.issuer_alt_name {
            extensions.push(extension(
                const_oid::db::rfc5280::ID_CE_ISSUER_ALT_NAME,
                false,
                &IssuerAltName(vec![GeneralName::DirectoryName(service_name()?)]),
                "issuerAltName",
            )?);
        }
        if let Some(dp) = &template.crl_distribution_point {
            extensions.push(extension(
                const_oid::db::rfc5280::ID_CE_CRL_DISTRIBUTION_POINTS,
                false,
                &crl_dp(dp.clone()),
                "cRLDistributionPoints",
            )?);
        }
        if let Some(url) = &template.ocsp_url {
            let url = Ia5String::new(url).map_err(enc("OCSP URL"))?;
            extensions.push(extension(
                const_oid::db::rfc5280::ID_PE_AUTHORITY_INFO_ACCESS,
                false,
                &AuthorityInfoAccessSyntax(vec![AccessDescription {
                    access_method: oid::OCSP,
                    access_location: GeneralName::UniformResourceIdentifier(url),
                }]),
                "authorityInfoAccess",
            )?);
        }
        if template.authority_key_identifier {
            let aki = AuthorityKeyIdentifier {
                key_identifier: Some(OctetString::new(self.key_id.clone()).map_err(enc("AKI"))?),
                authority_cert_issuer: Some(vec![GeneralName::DirectoryName(self.name.clone())]),
                authority_cert_serial_number: Some(SerialNumber::from(ROOT_SERIAL)),
            };
            extensions.push(extension(
                const_oid::db::rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER,
                false,
                &aki,
                "authorityKeyIdentifier",
            )?);
        }
        if template.subject_key_identifier {
            let ski = key_identifier(subject_key)?;
            extensions.push(extension(
                const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER,
                false,
                &SubjectKeyIdentifier(OctetString::new(ski).map_err(enc("SKI"))?),
                "subjectKeyIdentifier",
            )?);
        }
        extensions.extend(template.extra_extensions.iter().cloned());
        let tbs = TbsCertificate {
            version: Version::V3,
            serial_number: SerialNumber::from(template.serial),
            signature: sha256_with_rsa(),
            issuer: self.name.clone(),
            validity: Validity {
                not_before: time(template.not_before, false)?,
                not_after: time(template.not_after, true)?,
            },
            subject: template.subject.clone(),
            subject_public_key_info: spki_of(subject_key)?,
            issuer_unique_id: None,
            subject_unique_id: None,
            extensions: if extensions.is_empty() {
                None
            } else {
                Some(extensions)
            },
        };
        sign_tbs(tbs, &self.key)
    }
}

fn crl_dp(name: Name) -> CrlDistributionPoints {
    CrlDistributionPoints(vec![DistributionPoint {
        distribution_point: Some(DistributionPointName::FullName(vec![
            GeneralName::DirectoryName(name),
        ])),
        reasons: None,
        crl_issuer: None,
    }])
}

fn sha256_with_rsa() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: oid::SHA256_WITH_RSA,
        parameters: Some(Any::null()),
    }
}

fn sign_tbs(tbs: TbsCertificate, key: &RsaPrivateKey) -> Result<Vec<u8>, IssueError> {
    let tbs_der = tbs.to_der().map_err(enc("tbsCertificate"))?;
    let signer = SigningKey::<Sha256>::new(key.clone());
    let signature = signer
        .try_sign(&tbs_der)
        .map_err(|e| IssueError::Signing(e.to_string()))?;
    let certificate = Certificate {
        tbs_certificate: tbs,
        signature_algorithm: sha256_with_rsa(),
        signature: BitString::from_bytes(&signature.to_vec()).map_err(enc("signature"))?,
    };
    certificate.to_der().map_err(enc("certificate"))
}

/// A persona's certificates and the roots that issued them.
#[derive(Clone, Debug)]
pub struct IssuedCertificates {
    /// The authentication root (its certificate is EF 000B).
    pub auth_root: TestRoot,
    /// The signature root (its certificate is EF 0002).
    pub sign_root: TestRoot,
    /// EF 000A.
    pub auth: Vec<u8>,
    /// EF 0001 (`None` for a persona with no signature certificate).
    pub sign: Option<Vec<u8>>,
}

/// Issues the persona's auth and (if it has one) signature certificate.
pub fn issue_for(persona: &Persona) -> Result<IssuedCertificates, IssueError> {
    let auth_root = TestRoot::new(Purpose::Authentication)?;
    let sign_root = TestRoot::new(Purpose::Signature)?;
    let auth_key = keys::load(&persona.auth_key_label())?;
    let auth = auth_root.issue(
        &CertificateTemplate::authentication(persona)?,
        &auth_key.to_public_key(),
    )?;
    let sign = if persona.has_signature_certificate {
        let sign_key = keys::load(&persona.sign_key_label())?;
        Some(sign_root.issue(
            &CertificateTemplate::signature(persona)?,
            &sign_key.to_public_key(),
        )?)
    } else {
        None
    };
    Ok(IssuedCertificates {
        auth_root,
        sign_root,
        auth,
        sign,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::persona::persona;
    use der::Tagged;
    use rsa::pkcs1v15::VerifyingKey;
    use rsa::signature::Verifier;

    fn parse(der: &[u8]) -> Certificate {
        let cert = Certificate::from_der(der).unwrap();
        assert_eq!(cert.to_der().unwrap(), der, "re-encodes byte for byte");
        cert
    }

    fn verify(cert_der: &[u8], issuer: &RsaPublicKey) {
        let cert = parse(cert_der);
        let tbs = cert.tbs_certificate.to_der().unwrap();
        let sig = rsa::pkcs1v15::Signature::try_from(cert.signature.raw_bytes()).unwrap();
        VerifyingKey::<Sha256>::new(issuer.clone())
            .verify(&tbs, &sig)
            .unwrap();
    }

    fn ext(cert: &Certificate, id: ObjectIdentifier) -> &Extension {
        let exts = cert.tbs_certificate.extensions.as_ref().unwrap();
        exts.iter().find(|e| e.extn_id == id).unwrap()
    }

    fn ext_ids(cert: &Certificate) -> Vec<(String, bool)> {
        let exts = cert.tbs_certificate.extensions.as_ref().unwrap();
        exts.iter()
            .map(|e| (e.extn_id.to_string(), e.critical))
            .collect()
    }

    #[test]
    fn roots_are_self_signed_ca_certificates() {
        for purpose in [Purpose::Authentication, Purpose::Signature] {
            let root = TestRoot::new(purpose).unwrap();
            verify(root.certificate_der(), &root.private_key().to_public_key());
            let cert = parse(root.certificate_der());
            assert_eq!(cert.tbs_certificate.subject, cert.tbs_certificate.issuer);
            assert_eq!(
                cert.tbs_certificate.subject.to_string(),
                format!("OU=mynaweb simulator,OU={},O=JPKI-TEST,C=JP", purpose.ou())
            );
            assert_eq!(
                ext_ids(&cert),
                [
                    ("2.5.29.15".to_string(), true),
                    ("2.5.29.17".to_string(), false),
                    ("2.5.29.19".to_string(), true),
                    ("2.5.29.31".to_string(), false),
                    ("2.5.29.14".to_string(), false),
                ]
            );
            let ski = SubjectKeyIdentifier::from_der(
                ext(&cert, const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER)
                    .extn_value
                    .as_bytes(),
            )
            .unwrap();
            assert_eq!(ski.0.as_bytes(), root.key_identifier());
            assert_eq!(root.key_identifier().len(), 20);
        }
    }

    #[test]
    fn auth_certificate_follows_the_jpki_profile() {
        let p = persona("standard").unwrap();
        let issued = issue_for(&p).unwrap();
        verify(
            &issued.auth,
            &issued.auth_root.private_key().to_public_key(),
        );
        let cert = parse(&issued.auth);
        let tbs = &cert.tbs_certificate;
        assert_eq!(tbs.subject.to_string(), "CN=MYNAWEBSIMAUTH001048577,C=JP");
        assert_eq!(tbs.serial_number, SerialNumber::from(0x0010_0001u32));
        assert_eq!(tbs.validity.not_before.to_string(), "2025-04-01T00:00:00Z");
        assert_eq!(tbs.validity.not_after.to_string(), "2029-06-15T14:59:59Z");
        assert_eq!(
            ext_ids(&cert),
            [
                ("2.5.29.15".to_string(), true),
                ("2.5.29.37".to_string(), false),
                ("2.5.29.32".to_string(), true),
                ("2.5.29.18".to_string(), false),
                ("2.5.29.31".to_string(), false),
                ("1.3.6.1.5.5.7.1.1".to_string(), false),
                ("2.5.29.35".to_string(), false),
                ("2.5.29.14".to_string(), false),
            ]
        );
        let ku = KeyUsage::from_der(
            ext(&cert, const_oid::db::rfc5280::ID_CE_KEY_USAGE)
                .extn_value
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(ku.0, FlagSet::from(KeyUsages::DigitalSignature));
        let eku = ExtendedKeyUsage::from_der(
            ext(&cert, const_oid::db::rfc5280::ID_CE_EXT_KEY_USAGE)
                .extn_value
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(eku.0, [oid::CLIENT_AUTH]);
        let cp = CertificatePolicies::from_der(
            ext(&cert, const_oid::db::rfc5280::ID_CE_CERTIFICATE_POLICIES)
                .extn_value
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(cp.0.len(), 1);
        assert_eq!(
            cp.0[0].policy_identifier.to_string(),
            "1.2.392.200149.8.5.1.0.30"
        );
        let aki = AuthorityKeyIdentifier::from_der(
            ext(
                &cert,
                const_oid::db::rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER,
            )
            .extn_value
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            aki.key_identifier.unwrap().as_bytes(),
            issued.auth_root.key_identifier()
        );
        assert_eq!(
            aki.authority_cert_serial_number,
            Some(SerialNumber::from(1u8))
        );
    }

    #[test]
    fn signature_certificate_carries_the_six_other_names() {
        let p = persona("rare-kanji").unwrap();
        let issued = issue_for(&p).unwrap();
        let der = issued.sign.unwrap();
        verify(&der, &issued.sign_root.private_key().to_public_key());
        let cert = parse(&der);
        assert_eq!(
            cert.tbs_certificate.subject.to_string(),
            "CN=MYNAWEBSIMSIGN00000002097157,L=Mihon-shi,L=Kyoto-fu,C=JP"
        );
        let ku = KeyUsage::from_der(
            ext(&cert, const_oid::db::rfc5280::ID_CE_KEY_USAGE)
                .extn_value
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            ku.0,
            KeyUsages::DigitalSignature | KeyUsages::NonRepudiation
        );
        let san = SubjectAltName::from_der(
            ext(&cert, const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME)
                .extn_value
                .as_bytes(),
        )
        .unwrap();
        let entries: Vec<(String, String)> = san
            .0
            .iter()
            .map(|g| match g {
                GeneralName::OtherName(o) => {
                    assert_eq!(o.value.tag(), Tag::Utf8String);
                    (
                        o.type_id.to_string(),
                        String::from_utf8(o.value.value().to_vec()).unwrap(),
                    )
                }
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        let expected = [
            ("1.2.392.200149.8.5.5.1", "吉田　高子"),
            ("1.2.392.200149.8.5.5.4", "419920808"),
            ("1.2.392.200149.8.5.5.3", "2"),
            ("1.2.392.200149.8.5.5.5", "京都府見本市高見町７－８"),
            ("1.2.392.200149.8.5.5.2", "10010"),
            ("1.2.392.200149.8.5.5.6", "000000100000"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(entries, expected);
        let cp = CertificatePolicies::from_der(
            ext(&cert, const_oid::db::rfc5280::ID_CE_CERTIFICATE_POLICIES)
                .extn_value
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            cp.0[0].policy_identifier.to_string(),
            "1.2.392.200149.8.5.1.0.20"
        );
        assert!(ext(&cert, const_oid::db::rfc5280::ID_CE_CERTIFICATE_POLICIES).critical);
        let exts = cert.tbs_certificate.extensions.as_ref().unwrap();
        assert!(exts
            .iter()
            .all(|e| e.extn_id != const_oid::db::rfc5280::ID_CE_EXT_KEY_USAGE));
    }

    #[test]
    fn issuing_is_deterministic_and_templates_take_negative_knobs() {
        let p = persona("standard").unwrap();
        let a = issue_for(&p).unwrap();
        let b = issue_for(&p).unwrap();
        assert_eq!(a.auth, b.auth);
        assert_eq!(a.sign, b.sign);
        assert_eq!(a.auth_root.certificate_der(), b.auth_root.certificate_der());

        let mut template = CertificateTemplate::authentication(&p).unwrap();
        template
            .extra_extensions
            .push(unknown_critical_extension().unwrap());
        template.key_usage = None;
        let key = keys::load("standard/auth").unwrap().to_public_key();
        let der = a.auth_root.issue(&template, &key).unwrap();
        let cert = parse(&der);
        let ids = ext_ids(&cert);
        assert_eq!(ids.first(), Some(&("2.5.29.37".to_string(), false)));
        assert_eq!(
            ids.last(),
            Some(&("1.3.6.1.4.1.32473.1.1".to_string(), true))
        );
    }

    #[test]
    fn child_has_no_signature_certificate_and_expired_auth_is_expired() {
        assert_eq!(issue_for(&persona("child").unwrap()).unwrap().sign, None);
        let expired = issue_for(&persona("expired-auth").unwrap()).unwrap();
        let cert = parse(&expired.auth);
        assert_eq!(
            cert.tbs_certificate.validity.not_after.to_string(),
            "2024-09-09T14:59:59Z"
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod golden {
    use super::*;
    use crate::layouts::hex;
    use crate::persona::persona;

    /// The issued bytes are pinned: a change to the issuer, the keys or a persona shows up here
    /// (update the values deliberately, together with anything that states exact bytes).
    #[test]
    fn issued_certificates_are_pinned_by_hash() {
        let issued = issue_for(&persona("standard").unwrap()).unwrap();
        let digest = |der: &[u8]| hex(&Sha256::digest(der));
        let got = [
            digest(issued.auth_root.certificate_der()),
            digest(issued.sign_root.certificate_der()),
            digest(&issued.auth),
            digest(&issued.sign.unwrap()),
        ];
        assert_eq!(
            got,
            [
                "E493CFCB2494D1EB03FA6DA56728920B12252E429E9CF363FDD8BBB5A0304265",
                "D13B04D746FC65DA51335F1DA0F4B0925736BF363E9631D61DEC79069894DC18",
                "7BD4527812480F0EBF3CE2FFB5753586880E16E5E87DC7CDCBC1C77D0D88F443",
                "211738096DA55A55EC11325A433129ACF0BDAE26F693EE1ED64B6A7D452A106A",
            ]
        );
    }
}
