//! `mynaweb describe FILE [--json]`: what a USB reader is, and what a browser allows with it.
//!
//! FILE is either a libccid `parse` dump (text, as in LudovicRousseau/CCID `readers/*.txt`) or
//! raw descriptor bytes (a configuration descriptor as GET_DESCRIPTOR returns it, Linux sysfs
//! `descriptors` — device descriptor then configuration — or a bare 54-byte CCID descriptor).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use reader::catalog::{assess, InterfaceFacts};
use reader::ccid::libccid::parse_dump;
use reader::ccid::CcidDescriptor;
use reader::descriptors::parse_descriptors;
use serde_json::{json, Value};

use crate::output::{finish, Failure};

/// Arguments of `mynaweb describe`.
#[derive(Args, Debug)]
pub struct DescribeArgs {
    /// A libccid dump (text) or raw USB descriptor bytes.
    pub file: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// One interface as reported.
struct Row {
    number: u8,
    class: u8,
    ccid: Option<CcidDescriptor>,
}

/// Runs the subcommand.
pub fn run(args: DescribeArgs) -> ExitCode {
    finish(args.json, describe(&args))
}

fn describe(args: &DescribeArgs) -> Result<(String, Value), Failure> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", args.file.display())))?;
    describe_bytes(&bytes)
        .map_err(|reason| Failure::input(format!("{}: {reason}", args.file.display())))
}

/// Describes a file's contents; the error text says why it is not a descriptor.
pub fn describe_bytes(bytes: &[u8]) -> Result<(String, Value), String> {
    let (ids, name, rows) = match std::str::from_utf8(bytes)
        .ok()
        .filter(|t| t.contains("idVendor:"))
    {
        Some(text) => {
            let dump = parse_dump(text).map_err(|e| format!("not a usable libccid dump: {e}"))?;
            let rows = dump
                .interfaces
                .iter()
                .map(|i| Row {
                    number: i.number,
                    class: i.class,
                    ccid: Some(i.ccid),
                })
                .collect();
            let name = if dump.product.is_empty() {
                None
            } else {
                Some(dump.product)
            };
            (Some((dump.vid, dump.pid)), name, rows)
        }
        None => {
            let d = parse_descriptors(bytes)
                .map_err(|e| format!("not a libccid dump or USB descriptor bytes ({e})"))?;
            let rows: Vec<Row> = d
                .interfaces
                .iter()
                .filter(|i| i.alternate == 0)
                .map(|i| Row {
                    number: i.number,
                    class: i.class,
                    ccid: i.ccid,
                })
                .collect();
            (d.ids, None, rows)
        }
    };
    let facts: Vec<InterfaceFacts<'_>> = rows
        .iter()
        .map(|r| InterfaceFacts {
            number: r.number,
            class: r.class,
            ccid: r.ccid.as_ref(),
        })
        .collect();
    let verdict = assess(ids, &facts);
    let name = name.or(verdict.name.map(String::from));
    let hex4 = |v: u16| format!("{v:04X}");
    let interfaces: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "number": r.number,
                "class": format!("0x{:02X}", r.class),
                "exchange_level": r.ccid.map(|c| c.exchange_level().as_str()),
                "max_message_length": r.ccid.map(|c| c.max_message_length),
                "protocols": r.ccid.map(|c| c.protocol_names()).unwrap_or_default(),
            })
        })
        .collect();
    let value = json!({
        "vid": ids.map(|(v, _)| hex4(v)),
        "pid": ids.map(|(_, p)| hex4(p)),
        "name": name,
        "interfaces": interfaces,
        "browser": verdict.browser.as_str(),
        "advice": verdict.advice,
    });
    let mut text = String::new();
    let id = ids
        .map(|(v, p)| format!("{v:04X}:{p:04X}"))
        .unwrap_or_else(|| "unknown VID:PID".into());
    text.push_str(&format!(
        "{} ({id})\n",
        name.as_deref().unwrap_or("unknown reader")
    ));
    for r in &rows {
        match r.ccid {
            Some(c) => text.push_str(&format!(
                "  interface {}: class 0x{:02X}, CCID {} level, max message {} bytes, {}\n",
                r.number,
                r.class,
                c.exchange_level().as_str(),
                c.max_message_length,
                c.protocol_names().join(", ")
            )),
            None => text.push_str(&format!(
                "  interface {}: class 0x{:02X}\n",
                r.number, r.class
            )),
        }
    }
    text.push_str(&format!(
        "browser: {}\n{}\n",
        verdict.browser.as_str(),
        verdict.advice
    ));
    Ok((text, value))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const RCS300: &str = include_str!("../../reader/tests/readers/SONY_FeliCa_RC-S300_S.txt");

    #[test]
    fn describes_the_rcs300_dump_as_the_issue_shows() {
        let (_, v) = describe_bytes(RCS300.as_bytes()).unwrap();
        assert_eq!(
            v,
            json!({
                "vid": "054C", "pid": "0DC8", "name": "FeliCa Port/PaSoRi 4.0",
                "interfaces": [{"number": 0, "class": "0x0B", "exchange_level": "extended_apdu",
                                "max_message_length": 522, "protocols": ["T=1"]}],
                "browser": "page",
                "advice": reader::catalog::lookup(0x054C, 0x0DC8).unwrap().advice,
            })
        );
    }

    #[test]
    fn describes_raw_bytes_of_a_vendor_class_ccid_reader() {
        let mut b = vec![
            18, 1, 0, 2, 0, 0, 0, 64, 0xE6, 0x04, 0x1A, 0x51, 0, 1, 1, 2, 0, 1, 9, 4, 0, 0, 3,
            0xFF, 0, 0, 0,
        ];
        let dump = parse_dump(include_str!(
            "../../reader/tests/readers/SCR3310-NTTCom.txt"
        ))
        .unwrap();
        b.extend_from_slice(&dump.interfaces[0].ccid.to_bytes());
        let (text, v) = describe_bytes(&b).unwrap();
        assert_eq!(v["vid"], "04E6");
        assert_eq!(v["name"], "NTT Com SCR3310-NTTCom");
        assert_eq!(v["interfaces"][0]["class"], "0xFF");
        assert_eq!(v["interfaces"][0]["exchange_level"], "tpdu");
        assert_eq!(v["interfaces"][0]["protocols"], json!(["T=0", "T=1"]));
        assert_eq!(v["browser"], "page");
        assert!(text.starts_with("NTT Com SCR3310-NTTCom (04E6:511A)\n  interface 0: class 0xFF, CCID tpdu level, max message 271 bytes, T=0, T=1\nbrowser: page\n"));
    }

    /// (file, [(class, exchange level)] per interface, browser) — the readers README table and
    /// readers.md §5.
    type Row = (
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static str,
    );
    const TABLE: &[Row] = &[
        ("ACR122U.txt", &[("0x0B", "tpdu")], "app_only"),
        ("ACR122U_PICC.txt", &[("0x0B", "short_apdu")], "unsupported"),
        (
            "ACS_ACR1251_Dual_Reader.txt",
            &[("0x0B", "extended_apdu"), ("0x0B", "short_apdu")],
            "app_only",
        ),
        (
            "ACS_ACR1252_Dual_Reader.txt",
            &[("0x0B", "extended_apdu"), ("0x0B", "short_apdu")],
            "app_only",
        ),
        (
            "ACS_ACR1252_Reader.txt",
            &[("0x0B", "extended_apdu")],
            "app_only",
        ),
        (
            "ACS_ACR1255U-J1.txt",
            &[("0x0B", "extended_apdu")],
            "app_only",
        ),
        ("ACS_ACR39U_ICC_Reader.txt", &[("0x0B", "tpdu")], "app_only"),
        (
            "Circle_CIR315.txt",
            &[("0x0B", "extended_apdu"), ("0x0B", "short_apdu")],
            "app_only",
        ),
        (
            "Feitian_bR301.txt",
            &[("0x0B", "extended_apdu")],
            "app_only",
        ),
        ("Gemalto_IDBridge_CT30.txt", &[("0x0B", "tpdu")], "app_only"),
        (
            "HID_Global_OMNIKEY_3x21_Smart_Card_Reader.txt",
            &[("0x0B", "extended_apdu")],
            "app_only",
        ),
        (
            "HID_OMNIKEY_5422.txt",
            &[("0x0B", "extended_apdu"), ("0x0B", "extended_apdu")],
            "app_only",
        ),
        (
            "Identiv_uTrust_3700_F_CL_Reader.txt",
            &[("0x0B", "extended_apdu")],
            "app_only",
        ),
        ("SCR3310-NTTCom.txt", &[("0xFF", "tpdu")], "page"),
        ("SCR3310.txt", &[("0x0B", "tpdu")], "app_only"),
        ("SCR3310_2.txt", &[("0x0B", "tpdu")], "app_only"),
        (
            "SONY_FeliCa_RC-S300_P.txt",
            &[("0x0B", "extended_apdu")],
            "page",
        ),
        (
            "SONY_FeliCa_RC-S300_S.txt",
            &[("0x0B", "extended_apdu")],
            "page",
        ),
        (
            "SONY_FeliCa_RC-S660_U.txt",
            &[("0x0B", "extended_apdu")],
            "app_only",
        ),
        (
            "TOPPAN_FORMS_TC63CUT021.txt",
            &[("0x0B", "short_apdu")],
            "app_only",
        ),
    ];

    #[test]
    fn describes_every_reader_dump_as_the_readers_table_says() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../reader/tests/readers");
        for (file, interfaces, browser) in TABLE {
            let bytes = std::fs::read(format!("{dir}/{file}")).unwrap();
            let (_, v) = describe_bytes(&bytes).unwrap();
            let got: Vec<(String, String)> = v["interfaces"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| {
                    (
                        i["class"].as_str().unwrap().to_string(),
                        i["exchange_level"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            let want: Vec<(String, String)> = interfaces
                .iter()
                .map(|(c, l)| (c.to_string(), l.to_string()))
                .collect();
            assert_eq!(got, want, "{file}");
            assert_eq!(v["browser"], *browser, "{file}");
            assert_eq!(v["vid"].as_str().unwrap().len(), 4, "{file}");
        }
    }

    #[test]
    fn rejects_a_file_that_is_not_a_descriptor() {
        assert_eq!(
            describe_bytes(b"just some notes\n").unwrap_err(),
            "not a libccid dump or USB descriptor bytes (USB descriptors: does not start with a device, configuration or interface descriptor)"
        );
    }
}
