//! ISO/IEC 7816-3 T=1, host side, for TPDU-level CCID readers (readers.md §2.7).

pub mod block;
pub mod engine;

pub use block::{Block, RError, SKind};
pub use engine::{Incoming, Step, T1Error, T1State, Transceive};
