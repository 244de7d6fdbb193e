//! Every libccid dump in `tests/readers/` (copied byte for byte from shared/readers, see the
//! README there) parsed and classified with the values of the readers README table and
//! readers.md §5.
#![allow(clippy::unwrap_used)]

use reader::catalog::{assess, Browser, InterfaceFacts};
use reader::ccid::libccid::parse_dump;
use reader::ccid::ExchangeLevel::{self, ExtendedApdu as Ext, ShortApdu as Short, Tpdu};
use reader::descriptors::{encode_descriptors, parse_descriptors, DeviceDescriptors, Interface};

struct Expected {
    file: &'static str,
    vid: u16,
    pid: u16,
    product: &'static str,
    /// (class, level, dwFeatures, dwMaxCCIDMessageLength, protocols) per interface
    interfaces: &'static [(u8, ExchangeLevel, u32, u32, &'static [&'static str])],
    browser: Browser,
}

const T1: &[&str] = &["T=1"];
const T01: &[&str] = &["T=0", "T=1"];

const TABLE: &[Expected] = &[
    Expected {
        file: "ACR122U.txt",
        vid: 0x072F,
        pid: 0x90CC,
        product: "CCID USB Reader",
        interfaces: &[(0x0B, Tpdu, 0x0001_0030, 271, T01)],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "ACR122U_PICC.txt",
        vid: 0x072F,
        pid: 0x2200,
        product: "ACR122U PICC Interface",
        interfaces: &[(0x0B, Short, 0x0002_0040, 271, T1)],
        browser: Browser::Unsupported,
    },
    Expected {
        file: "ACS_ACR1251_Dual_Reader.txt",
        vid: 0x072F,
        pid: 0x221A,
        product: "ACR1251 Dual Reader",
        interfaces: &[
            (0x0B, Ext, 0x0004_0040, 522, T1),
            (0x0B, Short, 0x0002_00BA, 288, T01),
        ],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "ACS_ACR1252_Dual_Reader.txt",
        vid: 0x072F,
        pid: 0x223B,
        product: "ACR1252 Dual Reader",
        interfaces: &[
            (0x0B, Ext, 0x0004_0040, 522, T1),
            (0x0B, Short, 0x0002_04BA, 288, T01),
        ],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "ACS_ACR1252_Reader.txt",
        vid: 0x072F,
        pid: 0x223E,
        product: "ACR1252 Reader",
        interfaces: &[(0x0B, Ext, 0x0004_04BA, 522, T1)],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "ACS_ACR1255U-J1.txt",
        vid: 0x072F,
        pid: 0x223F,
        product: "ACR1255U-J1",
        interfaces: &[(0x0B, Ext, 0x0004_0040, 522, T1)],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "ACS_ACR39U_ICC_Reader.txt",
        vid: 0x072F,
        pid: 0xB100,
        product: "ACR39U ICC Reader",
        interfaces: &[(0x0B, Tpdu, 0x0001_00B2, 271, T01)],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "Circle_CIR315.txt",
        vid: 0x31AA,
        pid: 0x3001,
        product: "CIR315",
        interfaces: &[
            (0x0B, Ext, 0x0004_04BA, 522, T01),
            (0x0B, Short, 0x0002_00BA, 271, T01),
        ],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "Feitian_bR301.txt",
        vid: 0x096E,
        pid: 0x061A,
        product: "bR301",
        interfaces: &[(0x0B, Ext, 0x0004_04BE, 272, T01)],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "Gemalto_IDBridge_CT30.txt",
        vid: 0x08E6,
        pid: 0x3437,
        product: "USB SmartCard Reader",
        interfaces: &[(0x0B, Tpdu, 0x0001_0230, 271, T01)],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "HID_Global_OMNIKEY_3x21_Smart_Card_Reader.txt",
        vid: 0x076B,
        pid: 0x3031,
        product: "OMNIKEY 3x21 Smart Card Reader",
        interfaces: &[(0x0B, Ext, 0x0004_07BA, 271, T01)],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "HID_OMNIKEY_5422.txt",
        vid: 0x076B,
        pid: 0x5422,
        product: "OMNIKEY 5422 Smartcard Reader",
        interfaces: &[
            (0x0B, Ext, 0x0004_04BA, 520, T01),
            (0x0B, Ext, 0x0004_07B8, 520, T01),
        ],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "Identiv_uTrust_3700_F_CL_Reader.txt",
        vid: 0x04E6,
        pid: 0x5790,
        product: "uTrust 3700 F CL Reader",
        interfaces: &[(0x0B, Ext, 0x0004_04BE, 1034, T01)],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "SCR3310-NTTCom.txt",
        vid: 0x04E6,
        pid: 0x511A,
        product: "SCR3310-NTTCom USB SmartCard Reader",
        interfaces: &[(0xFF, Tpdu, 0x0001_01BA, 271, T01)],
        browser: Browser::Page,
    },
    Expected {
        file: "SCR3310.txt",
        vid: 0x04E6,
        pid: 0x5116,
        product: "SCR3310 USB Smart Card Reader",
        interfaces: &[(0x0B, Tpdu, 0x0001_00BA, 271, T01)],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "SCR3310_2.txt",
        vid: 0x04E6,
        pid: 0x511F,
        product: "SCR3310 USB Smart Card Reader",
        interfaces: &[(0x0B, Tpdu, 0x0001_00BA, 263, T01)],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "SONY_FeliCa_RC-S300_P.txt",
        vid: 0x054C,
        pid: 0x0DC9,
        product: "FeliCa Port/PaSoRi 4.0",
        interfaces: &[(0x0B, Ext, 0x0004_007E, 522, T1)],
        browser: Browser::Page,
    },
    Expected {
        file: "SONY_FeliCa_RC-S300_S.txt",
        vid: 0x054C,
        pid: 0x0DC8,
        product: "FeliCa Port/PaSoRi 4.0",
        interfaces: &[(0x0B, Ext, 0x0004_007E, 522, T1)],
        browser: Browser::Page,
    },
    Expected {
        file: "SONY_FeliCa_RC-S660_U.txt",
        vid: 0x054C,
        pid: 0x0D8F,
        product: "FeliCa Port/PaSoRi 4.0",
        interfaces: &[(0x0B, Ext, 0x0004_007E, 522, T1)],
        browser: Browser::AppOnly,
    },
    Expected {
        file: "TOPPAN_FORMS_TC63CUT021.txt",
        vid: 0x23EB,
        pid: 0x0003,
        product: "TC63CUT021",
        interfaces: &[(0x0B, Short, 0x0002_067E, 271, T01)],
        browser: Browser::AppOnly,
    },
];

fn read(file: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/readers/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn every_dump_is_parsed_and_classified_as_the_readers_table_says() {
    for e in TABLE {
        let dump = parse_dump(&read(e.file)).unwrap_or_else(|err| panic!("{}: {err}", e.file));
        assert_eq!((dump.vid, dump.pid), (e.vid, e.pid), "{}", e.file);
        assert_eq!(dump.product, e.product, "{}", e.file);
        assert_eq!(dump.interfaces.len(), e.interfaces.len(), "{}", e.file);
        for (n, (got, want)) in dump.interfaces.iter().zip(e.interfaces).enumerate() {
            assert_eq!(usize::from(got.number), n, "{}", e.file);
            assert_eq!(got.class, want.0, "{} if{n} class", e.file);
            assert_eq!(got.ccid.exchange_level(), want.1, "{} if{n} level", e.file);
            assert_eq!(got.ccid.features, want.2, "{} if{n} dwFeatures", e.file);
            assert_eq!(
                got.ccid.max_message_length, want.3,
                "{} if{n} max message",
                e.file
            );
            assert_eq!(
                got.ccid.protocol_names(),
                want.4,
                "{} if{n} protocols",
                e.file
            );
        }
        let facts: Vec<InterfaceFacts<'_>> = dump
            .interfaces
            .iter()
            .map(|i| InterfaceFacts {
                number: i.number,
                class: i.class,
                ccid: Some(&i.ccid),
            })
            .collect();
        assert_eq!(
            assess(Some((dump.vid, dump.pid)), &facts).browser,
            e.browser,
            "{} browser",
            e.file
        );
    }
}

#[test]
fn every_file_in_the_directory_is_in_the_table() {
    let mut files: Vec<String> =
        std::fs::read_dir(format!("{}/tests/readers", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|f| f.ends_with(".txt"))
            .collect();
    files.sort();
    let listed: Vec<&str> = TABLE.iter().map(|e| e.file).collect();
    assert_eq!(files, listed);
}

#[test]
fn a_dump_rebuilt_as_raw_descriptors_classifies_the_same() {
    for e in TABLE {
        let dump = parse_dump(&read(e.file)).unwrap();
        let descriptors = DeviceDescriptors {
            ids: Some((dump.vid, dump.pid)),
            interfaces: dump
                .interfaces
                .iter()
                .map(|i| Interface {
                    number: i.number,
                    alternate: 0,
                    class: i.class,
                    subclass: 0,
                    protocol: 0,
                    ccid: Some(i.ccid),
                    endpoints: vec![],
                })
                .collect(),
        };
        let bytes = encode_descriptors(&descriptors);
        assert_eq!(
            parse_descriptors(&bytes).unwrap(),
            descriptors,
            "{}",
            e.file
        );
    }
}

#[test]
fn the_nttcom_descriptor_has_every_field_of_the_dump() {
    let d = parse_dump(&read("SCR3310-NTTCom.txt")).unwrap();
    let c = d.interfaces[0].ccid;
    assert_eq!(d.manufacturer, "NTT Communications Corp.");
    assert_eq!(
        (c.bcd_ccid, c.max_slot_index, c.voltage_support, c.protocols),
        (0x0110, 0, 7, 3)
    );
    assert_eq!(
        (
            c.default_clock_khz,
            c.maximum_clock_khz,
            c.num_clock_supported
        ),
        (4800, 8000, 0)
    );
    assert_eq!(
        (c.data_rate, c.max_data_rate, c.num_data_rates_supported),
        (12903, 412_903, 0)
    );
    assert_eq!((c.max_ifsd, c.synch_protocols, c.mechanical), (252, 0, 0));
    assert_eq!(
        (
            c.class_get_response,
            c.class_envelope,
            c.lcd_layout,
            c.pin_support,
            c.max_busy_slots
        ),
        (0xFF, 0xFF, 0, 0, 1)
    );
}

#[test]
fn rejects_text_that_is_not_a_dump() {
    assert_eq!(
        parse_dump("hello\nworld: 1\n").unwrap_err().to_string(),
        "not a libccid reader dump (no idVendor line)"
    );
    let cut: String = read("ACR122U.txt")
        .lines()
        .take(30)
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        parse_dump(&cut).unwrap_err().to_string(),
        "interface block starting at line 1 has no bNumClockSupported"
    );
}
