//! Object identifiers used by JPKI certificates, CRLs and CMS (jpki-pki.md §2–§3.1,
//! RFC 5280 §4.2, RFC 8017 appendix C, RFC 5652 §11).

use const_oid::ObjectIdentifier as Oid;

/// rsaEncryption (RFC 8017 A.1).
pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
/// sha1WithRSAEncryption (RFC 8017 C).
pub const SHA1_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");
/// sha256WithRSAEncryption (RFC 8017 C).
pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
/// sha384WithRSAEncryption (RFC 8017 C).
pub const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
/// sha512WithRSAEncryption (RFC 8017 C).
pub const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");
/// id-sha1 (RFC 8017 B.1).
pub const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
/// id-sha256 (RFC 8017 B.1).
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
/// id-sha384 (RFC 8017 B.1).
pub const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
/// id-sha512 (RFC 8017 B.1).
pub const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

/// id-ce-subjectKeyIdentifier (RFC 5280 §4.2.1.2).
pub const SUBJECT_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.14");
/// id-ce-keyUsage (RFC 5280 §4.2.1.3).
pub const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
/// id-ce-subjectAltName (RFC 5280 §4.2.1.6).
pub const SUBJECT_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.17");
/// id-ce-issuerAltName (RFC 5280 §4.2.1.7).
pub const ISSUER_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.18");
/// id-ce-basicConstraints (RFC 5280 §4.2.1.9).
pub const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
/// id-ce-cRLNumber (RFC 5280 §5.2.3).
pub const CRL_NUMBER: Oid = Oid::new_unwrap("2.5.29.20");
/// id-ce-cRLReasons (RFC 5280 §5.3.1).
pub const CRL_REASON: Oid = Oid::new_unwrap("2.5.29.21");
/// id-ce-invalidityDate (RFC 5280 §5.3.2).
pub const INVALIDITY_DATE: Oid = Oid::new_unwrap("2.5.29.24");
/// id-ce-cRLDistributionPoints (RFC 5280 §4.2.1.13).
pub const CRL_DISTRIBUTION_POINTS: Oid = Oid::new_unwrap("2.5.29.31");
/// id-ce-certificatePolicies (RFC 5280 §4.2.1.4).
pub const CERTIFICATE_POLICIES: Oid = Oid::new_unwrap("2.5.29.32");
/// id-ce-authorityKeyIdentifier (RFC 5280 §4.2.1.1).
pub const AUTHORITY_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.35");
/// id-ce-extKeyUsage (RFC 5280 §4.2.1.12).
pub const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
/// id-pe-authorityInfoAccess (RFC 5280 §4.2.2.1).
pub const AUTHORITY_INFO_ACCESS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.1");
/// id-ad-ocsp (RFC 5280 §4.2.2.1).
pub const AD_OCSP: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1");
/// id-kp-clientAuth (RFC 5280 §4.2.1.12).
pub const KP_CLIENT_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");

/// JPKI production user-authentication policy (jpki-pki.md §3, seen).
pub const JPKI_POLICY_AUTH: Oid = Oid::new_unwrap("1.2.392.200149.8.5.1.3.30");
/// JPKI production digital-signature policy (jpki-pki.md §3, reported).
pub const JPKI_POLICY_SIGN: Oid = Oid::new_unwrap("1.2.392.200149.8.5.1.1.20");
/// JPKI test-hierarchy user-authentication policy (jpki-pki.md §3, seen).
pub const JPKI_POLICY_TEST_AUTH: Oid = Oid::new_unwrap("1.2.392.200149.8.5.1.0.30");
/// JPKI test-hierarchy digital-signature policy (jpki-pki.md §3, seen).
pub const JPKI_POLICY_TEST_SIGN: Oid = Oid::new_unwrap("1.2.392.200149.8.5.1.0.20");

/// 氏名 name (jpki-pki.md §3.1).
pub const JPKI_SAN_NAME: Oid = Oid::new_unwrap("1.2.392.200149.8.5.5.1");
/// Substitute-character positions of the name (jpki-pki.md §3.1).
pub const JPKI_SAN_NAME_SUBSTITUTIONS: Oid = Oid::new_unwrap("1.2.392.200149.8.5.5.2");
/// 性別 sex (jpki-pki.md §3.1).
pub const JPKI_SAN_SEX: Oid = Oid::new_unwrap("1.2.392.200149.8.5.5.3");
/// 生年月日 date of birth (jpki-pki.md §3.1).
pub const JPKI_SAN_DATE_OF_BIRTH: Oid = Oid::new_unwrap("1.2.392.200149.8.5.5.4");
/// 住所 address (jpki-pki.md §3.1).
pub const JPKI_SAN_ADDRESS: Oid = Oid::new_unwrap("1.2.392.200149.8.5.5.5");
/// Substitute-character positions of the address (jpki-pki.md §3.1).
pub const JPKI_SAN_ADDRESS_SUBSTITUTIONS: Oid = Oid::new_unwrap("1.2.392.200149.8.5.5.6");

/// id-signedData (RFC 5652 §5.1).
pub const CMS_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
/// id-data (RFC 5652 §4).
pub const CMS_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
/// id-contentType attribute (RFC 5652 §11.1).
pub const CMS_CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
/// id-messageDigest attribute (RFC 5652 §11.2).
pub const CMS_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
/// id-signingTime attribute (RFC 5652 §11.3).
pub const CMS_SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");

/// id-at-organizationName (X.520).
pub const AT_ORGANIZATION: Oid = Oid::new_unwrap("2.5.4.10");
/// id-at-organizationalUnitName (X.520).
pub const AT_ORGANIZATIONAL_UNIT: Oid = Oid::new_unwrap("2.5.4.11");
