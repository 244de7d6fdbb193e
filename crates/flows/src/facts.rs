//! Facts the flows show, as data with their source (flows.md section and the seed leaflet).
//!
//! The app renders them; texts around them are i18n keys in the app.

/// Opening hours of a telephone line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    /// Weekdays, e.g. `("9:30", "20:00")`.
    pub weekdays: (&'static str, &'static str),
    /// Saturdays, Sundays and holidays.
    pub weekends_and_holidays: (&'static str, &'static str),
    /// Closed over the New Year holidays.
    pub closed_over_new_year: bool,
}

/// A telephone line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhoneLine {
    /// The number as printed, e.g. `0120-95-0178`.
    pub display: &'static str,
    /// The `tel:` URI for a link (flows.md §4.2 "the number as a tel: link").
    pub tel_uri: &'static str,
    /// Free of charge.
    pub free: bool,
    /// Opening hours.
    pub hours: Hours,
}

/// マイナンバー総合フリーダイヤル (flows.md §1C, §4.1; seed: "平日 9:30~20:00 / 土日祝 9:30~17:30",
/// "年末年始を除く").
pub const MYNUMBER_FREE_DIAL: PhoneLine = PhoneLine {
    display: "0120-95-0178",
    tel_uri: "tel:0120950178",
    free: true,
    hours: Hours {
        weekdays: ("9:30", "20:00"),
        weekends_and_holidays: ("9:30", "17:30"),
        closed_over_new_year: true,
    },
};

/// Menu digit for temporary suspension of a lost/stolen phone's certificate: ② (flows.md §4.1;
/// seed "一時利用停止について▶②"). Taken 24 hours a day, 365 days a year.
pub const MENU_SUSPENSION: u8 = 2;
/// Menu digit for other revocation questions: ④ (flows.md §4.1; seed "その他失効手続き等▶④").
pub const MENU_OTHER_REVOCATION: u8 = 4;
/// Menu digit for card insurance-use problems: 5 (flows.md §4.1; seed "5番を選択").
pub const MENU_INSURANCE_USE: u8 = 5;

/// Paid alternative listed by J-LIS: 個人番号カードコールセンター (flows.md §4.1). Its hours are not
/// given in flows.md, so none are claimed here.
pub const CARD_CALL_CENTRE_DISPLAY: &str = "0570-783-578";

/// Lost-card 24-hour number from the seed, as dialled from abroad (flows.md §3.1).
/// **VERIFY:** international reachability (flows.md §3.1).
pub const LOST_CARD_FROM_ABROAD_DISPLAY: &str = "+81-3-6734-0170";

/// The date of the bundled bank and branch data (flows.md §2.5 "Version": the suffix of the
/// pinned `zengin-code` npm version, `1.0.0-p20260824` → `2026-08-24`), for the app's footer
/// ("金融機関データ: 2026-08-24", flows.md §2.5 "Browser bundling") without fetching anything.
/// `cargo xtask bank-data` writes the same date into the data's `VERSION`; a test in the CLI
/// (`crates/cli/tests/bank_data.rs`) fails when data/zengin/package.json pins another version.
pub const BANK_DATA_DATE: &str = "2026-08-24";
