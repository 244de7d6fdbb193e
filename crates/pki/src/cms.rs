//! CMS SignedData (RFC 5652 §5) with a card-backed signer, and its verification.
//!
//! Signing is sans-IO and goes through two states: [`SignedDataBuilder::prepare`] builds the
//! signed attributes and the `DigestInfo` the card must sign (with `80 2A`, jpki-pki.md §1);
//! the caller takes [`PendingSignature::digest_info`] to the card; [`PendingSignature::finish`]
//! consumes the state with the card's signature, checks it against the signer certificate and
//! assembles the `ContentInfo`.
//!
//! ```text
//! ContentInfo { contentType id-signedData, content [0] EXPLICIT SignedData }
//! SignedData ::= SEQUENCE {                                  RFC 5652 §5.1
//!   version CMSVersion (1),
//!   digestAlgorithms SET OF { id-shaNNN },
//!   encapContentInfo { eContentType id-data, eContent [0] EXPLICIT OCTET STRING OPTIONAL },
//!   certificates [0] IMPLICIT { signer certificate },
//!   signerInfos SET OF SignerInfo }
//! SignerInfo ::= SEQUENCE {                                  RFC 5652 §5.3
//!   version 1, sid issuerAndSerialNumber, digestAlgorithm id-shaNNN,
//!   signedAttrs [0] IMPLICIT SET OF Attribute {               RFC 5652 §11.1–11.3
//!     contentType id-data, messageDigest OCTET STRING, signingTime Time },
//!   signatureAlgorithm rsaEncryption (NULL),
//!   signature OCTET STRING  -- RSASSA-PKCS1-v1_5 over the DER of signedAttrs as SET (0x31) }
//! ```

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::ObjectIdentifier;
use der::asn1::{OctetString, OctetStringRef, SetOfVec};
use der::{Any, DateTime, Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::time::Time;

use crate::certificate::{CertificateError, JpkiCertificate};
use crate::oid;
use crate::signature::{self, HashAlgorithm, SignatureError};

/// Why SignedData could not be built or verified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CmsError {
    /// The DER structure is malformed.
    #[error("malformed CMS: {0}")]
    Der(der::Error),
    /// The ContentInfo is not SignedData.
    #[error("the CMS content is {0}, not signedData")]
    NotSignedData(ObjectIdentifier),
    /// Not exactly one SignerInfo.
    #[error("expected exactly one signer, found {0}")]
    SignerCount(usize),
    /// The signer's certificate is not in the SignedData.
    #[error("the signer's certificate is not included")]
    SignerCertificateMissing,
    /// A certificate in the SignedData is malformed.
    #[error("certificate in CMS: {0}")]
    Certificate(CertificateError),
    /// The SignerInfo has no signed attributes (this crate requires them).
    #[error("the signer has no signed attributes")]
    NoSignedAttributes,
    /// A required signed attribute is absent or has not exactly one value.
    #[error("signed attribute {0} is missing or malformed")]
    Attribute(&'static str),
    /// contentType attribute differs from eContentType (RFC 5652 §11.1).
    #[error("the contentType attribute does not match eContentType")]
    ContentTypeMismatch,
    /// messageDigest differs from the hash of the content (RFC 5652 §11.2).
    #[error("the content does not match the signed message digest")]
    DigestMismatch,
    /// The digest algorithm is not SHA-1/256/384/512.
    #[error("unsupported digest algorithm {0}")]
    UnsupportedDigest(ObjectIdentifier),
    /// The signature algorithm is not RSA PKCS#1 v1.5 with the signer's digest.
    #[error("unsupported signature algorithm {0}")]
    UnsupportedSignatureAlgorithm(ObjectIdentifier),
    /// The signature does not verify.
    #[error("signature: {0}")]
    Signature(SignatureError),
    /// Detached SignedData and no content was given.
    #[error("the signature is detached: the signed content must be supplied")]
    ContentMissing,
    /// Content was supplied but the SignedData carries its own content.
    #[error("the SignedData already contains its content")]
    ContentTwice,
    /// The eContent is not an OCTET STRING.
    #[error("eContent is not an OCTET STRING")]
    ContentNotOctetString,
}

impl From<der::Error> for CmsError {
    fn from(e: der::Error) -> Self {
        Self::Der(e)
    }
}

/// Whether the content travels inside the SignedData.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encapsulation {
    /// eContent carries the content.
    Attached,
    /// eContent is absent; the verifier needs the content separately.
    Detached,
}

/// Collects what goes into a SignedData before the card signs.
#[derive(Debug, Clone)]
pub struct SignedDataBuilder<'a> {
    signer: &'a JpkiCertificate,
    content: &'a [u8],
    encapsulation: Encapsulation,
    hash: HashAlgorithm,
    signing_time: Option<DateTime>,
}

impl<'a> SignedDataBuilder<'a> {
    /// SignedData over `content`, signed with the key of `signer` (SHA-256, no signingTime
    /// unless set).
    pub fn new(
        signer: &'a JpkiCertificate,
        content: &'a [u8],
        encapsulation: Encapsulation,
    ) -> Self {
        Self {
            signer,
            content,
            encapsulation,
            hash: HashAlgorithm::Sha256,
            signing_time: None,
        }
    }

    /// The digest algorithm (the card accepts any DigestInfo, jpki-pki.md §1).
    pub fn hash(mut self, hash: HashAlgorithm) -> Self {
        self.hash = hash;
        self
    }

    /// Adds the signingTime attribute (the caller's clock; the library reads none).
    pub fn signing_time(mut self, at: DateTime) -> Self {
        self.signing_time = Some(at);
        self
    }

    /// Builds the signed attributes and the DigestInfo to sign.
    pub fn prepare(self) -> Result<PendingSignature, CmsError> {
        let digest = self.hash.digest(self.content);
        let mut attrs = vec![
            attribute(oid::CMS_CONTENT_TYPE, Any::encode_from(&oid::CMS_DATA)?)?,
            attribute(
                oid::CMS_MESSAGE_DIGEST,
                Any::encode_from(&OctetStringRef::new(&digest)?)?,
            )?,
        ];
        if let Some(at) = self.signing_time {
            // RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise.
            let time = if (1950..2050).contains(&at.year()) {
                Time::UtcTime(der::asn1::UtcTime::from_date_time(at)?)
            } else {
                Time::GeneralTime(der::asn1::GeneralizedTime::from_date_time(at))
            };
            attrs.push(attribute(oid::CMS_SIGNING_TIME, Any::encode_from(&time)?)?);
        }
        let signed_attrs = SetOfVec::try_from(attrs)?;
        let signed_attrs_der = signed_attrs.to_der()?;
        let to_sign = self.hash.digest_info(&self.hash.digest(&signed_attrs_der));
        Ok(PendingSignature {
            signer: self.signer.clone(),
            content: (self.encapsulation == Encapsulation::Attached).then(|| self.content.to_vec()),
            hash: self.hash,
            signed_attrs,
            signed_attrs_der,
            digest_info: to_sign,
        })
    }
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, CmsError> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value])?,
    })
}

/// Signed attributes are fixed; waiting for the card's signature over [`Self::digest_info`].
#[derive(Debug, Clone)]
pub struct PendingSignature {
    signer: JpkiCertificate,
    content: Option<Vec<u8>>,
    hash: HashAlgorithm,
    signed_attrs: SetOfVec<Attribute>,
    signed_attrs_der: Vec<u8>,
    digest_info: Vec<u8>,
}

impl PendingSignature {
    /// The DER `DigestInfo` the card must sign (RFC 8017 §9.2 T; jpki-pki.md §1).
    pub fn digest_info(&self) -> &[u8] {
        &self.digest_info
    }

    /// The DER of the signed attributes as a SET (what the signature covers).
    pub fn signed_attributes_der(&self) -> &[u8] {
        &self.signed_attrs_der
    }

    /// The digest algorithm.
    pub fn hash(&self) -> HashAlgorithm {
        self.hash
    }

    /// Checks `signature` with the signer's certificate and assembles the DER ContentInfo.
    pub fn finish(self, signature: &[u8]) -> Result<Vec<u8>, CmsError> {
        let key = self.signer.rsa_public_key().map_err(CmsError::Signature)?;
        signature::verify(&key, self.hash, &self.signed_attrs_der, signature)
            .map_err(CmsError::Signature)?;
        let cert = self.signer.certificate();
        let digest_alg = AlgorithmIdentifierOwned {
            oid: self.hash.oid(),
            parameters: None,
        };
        let signer_info = SignerInfo {
            version: CmsVersion::V1,
            sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: cert.tbs_certificate.issuer.clone(),
                serial_number: cert.tbs_certificate.serial_number.clone(),
            }),
            digest_alg: digest_alg.clone(),
            signed_attrs: Some(self.signed_attrs),
            signature_algorithm: AlgorithmIdentifierOwned {
                oid: oid::RSA_ENCRYPTION,
                parameters: Some(Any::null()),
            },
            signature: OctetString::new(signature)?,
            unsigned_attrs: None,
        };
        let econtent = match &self.content {
            Some(content) => Some(Any::encode_from(&OctetStringRef::new(content)?)?),
            None => None,
        };
        let signed_data = SignedData {
            version: CmsVersion::V1,
            digest_algorithms: SetOfVec::try_from(vec![digest_alg])?,
            encap_content_info: EncapsulatedContentInfo {
                econtent_type: oid::CMS_DATA,
                econtent,
            },
            certificates: Some(CertificateSet(SetOfVec::try_from(vec![
                CertificateChoices::Certificate(cert.clone()),
            ])?)),
            crls: None,
            signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info])?),
        };
        let info = ContentInfo {
            content_type: oid::CMS_SIGNED_DATA,
            content: Any::encode_from(&signed_data)?,
        };
        Ok(info.to_der()?)
    }
}

/// A SignedData whose signature checked out against the certificate it names. The certificate
/// itself still needs [`crate::trust::TrustStore::validate`].
#[derive(Debug, Clone)]
pub struct VerifiedSignedData {
    /// The signer's certificate (from the SignedData).
    pub signer: JpkiCertificate,
    /// The digest algorithm used.
    pub hash: HashAlgorithm,
    /// signingTime, when present (the signer's claim, not a timestamp).
    pub signing_time: Option<DateTime>,
    /// The encapsulated content, when attached.
    pub content: Option<Vec<u8>>,
}

/// Parses DER ContentInfo(SignedData) and checks its one signer's signature, over the attached
/// content or `detached_content`.
pub fn verify(
    cms_der: &[u8],
    detached_content: Option<&[u8]>,
) -> Result<VerifiedSignedData, CmsError> {
    let info = ContentInfo::from_der(cms_der)?;
    if info.content_type != oid::CMS_SIGNED_DATA {
        return Err(CmsError::NotSignedData(info.content_type));
    }
    let sd: SignedData = info.content.decode_as()?;
    let attached = match &sd.encap_content_info.econtent {
        Some(any) => Some(
            any.decode_as::<OctetString>()
                .map_err(|_| CmsError::ContentNotOctetString)?
                .into_bytes(),
        ),
        None => None,
    };
    let content: &[u8] = match (&attached, detached_content) {
        (Some(_), Some(_)) => return Err(CmsError::ContentTwice),
        (Some(c), None) => c,
        (None, Some(c)) => c,
        (None, None) => return Err(CmsError::ContentMissing),
    };
    let signers: Vec<&SignerInfo> = sd.signer_infos.0.iter().collect();
    let [si] = signers.as_slice() else {
        return Err(CmsError::SignerCount(signers.len()));
    };

    let hash = HashAlgorithm::from_oid(&si.digest_alg.oid)
        .ok_or(CmsError::UnsupportedDigest(si.digest_alg.oid))?;
    let sig_oid = si.signature_algorithm.oid;
    if sig_oid != oid::RSA_ENCRYPTION && sig_oid != hash.signature_oid() {
        return Err(CmsError::UnsupportedSignatureAlgorithm(sig_oid));
    }
    let signer = find_signer(&sd, &si.sid)?;

    let attrs = si
        .signed_attrs
        .as_ref()
        .ok_or(CmsError::NoSignedAttributes)?;
    let content_type: ObjectIdentifier = single_value(attrs, oid::CMS_CONTENT_TYPE, "contentType")?;
    if content_type != sd.encap_content_info.econtent_type {
        return Err(CmsError::ContentTypeMismatch);
    }
    let digest: OctetString = single_value(attrs, oid::CMS_MESSAGE_DIGEST, "messageDigest")?;
    if digest.as_bytes() != hash.digest(content).as_slice() {
        return Err(CmsError::DigestMismatch);
    }
    let signing_time = match attrs.iter().find(|a| a.oid == oid::CMS_SIGNING_TIME) {
        Some(_) => {
            Some(single_value::<Time>(attrs, oid::CMS_SIGNING_TIME, "signingTime")?.to_date_time())
        }
        None => None,
    };
    let key = signer.rsa_public_key().map_err(CmsError::Signature)?;
    signature::verify(&key, hash, &attrs.to_der()?, si.signature.as_bytes())
        .map_err(CmsError::Signature)?;
    Ok(VerifiedSignedData {
        signer,
        hash,
        signing_time,
        content: attached,
    })
}

fn find_signer(sd: &SignedData, sid: &SignerIdentifier) -> Result<JpkiCertificate, CmsError> {
    for choice in sd.certificates.iter().flat_map(|set| set.0.iter()) {
        let CertificateChoices::Certificate(cert) = choice else {
            continue;
        };
        let tbs = &cert.tbs_certificate;
        let matches = match sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => {
                ias.issuer == tbs.issuer && ias.serial_number == tbs.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                let parsed =
                    JpkiCertificate::from_der(&cert.to_der()?).map_err(CmsError::Certificate)?;
                parsed.profile().subject_key_id.as_deref() == Some(ski.0.as_bytes())
            }
        };
        if matches {
            return JpkiCertificate::from_der(&cert.to_der()?).map_err(CmsError::Certificate);
        }
    }
    Err(CmsError::SignerCertificateMissing)
}

fn single_value<T: der::DecodeOwned>(
    attrs: &SetOfVec<Attribute>,
    id: ObjectIdentifier,
    name: &'static str,
) -> Result<T, CmsError> {
    let mut found = attrs.iter().filter(|a| a.oid == id);
    let (Some(attr), None) = (found.next(), found.next()) else {
        return Err(CmsError::Attribute(name));
    };
    let mut values = attr.values.iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(CmsError::Attribute(name));
    };
    value
        .to_der()
        .and_then(|der| T::from_der(&der))
        .map_err(|_| CmsError::Attribute(name))
}
