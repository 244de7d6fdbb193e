//! Which reader is this, which driver runs it, and what a browser allows (readers.md §1, §5).
//!
//! A web page may claim only interfaces whose class is not protected (readers.md §1.1: 0x0B
//! smart card is protected). So:
//!
//! | Reader | Page route | Browser |
//! |---|---|---|
//! | Sony RC-S380/S, /P (054C:06C1, 06C3) | if#0, Port-100 | `page` |
//! | Sony RC-S300/S, /P (054C:0DC8, 0DC9) | if#1 vendor, escape frames | `page` |
//! | NTT Com SCR3310-NTTCom (04E6:511A), SCR331-DI (04E6:5120) | if#0 class 0xFF, CCID | `page` |
//! | any other class-0x0B CCID reader at TPDU/APDU level | — | `app_only` |
//! | ACR122U PICC (072F:2200), character-level or non-CCID devices | — | `unsupported` |

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::ccid::{CcidDescriptor, ExchangeLevel};
use crate::usb::UsbError;

/// The driver that runs a reader interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DriverKind {
    /// CCID (any exchange level we support), the CCID driver.
    Ccid,
    /// Sony NFC Port-100 (RC-S380), the `port100` driver.
    Port100,
    /// Sony RC-S300 vendor interface #1, the `rcs300` driver.
    Rcs300Vendor,
}

/// What a browser lets a page do with a reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    /// A plain web page can use it through WebUSB.
    Page,
    /// Only the app version (Isolated Web App / Electron / native CLI) can use it.
    AppOnly,
    /// mynaweb cannot drive it.
    Unsupported,
}

impl Browser {
    /// The name used in `mynaweb describe --json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Page => "page",
            Self::AppOnly => "app_only",
            Self::Unsupported => "unsupported",
        }
    }
}

/// How a page reaches a reader: which interface to claim and which endpoints to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRoute {
    /// Interface to claim.
    pub interface: u8,
    /// Driver for that interface.
    pub driver: DriverKind,
    /// Bulk (OUT, IN) endpoint addresses when fixed for the model (Sony readers); `None` for
    /// CCID readers, whose endpoints come from the configuration descriptor.
    pub endpoints: Option<(u8, u8)>,
}

/// A reader the catalogue knows by VID:PID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownReader {
    /// idVendor.
    pub vid: u16,
    /// idProduct.
    pub pid: u16,
    /// Marketing name.
    pub name: &'static str,
    /// How a page reaches it, if it can.
    pub page_route: Option<PageRoute>,
    /// What the browser allows.
    pub browser: Browser,
    /// What a person should know and do (explanation, then fix).
    pub advice: &'static str,
}

const SONY_VENDOR_ADVICE: &str = "A web page can use this reader through its vendor interface #1. \
If Chrome cannot claim it, another program holds the reader: close the Sony NFC Port Software and \
any other card software; on Windows, bind the WinUSB driver to interface 1.";
const RCS380_ADVICE: &str = "A web page can use this reader directly. If Chrome cannot claim it, \
another program holds the reader: close the Sony software (on Linux, unload the port100 kernel \
driver); on Windows, bind the WinUSB driver (for example with Zadig).";
const NTTCOM_ADVICE: &str = "A web page can use this contact reader (its interface is vendor \
class, so Chrome does not protect it). If Chrome cannot claim it, another program holds the \
reader: stop pcscd (Linux) or the vendor driver; on Windows, bind the WinUSB driver.";
const APP_ONLY_ADVICE: &str =
    "This is a standard smart-card reader: Chrome does not let web pages \
use it. Use the app version of mynaweb, or an RC-S300 or RC-S380 reader.";
const ACR122U_PICC_ADVICE: &str =
    "The ACR122U PICC interface is listed as unsupported by the CCID \
driver and Chrome does not let web pages use it. Use an RC-S300 or RC-S380 reader.";
const CHARACTER_ADVICE: &str = "This reader works at CCID character level, which mynaweb does not \
drive. Use an RC-S300 or RC-S380 reader, or a TPDU/APDU-level CCID reader with the app version.";
const NOT_A_READER_ADVICE: &str = "No smart-card or known NFC reader interface was found on this \
device. Use an RC-S300 or RC-S380 reader.";

const fn sony(pid: u16, name: &'static str) -> KnownReader {
    KnownReader {
        vid: 0x054C,
        pid,
        name,
        page_route: Some(PageRoute {
            interface: 1,
            driver: DriverKind::Rcs300Vendor,
            endpoints: Some((0x02, 0x82)),
        }),
        browser: Browser::Page,
        advice: SONY_VENDOR_ADVICE,
    }
}

const fn rcs380(pid: u16, name: &'static str) -> KnownReader {
    KnownReader {
        vid: 0x054C,
        pid,
        name,
        page_route: Some(PageRoute {
            interface: 0,
            driver: DriverKind::Port100,
            endpoints: Some((0x02, 0x81)),
        }),
        browser: Browser::Page,
        advice: RCS380_ADVICE,
    }
}

const fn nttcom(pid: u16, name: &'static str) -> KnownReader {
    KnownReader {
        vid: 0x04E6,
        pid,
        name,
        page_route: Some(PageRoute {
            interface: 0,
            driver: DriverKind::Ccid,
            endpoints: None,
        }),
        browser: Browser::Page,
        advice: NTTCOM_ADVICE,
    }
}

/// Readers known by VID:PID (readers.md summary table, §3.1, §4.1, §5).
pub const KNOWN_READERS: &[KnownReader] = &[
    rcs380(0x06C1, "Sony RC-S380/S"),
    rcs380(0x06C3, "Sony RC-S380/P"),
    sony(0x0DC8, "Sony RC-S300/S"),
    sony(0x0DC9, "Sony RC-S300/P"),
    nttcom(0x511A, "NTT Com SCR3310-NTTCom"),
    // UNVERIFIED (readers.md §5): SCR331-DI reachability needs a hardware test (2 slots).
    nttcom(0x5120, "SCM SCR331-DI (NTTCom)"),
    KnownReader {
        vid: 0x054C,
        pid: 0x0D8F,
        name: "Sony RC-S660/U",
        page_route: None,
        browser: Browser::AppOnly,
        advice: APP_ONLY_ADVICE,
    },
    KnownReader {
        vid: 0x072F,
        pid: 0x2200,
        name: "ACS ACR122U PICC",
        page_route: None,
        browser: Browser::Unsupported,
        advice: ACR122U_PICC_ADVICE,
    },
];

/// The WebUSB `requestDevice` filter list: every VID:PID a page can drive.
pub fn webusb_filters() -> Vec<(u16, u16)> {
    KNOWN_READERS
        .iter()
        .filter(|r| r.page_route.is_some())
        .map(|r| (r.vid, r.pid))
        .collect()
}

/// Looks a reader up by VID:PID.
pub fn lookup(vid: u16, pid: u16) -> Option<&'static KnownReader> {
    KNOWN_READERS.iter().find(|r| r.vid == vid && r.pid == pid)
}

/// WebUSB protected interface classes (readers.md §1.1).
pub fn is_protected_class(class: u8) -> bool {
    matches!(class, 0x01 | 0x03 | 0x08 | 0x0B | 0x0E | 0x10 | 0xE0)
}

/// One interface as seen in a descriptor or dump.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InterfaceFacts<'a> {
    /// bInterfaceNumber.
    pub number: u8,
    /// bInterfaceClass.
    pub class: u8,
    /// Its CCID class descriptor, if any.
    pub ccid: Option<&'a CcidDescriptor>,
}

/// The catalogue's verdict on a device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    /// Name from the catalogue, if known.
    pub name: Option<&'static str>,
    /// What a browser allows.
    pub browser: Browser,
    /// Interface and driver a page uses, when `browser` is `Page`.
    pub page_route: Option<PageRoute>,
    /// Interface and driver the app version (Isolated Web App, Electron, native CLI) uses: the
    /// first drivable CCID interface when the device shows one — for the RC-S300 that is
    /// interface #0 at extended-APDU level, the path PC/SC software uses — else the page route.
    pub app_route: Option<PageRoute>,
    /// What a person should know and do.
    pub advice: String,
}

fn drivable(ccid: &CcidDescriptor) -> bool {
    ccid.exchange_level() != ExchangeLevel::Character && (ccid.supports_t0() || ccid.supports_t1())
}

/// Classifies a device from its ids (if known) and the interfaces a descriptor or dump shows.
/// Catalogue knowledge wins: an RC-S300 dump shows only its CCID interface #0, yet a page can
/// use the reader through interface #1.
pub fn assess(ids: Option<(u16, u16)>, interfaces: &[InterfaceFacts<'_>]) -> Assessment {
    let ccid_route = interfaces
        .iter()
        .find(|i| i.ccid.is_some_and(drivable))
        .map(|i| PageRoute {
            interface: i.number,
            driver: DriverKind::Ccid,
            endpoints: None,
        });
    if let Some(known) = ids.and_then(|(v, p)| lookup(v, p)) {
        let app_route = match known.browser {
            Browser::Unsupported => None,
            _ => ccid_route.or(known.page_route),
        };
        return Assessment {
            name: Some(known.name),
            browser: known.browser,
            page_route: known.page_route,
            app_route,
            advice: String::from(known.advice),
        };
    }
    let claimable_ccid = interfaces
        .iter()
        .find(|i| !is_protected_class(i.class) && i.ccid.is_some_and(drivable));
    if let Some(i) = claimable_ccid {
        let route = PageRoute {
            interface: i.number,
            driver: DriverKind::Ccid,
            endpoints: None,
        };
        return Assessment {
            name: None,
            browser: Browser::Page,
            page_route: Some(route),
            app_route: Some(route),
            advice: format!(
                "A web page can use interface {} of this reader (vendor class with a CCID descriptor). \
                 If Chrome cannot claim it, stop pcscd or the vendor driver; on Windows, bind the WinUSB driver.",
                i.number
            ),
        };
    }
    if interfaces.iter().any(|i| i.ccid.is_some_and(drivable)) {
        return Assessment {
            name: None,
            browser: Browser::AppOnly,
            page_route: None,
            app_route: ccid_route,
            advice: String::from(APP_ONLY_ADVICE),
        };
    }
    let advice = if interfaces.iter().any(|i| i.ccid.is_some()) {
        CHARACTER_ADVICE
    } else {
        NOT_A_READER_ADVICE
    };
    Assessment {
        name: None,
        browser: Browser::Unsupported,
        page_route: None,
        app_route: None,
        advice: String::from(advice),
    }
}

/// A user-facing explanation and fix for a USB failure (readers.md §1.2, §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Advice {
    /// What happened, in words a person understands.
    pub explanation: &'static str,
    /// What to do about it.
    pub fix: &'static str,
}

/// Maps a USB failure to what the person should do.
pub fn advice_for(error: &UsbError) -> Advice {
    match error {
        UsbError::ProtectedClass => Advice {
            explanation: "This is a standard smart-card reader: Chrome does not let web pages use it.",
            fix: "Use the app version of mynaweb, or an RC-S300 or RC-S380 reader.",
        },
        UsbError::ClaimFailed => Advice {
            explanation: "Another program holds the reader.",
            fix: "Close the Sony software (NFC Port Software) or stop pcscd; on Windows, bind the WinUSB driver to the reader.",
        },
        UsbError::PermissionsPolicy => Advice {
            explanation: "This page is not allowed to use USB devices (it runs in a frame without USB permission).",
            fix: "Open mynaweb in its own tab, or allow USB in the frame (allow=\"usb\").",
        },
        UsbError::NotFound => Advice {
            explanation: "No reader was chosen.",
            fix: "Plug in the reader and choose it in the browser's device list.",
        },
        UsbError::Disconnected => Advice {
            explanation: "The reader was unplugged or closed.",
            fix: "Plug the reader in again and retry.",
        },
        UsbError::Timeout { .. } | UsbError::Stall => Advice {
            explanation: "The reader stopped answering.",
            fix: "Unplug the reader, plug it in again and retry.",
        },
        UsbError::Other(_) => Advice {
            explanation: "The reader reported an error.",
            fix: "Unplug the reader, plug it in again and retry; on Windows, check that the WinUSB driver is bound.",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_only_page_reachable_readers_in_the_webusb_filter() {
        assert_eq!(
            webusb_filters(),
            [
                (0x054C, 0x06C1),
                (0x054C, 0x06C3),
                (0x054C, 0x0DC8),
                (0x054C, 0x0DC9),
                (0x04E6, 0x511A),
                (0x04E6, 0x5120)
            ]
        );
    }

    #[test]
    fn refuses_protected_classes_exactly() {
        let protected: Vec<u8> = (0..=255u8).filter(|c| is_protected_class(*c)).collect();
        assert_eq!(protected, [0x01, 0x03, 0x08, 0x0B, 0x0E, 0x10, 0xE0]);
    }

    #[test]
    fn explains_a_claim_failure_and_a_protected_class() {
        assert_eq!(
            advice_for(&UsbError::ClaimFailed).explanation,
            "Another program holds the reader."
        );
        assert_eq!(
            advice_for(&UsbError::ProtectedClass).fix,
            "Use the app version of mynaweb, or an RC-S300 or RC-S380 reader."
        );
    }

    #[test]
    fn the_app_uses_the_rcs300_ccid_interface_and_a_page_its_vendor_interface() {
        let rcs300 =
            crate::ccid::CcidDescriptor::parse(&crate::ccid::descriptor::tests::RCS300_BYTES)
                .expect("valid");
        let facts = [
            InterfaceFacts {
                number: 0,
                class: 0x0B,
                ccid: Some(&rcs300),
            },
            InterfaceFacts {
                number: 1,
                class: 0xFF,
                ccid: None,
            },
        ];
        let a = assess(Some((0x054C, 0x0DC8)), &facts);
        assert_eq!(
            a.page_route,
            Some(PageRoute {
                interface: 1,
                driver: DriverKind::Rcs300Vendor,
                endpoints: Some((0x02, 0x82))
            })
        );
        assert_eq!(
            a.app_route,
            Some(PageRoute {
                interface: 0,
                driver: DriverKind::Ccid,
                endpoints: None
            })
        );
        // an unknown class-0x0B reader: app only, through its CCID interface
        let a = assess(Some((0x1234, 0x0001)), &facts[..1]);
        assert_eq!((a.browser, a.page_route), (Browser::AppOnly, None));
        assert_eq!(
            a.app_route,
            Some(PageRoute {
                interface: 0,
                driver: DriverKind::Ccid,
                endpoints: None
            })
        );
        // the RC-S380 has no CCID interface: the app uses the page route
        let a = assess(
            Some((0x054C, 0x06C3)),
            &[InterfaceFacts {
                number: 0,
                class: 0xFF,
                ccid: None,
            }],
        );
        assert_eq!(a.app_route, a.page_route);
    }

    #[test]
    fn classifies_an_unknown_device_without_reader_interfaces_as_unsupported() {
        let a = assess(
            Some((0x1234, 0x5678)),
            &[InterfaceFacts {
                number: 0,
                class: 0x03,
                ccid: None,
            }],
        );
        assert_eq!(a.browser, Browser::Unsupported);
        assert_eq!(a.advice, NOT_A_READER_ADVICE);
    }
}
