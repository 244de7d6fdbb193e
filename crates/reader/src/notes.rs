//! Design notes, measurements and open questions (documentation only).
//!
//! # USB transfers per operation
//!
//! Measured with the simulator's virtual readers (`crates/sim/tests/usb_readers.rs`, persona
//! `standard`, default driver options). "Open" is everything before the first APDU (descriptor
//! read, drain, power-on or session setup, activation); "connect" is `card::Card::connect`
//! (reset + SELECT JPKI + token label). One bulk OUT and one bulk IN count as two transfers.
//!
//! | Operation (APDUs) | RC-S380 | RC-S300 if#1 | RC-S300 if#0 CCID | SCR3310-NTTCom | ACR39U | ACR1252 |
//! |---|---|---|---|---|---|---|
//! | open | 29 | 11 | 3 | 7 | 7 | 3 |
//! | connect (2) | 42 | 10 | 9 | 13 | 13 | 9 |
//! | read auth certificate (1, extended Le) | 36 | 18 | 10 | 18 | 18 | 10 |
//! | PIN status, all PINs (18) | 216 | 36 | 36 | 36 | 36 | 36 |
//! | VERIFY auth PIN (5: SELECTs, status, VERIFY) | 60 | 10 | 10 | 10 | 10 | 10 |
//! | sign with the auth key (2) | 27 | 6 | 4 | 6 | 6 | 4 |
//! | read 基本4情報 (1) | 12 | 2 | 2 | 2 | 2 | 2 |
//!
//! The RC-S380 costs 3 transfers per Port-100 command (OUT, ACK, answer) and by default
//! re-sends InSetRF and two InSetProtocol before every APDU, as nfcpy and the aruneko driver
//! do: 12 transfers for a one-block APDU, 3 with
//! [`Rcs380Options::settings_before_each_apdu`](crate::port100::Rcs380Options) off.
//!
//! # Never twice
//!
//! No layer resends a command APDU. Block protocols resend a block only where the standard
//! says the card did not receive it: T=1 on R(N(R) = N(S) of that I-block) (ISO/IEC 7816-3
//! §11.6), ISO-DEP on R(ACK) with the other block number (ISO/IEC 14443-4 §7.5.4 rule 6).
//! Timeouts and damaged answers are met with R-blocks, never with the I-block. T=0 re-issues
//! only a case-2 command on `6Cxx` (ISO/IEC 7816-3 §12.2.2: not executed), never one that
//! carries a PIN. The simulator's fault sweep checks every fault at every transfer.
//!
//! # Open questions (need hardware)
//!
//! - `UNVERIFIED (readers.md §4.4)`: RC-S300 vendor interface, Type B at layer 4 — whether
//!   the reader runs REQB/ATTRIB itself and what 5F51 holds ([`Rcs300Activation`]); whether
//!   XfrBlock works on interface #1 ([`ApduPath`]).
//! - `UNVERIFIED (readers.md §3.4)`: whether the RC-S380 keeps InSetRF/InSetProtocol between
//!   exchanges.
//! - `UNVERIFIED (readers.md §5)`: SCR331-DI (04E6:5120) reachability (no dump in
//!   `tests/readers/`).
//! - The host never sends PPS: a TPDU reader without automatic PPS keeps TA1 = 0x11.
//! - T=1 with a CRC epilogue is refused (no My Number Card ATR asks for it).
//!
//! [`Rcs300Activation`]: crate::rcs300::Rcs300Activation
//! [`ApduPath`]: crate::rcs300::ApduPath
