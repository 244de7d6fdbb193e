//! The report: every measurement as one JSON object (`docs/benchmarks.json`) and as the tables
//! of `docs/BENCHMARKS.md`, rendered from the same values.

use core::fmt::Write as _;

use serde::Serialize;

use crate::model::{Cost, LatencyModel, Link};
use crate::round_trips::{
    best_known_certificate_apdus, measure_flow, measure_operation, Flow, Operation, Setup,
    OTHER_IMPLEMENTATIONS,
};
use crate::speed::{CrlScan, VerifySpeed};

/// One setup's numbers for one operation or flow.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    /// The setup's label.
    pub setup: &'static str,
    /// Whether the channel offered extended-length APDUs.
    pub extended_length: bool,
    /// The counts (absent when the run failed).
    pub cost: Option<Cost>,
    /// SELECTs among the APDUs.
    pub selects: u32,
    /// Modeled time at each rate of [`LatencyModel::RATES_KBIT`], in ms.
    pub modeled_ms: Vec<f64>,
    /// Air-time floor at each rate, in ms.
    pub floor_ms: Vec<f64>,
    /// Why the run failed.
    pub error: Option<String>,
}

/// One operation or flow on every setup.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// What was done.
    pub name: &'static str,
    /// One cell per setup, in [`Setup::all`] order.
    pub cells: Vec<Cell>,
}

/// One certificate read against the best known count for the channel.
#[derive(Clone, Debug, Serialize)]
pub struct CertificateRead {
    /// The setup's label.
    pub setup: &'static str,
    /// Which certificate.
    pub certificate: &'static str,
    /// Its DER length in bytes.
    pub certificate_len: u32,
    /// Data bytes the card sent (an extended read brings the EF's filler too).
    pub bytes_read: u32,
    /// Our APDUs.
    pub apdus: u32,
    /// The best known count for this channel (mynacard.md §11).
    pub best_known: u32,
    /// Whether we need no more than the best known count.
    pub meets_goal: bool,
}

/// Card round trips and modeled time.
#[derive(Clone, Debug, Serialize)]
pub struct CardReport {
    /// The model's constants.
    pub model: LatencyModel,
    /// Bit rates the model is evaluated at.
    pub rates_kbit: Vec<u32>,
    /// USB transfers to open each reader (descriptors aside) and power or activate the card.
    pub reader_open_transfers: Vec<(&'static str, u32)>,
    /// Operations.
    pub operations: Vec<Row>,
    /// Flows' card parts.
    pub flows: Vec<Row>,
    /// Every certificate read against the best known count.
    pub certificate_reads: Vec<CertificateRead>,
    /// Other implementations' APDUs for one certificate read (mynacard.md §11).
    pub other_implementations: Vec<(&'static str, u32)>,
    /// One extended read of the whole EF against header-then-exact reads, on the card link.
    pub read_strategies: Vec<ReadStrategy>,
}

/// Two ways to read one certificate with extended length, modeled on the contactless link
/// (no USB): the whole EF in one READ BINARY (filler included), or its 4-byte DER header
/// first and then exactly the rest.
#[derive(Clone, Debug, Serialize)]
pub struct ReadStrategy {
    /// Which certificate.
    pub certificate: &'static str,
    /// Its DER length.
    pub certificate_len: u32,
    /// Data bytes one whole-EF read brings (the EF size).
    pub ef_bytes: u32,
    /// Modeled ms of one whole-EF read at each rate.
    pub whole_ef_ms: Vec<f64>,
    /// Modeled ms of header + exact read (2 APDUs) at each rate.
    pub header_then_exact_ms: Vec<f64>,
}

/// Extended READ BINARY by SFI with a 3-byte Le: `00 B0 8s 00 00 LeHi LeLo` (7 bytes,
/// ISO/IEC 7816-4 §5.1 case 2E; mynacard.md §7).
const EXTENDED_READ_COMMAND_LEN: u32 = 7;

/// Models both strategies for one certificate.
pub fn read_strategy(
    certificate: &'static str,
    certificate_len: u32,
    ef_bytes: u32,
) -> ReadStrategy {
    let link = Link::Contactless;
    let whole = Cost::of_apdu(link, EXTENDED_READ_COMMAND_LEN, ef_bytes + 2);
    let header = Cost::of_apdu(link, EXTENDED_READ_COMMAND_LEN, 4 + 2);
    let rest = Cost::of_apdu(
        link,
        EXTENDED_READ_COMMAND_LEN,
        certificate_len.saturating_sub(4) + 2,
    );
    let two = header.plus(rest);
    let at = |c: &Cost| {
        LatencyModel::RATES_KBIT
            .iter()
            .map(|r| LatencyModel::STANDARD.modeled_ms(link, c, *r))
            .collect()
    };
    ReadStrategy {
        certificate,
        certificate_len,
        ef_bytes,
        whole_ef_ms: at(&whole),
        header_then_exact_ms: at(&two),
    }
}

fn cell(
    setup: Setup,
    measured: Result<crate::round_trips::Measured, crate::round_trips::MeasureError>,
) -> (Cell, u32, Option<u32>) {
    let link: Link = setup.link();
    match measured {
        Ok(m) => {
            let modeled_ms = LatencyModel::RATES_KBIT
                .iter()
                .map(|r| LatencyModel::STANDARD.modeled_ms(link, &m.cost, *r))
                .collect();
            let floor_ms = LatencyModel::RATES_KBIT
                .iter()
                .map(|r| LatencyModel::floor_ms(link, &m.cost, *r))
                .collect();
            let open = m.reader_open_transfers;
            let certificate_len = m.certificate_len;
            (
                Cell {
                    setup: m.setup,
                    extended_length: m.extended_length,
                    cost: Some(m.cost),
                    selects: m.selects,
                    modeled_ms,
                    floor_ms,
                    error: None,
                },
                open,
                certificate_len,
            )
        }
        Err(e) => (
            Cell {
                setup: setup.label(),
                extended_length: false,
                cost: None,
                selects: 0,
                modeled_ms: Vec::new(),
                floor_ms: Vec::new(),
                error: Some(e.to_string()),
            },
            0,
            None,
        ),
    }
}

/// Runs every operation and flow on every setup.
pub fn card_report() -> CardReport {
    let setups = Setup::all();
    let mut reader_open_transfers = Vec::new();
    let mut operations = Vec::new();
    let mut certificate_reads = Vec::new();
    for op in Operation::ALL {
        let mut cells = Vec::new();
        for setup in &setups {
            let (c, open, certificate_len) = cell(*setup, measure_operation(*setup, op));
            if op == Operation::Connect && !matches!(setup, Setup::Direct { .. }) {
                reader_open_transfers.push((setup.label(), open));
            }
            if let (Some(certificate_len), Some(cost)) = (certificate_len, c.cost) {
                let best_known = best_known_certificate_apdus(c.extended_length, certificate_len);
                certificate_reads.push(CertificateRead {
                    setup: c.setup,
                    certificate: op.label(),
                    certificate_len,
                    bytes_read: cost.response_bytes.saturating_sub(2 * cost.apdus),
                    apdus: cost.apdus,
                    best_known,
                    meets_goal: cost.apdus <= best_known,
                });
            }
            cells.push(c);
        }
        operations.push(Row {
            name: op.label(),
            cells,
        });
    }
    let flows = Flow::ALL
        .iter()
        .map(|flow| Row {
            name: flow.label(),
            cells: setups
                .iter()
                .map(|s| cell(*s, measure_flow(*s, *flow)).0)
                .collect(),
        })
        .collect();
    CardReport {
        model: LatencyModel::STANDARD,
        rates_kbit: LatencyModel::RATES_KBIT.to_vec(),
        reader_open_transfers,
        operations,
        flows,
        certificate_reads,
        other_implementations: OTHER_IMPLEMENTATIONS.to_vec(),
        read_strategies: Vec::new(),
    }
    .with_read_strategies()
}

impl CardReport {
    fn with_read_strategies(mut self) -> Self {
        let direct = Setup::Direct {
            extended_length: true,
        }
        .label();
        self.read_strategies = self
            .certificate_reads
            .iter()
            .filter(|r| r.setup == direct)
            .map(|r| read_strategy(r.certificate, r.certificate_len, r.bytes_read))
            .collect();
        self
    }
}

/// One served file.
#[derive(Clone, Debug, Serialize)]
pub struct FileSize {
    /// File name.
    pub name: String,
    /// Bytes as served.
    pub raw: u64,
    /// Bytes after `gzip -9`.
    pub gzip: u64,
}

/// Bundle sizes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SizeReport {
    /// The app's Wasm and JS as served.
    pub app: Vec<FileSize>,
    /// The app's Wasm after `wasm-opt -Oz` (raw, gzip), when wasm-opt ran.
    pub app_wasm_opt: Option<FileSize>,
    /// wasm-opt's version line.
    pub wasm_opt_version: Option<String>,
    /// Small Wasm builds that show what a part contributes.
    pub parts: Vec<FileSize>,
    /// The app's Wasm sections.
    pub app_wasm_sections: Vec<crate::wasm_size::Section>,
    /// The app's Wasm without custom sections (`name`, `producers`, `target_features`).
    pub app_wasm_stripped: Option<FileSize>,
    /// Code bytes per crate in the app's Wasm (function bodies, by name), largest first.
    pub code_by_crate: Vec<(String, u64)>,
    /// Bytes of the simulator's committed keys, embedded in the app as data.
    pub sim_key_data_bytes: u64,
    /// The widget's host script (`pkg/mynaweb-widget.js`), when the repository has it.
    pub widget_script: Option<FileSize>,
    /// What could not be measured, and why.
    pub notes: Vec<String>,
}

impl SizeReport {
    /// Total gzip bytes of the app's Wasm and JS.
    pub fn app_gzip_total(&self) -> u64 {
        self.app.iter().map(|f| f.gzip).sum()
    }

    /// Gzip bytes a host page downloads for a mounted widget: its script plus what its iframe
    /// loads, which is the app (docs/widget-protocol.md: the iframe is the app at `?embed=1`).
    pub fn widget_gzip_total(&self) -> Option<u64> {
        self.widget_script
            .as_ref()
            .map(|script| script.gzip + self.app_gzip_total())
    }
}

/// One CRL size: our scan and openssl's parse, as separate processes.
#[derive(Clone, Debug, Serialize)]
pub struct CrlRow {
    /// Entries.
    pub entries: u64,
    /// The in-process numbers of our scan (median run).
    pub scan: CrlScan,
    /// Wall time of our whole process (read + parse + scan), median, ms.
    pub ours_wall_ms: f64,
    /// Peak resident memory of our process, KiB (`/usr/bin/time -v`).
    pub ours_peak_kib: Option<u64>,
    /// Wall time of `openssl crl -inform DER -noout`, median, ms.
    pub openssl_wall_ms: Option<f64>,
    /// Peak resident memory of openssl, KiB.
    pub openssl_peak_kib: Option<u64>,
    /// openssl wall time / ours (above 1: we are faster).
    pub speedup: Option<f64>,
}

/// Headless Chromium numbers, from the node script.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct BrowserReport {
    /// Navigation → first contentful paint, each run, ms.
    pub first_paint_ms: Vec<f64>,
    /// Navigation → the app's first rendered content, each run, ms.
    pub app_rendered_ms: Vec<f64>,
    /// RSA verify in Wasm, µs per operation.
    pub wasm_rsa_verify_us: Option<f64>,
    /// Chain validation in Wasm, µs per operation.
    pub wasm_chain_validate_us: Option<f64>,
    /// Creating the demo card in Wasm, µs.
    pub wasm_demo_card_us: Option<f64>,
    /// What could not be measured, and why.
    pub notes: Vec<String>,
}

/// Everything one `cargo xtask bench` run measured.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// When (UTC).
    pub date: String,
    /// `nproc`.
    pub nproc: usize,
    /// `/proc/loadavg` before measuring.
    pub load_before: String,
    /// `/proc/loadavg` after measuring.
    pub load_after: String,
    /// Card round trips and modeled time.
    pub card: CardReport,
    /// Sizes.
    pub size: Option<SizeReport>,
    /// Browser timings.
    pub browser: BrowserReport,
    /// Native verify speed (release build).
    pub verify_native: Option<VerifySpeed>,
    /// CRL scans.
    pub crl: Vec<CrlRow>,
    /// Anything that failed or was skipped.
    pub notes: Vec<String>,
}

fn ms(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn median_of(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    Some(crate::speed::median(&mut s))
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**not met**"
    }
}

impl Report {
    /// Whether every certificate read is within the best known count.
    pub fn certificate_goal_met(&self) -> bool {
        !self.card.certificate_reads.is_empty()
            && self.card.certificate_reads.iter().all(|r| r.meets_goal)
    }

    /// The largest ratio of modeled flow time to its floor, at each rate.
    pub fn worst_flow_ratio(&self) -> Vec<f64> {
        (0..self.card.rates_kbit.len())
            .map(|i| {
                self.card
                    .flows
                    .iter()
                    .flat_map(|r| r.cells.iter())
                    .filter_map(|c| Some(c.modeled_ms.get(i)? / c.floor_ms.get(i)?))
                    .fold(0.0, f64::max)
            })
            .collect()
    }

    /// `docs/BENCHMARKS.md`.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = self.write_markdown(&mut out);
        out
    }

    fn write_markdown(&self, o: &mut String) -> core::fmt::Result {
        writeln!(o, "# mynaweb benchmarks\n")?;
        writeln!(o, "Generated by `cargo xtask bench` on {} — do not edit by hand; the same numbers are in `benchmarks.json`.\n", self.date)?;
        writeln!(
            o,
            "Machine: {} CPU cores (`nproc`). Load average (1/5/15 min) before: {}; after: {}. The machine was shared with \
             other builds while measuring, so times are medians and the tables lead with counts (APDUs, transfers, bytes), \
             which do not depend on load.\n",
            self.nproc, self.load_before, self.load_after
        )?;
        self.write_goals(o)?;
        self.write_card(o)?;
        self.write_model(o)?;
        self.write_size(o)?;
        self.write_browser(o)?;
        self.write_verify(o)?;
        self.write_crl(o)?;
        self.write_findings(o)?;
        if !self.notes.is_empty() {
            writeln!(o, "## Notes\n")?;
            for n in &self.notes {
                writeln!(o, "- {n}")?;
            }
            writeln!(o)?;
        }
        Ok(())
    }

    fn write_goals(&self, o: &mut String) -> core::fmt::Result {
        writeln!(o, "## Goals (issue 10)\n")?;
        writeln!(o, "| Goal | Measured | Verdict |\n|---|---|---|")?;
        let worst: Vec<usize> = self
            .card
            .certificate_reads
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.meets_goal)
            .map(|(i, _)| i)
            .collect();
        writeln!(
            o,
            "| every certificate read ≤ best known APDU count for the channel | {} of {} reads within it | {} |",
            self.card.certificate_reads.len() - worst.len(),
            self.card.certificate_reads.len(),
            verdict(self.certificate_goal_met())
        )?;
        let ratios = self.worst_flow_ratio();
        let ratio_text: Vec<String> = self
            .card
            .rates_kbit
            .iter()
            .zip(&ratios)
            .map(|(r, x)| format!("×{x:.2} at {r} kbit/s"))
            .collect();
        writeln!(
            o,
            "| modeled flow time ≤ 1.2 × air-time floor | worst flow: {} | {} |",
            ratio_text.join(", "),
            verdict(ratios.iter().all(|x| *x <= 1.2 && *x > 0.0))
        )?;
        match &self.size {
            Some(s) => writeln!(
                o,
                "| app first load ≤ 250 KB gzip (Wasm + JS) | {} | {} |",
                kb(s.app_gzip_total()),
                verdict(s.app_gzip_total() <= 250_000)
            )?,
            None => writeln!(
                o,
                "| app first load ≤ 250 KB gzip (Wasm + JS) | not measured | — |"
            )?,
        }
        match self.size.as_ref().and_then(|s| {
            Some((s.widget_script.as_ref()?, s.widget_gzip_total()?, s.app_gzip_total()))
        }) {
            Some((script, total, app)) => writeln!(
                o,
                "| widget ≤ 150 KB gzip | {total_kb}: script {script_kb} + its iframe, the app, {app_kb} | {v} |",
                total_kb = kb(total),
                script_kb = kb(script.gzip),
                app_kb = kb(app),
                v = verdict(total <= 150_000)
            )?,
            None => writeln!(o, "| widget ≤ 150 KB gzip | not measured: no pkg/mynaweb-widget.js | — |")?,
        }
        match median_of(&self.browser.app_rendered_ms) {
            Some(m) => writeln!(
                o,
                "| first render ≤ 300 ms | median {} ms | {} |",
                ms(m),
                verdict(m <= 300.0)
            )?,
            None => writeln!(o, "| first render ≤ 300 ms | not measured | — |")?,
        }
        let crl_faster =
            !self.crl.is_empty() && self.crl.iter().all(|r| r.speedup.is_some_and(|s| s > 1.0));
        let flat = match (self.crl.first(), self.crl.last()) {
            (Some(a), Some(b)) => match (a.ours_peak_kib, b.ours_peak_kib) {
                // flat: beyond the file buffer itself, memory does not grow with the entry count
                (Some(pa), Some(pb)) => {
                    let extra_a = pa.saturating_sub(a.scan.file_bytes as u64 / 1024);
                    let extra_b = pb.saturating_sub(b.scan.file_bytes as u64 / 1024);
                    Some(extra_b <= extra_a + extra_a / 2 + 1024)
                }
                _ => None,
            },
            _ => None,
        };
        writeln!(
            o,
            "| CRL scan faster than `openssl crl -noout`, flat memory | {} | {} |\n",
            self.crl
                .iter()
                .map(|r| format!(
                    "{} entries: {}",
                    r.entries,
                    r.speedup
                        .map_or("no openssl".into(), |s| format!("×{s:.1} openssl's speed"))
                ))
                .collect::<Vec<_>>()
                .join("; ")
                + match flat {
                    Some(true) => "; memory beyond the file buffer flat",
                    Some(false) => "; memory grows with entries",
                    None => "",
                },
            verdict(crl_faster && flat == Some(true))
        )?;
        Ok(())
    }

    fn write_card(&self, o: &mut String) -> core::fmt::Result {
        let c = &self.card;
        writeln!(o, "## Card round trips\n")?;
        writeln!(
            o,
            "APDUs / USB bulk transfers (OUT + IN) per operation, run by the `card` crate through the real `reader` \
             drivers against the simulator's virtual readers (`sim::usb`). Each operation starts from a connected session \
             (JPKI AP selected); a VERIFY it needs first is not counted. \"no reader\" rows are the card straight behind a \
             channel.\n"
        )?;
        let Some(first) = c.operations.first() else {
            return Ok(());
        };
        write!(o, "| Operation |")?;
        for cell in &first.cells {
            write!(o, " {} |", cell.setup)?;
        }
        writeln!(o)?;
        write!(o, "|---|")?;
        for _ in &first.cells {
            write!(o, "---|")?;
        }
        writeln!(o)?;
        for row in c.operations.iter().chain(&c.flows) {
            write!(o, "| {} |", row.name)?;
            for cell in &row.cells {
                match (&cell.cost, &cell.error) {
                    (Some(k), _) if cell.setup.starts_with("no reader") => {
                        write!(o, " {} / — |", k.apdus)?
                    }
                    (Some(k), _) => write!(o, " {} / {} |", k.apdus, k.usb_transfers)?,
                    (None, Some(e)) => write!(o, " failed: {e} |")?,
                    (None, None) => write!(o, " — |")?,
                }
            }
            writeln!(o)?;
        }
        writeln!(o, "\nThe last {} rows are flows, counted from a freshly opened reader (connect included).\n", c.flows.len())?;
        write!(
            o,
            "Opening each reader and powering or activating the card takes, before the connect:"
        )?;
        let parts: Vec<String> = c
            .reader_open_transfers
            .iter()
            .map(|(s, n)| format!(" {s} {n}"))
            .collect();
        writeln!(o, "{} USB transfers.\n", parts.join(","))?;

        writeln!(
            o,
            "### One certificate read beside other implementations (mynacard.md §11)\n"
        )?;
        writeln!(o, "| Implementation | APDUs after SELECT EF |\n|---|---|")?;
        for (name, n) in &c.other_implementations {
            writeln!(o, "| {name} | {n} |")?;
        }
        let mut ours: Vec<(&str, u32, u32)> = Vec::new();
        for r in &c.certificate_reads {
            match ours.iter_mut().find(|(s, ..)| *s == r.setup) {
                Some(entry) => {
                    entry.1 = entry.1.max(r.apdus);
                    entry.2 = entry.2.max(r.best_known);
                }
                None => ours.push((r.setup, r.apdus, r.best_known)),
            }
        }
        for (setup, apdus, best) in &ours {
            let beaten = OTHER_IMPLEMENTATIONS
                .iter()
                .filter(|(_, n)| apdus < n)
                .count();
            let matched = OTHER_IMPLEMENTATIONS
                .iter()
                .filter(|(_, n)| apdus == n)
                .count();
            writeln!(
                o,
                "| **mynaweb on {setup}** (largest of the 4 certificates; no SELECT EF) | **{apdus}** — beats {beaten}, matches {matched} of 5; best known for this channel: {best} |"
            )?;
        }
        writeln!(o)?;
        if !c.read_strategies.is_empty() {
            writeln!(o, "### Reading a certificate with extended length: whole EF or header first (model, card link only)\n")?;
            writeln!(
                o,
                "One READ BINARY of the whole EF brings its filler too (the simulator's EFs are 2 048 bytes; real EF sizes are \
                 not published, mynacard.md §3.1, §12). Reading the 4-byte DER header first and then exactly the rest costs \
                 one more APDU but fewer bytes. Cells: modeled ms, whole EF → header first.\n"
            )?;
            write!(o, "| Certificate | DER / EF bytes |")?;
            for r in &c.rates_kbit {
                write!(o, " {r} kbit/s |")?;
            }
            writeln!(o)?;
            writeln!(o, "|---|---|{}", "---|".repeat(c.rates_kbit.len()))?;
            for s in &c.read_strategies {
                write!(
                    o,
                    "| {} | {} / {} |",
                    s.certificate, s.certificate_len, s.ef_bytes
                )?;
                for (w, h) in s.whole_ef_ms.iter().zip(&s.header_then_exact_ms) {
                    write!(o, " {} → {} |", ms(*w), ms(*h))?;
                }
                writeln!(o)?;
            }
            writeln!(o)?;
        }
        Ok(())
    }

    fn write_model(&self, o: &mut String) -> core::fmt::Result {
        let c = &self.card;
        writeln!(o, "## Modeled card time\n")?;
        writeln!(
            o,
            "modeled = air time of APDU bytes + block framing (ISO/IEC 14443-3/-4 Type B: 10 etu per byte, SOF/EOF 24 etu, \
             PCB + CRC 3 B; contact T=1: 12 etu per byte, NAD PCB LEN + LRC 4 B) + {} ms per block exchange (card turnaround; \
             an assumption, the card's timing is not published) + {} ms per USB bulk transfer (USB 2.0 full-speed 1 ms frames, \
             one transfer each way per frame at best). Floor = air time of the APDU bytes alone. Not modeled: the card's RSA \
             operation inside SIGN. Contact readers are shown at the same three rates for comparison (most contact ATRs in \
             mynacard.md §1 have no TA1, so such a link runs at the default 372 clocks per bit, about 10 kbit/s). Cells: modeled ms (× floor).\n",
            c.model.card_turnaround_ms, c.model.usb_transfer_ms
        )?;
        let Some(first) = c.flows.first() else {
            return Ok(());
        };
        write!(o, "| Flow | rate |")?;
        for cell in &first.cells {
            write!(o, " {} |", cell.setup)?;
        }
        writeln!(o)?;
        write!(o, "|---|---|")?;
        for _ in &first.cells {
            write!(o, "---|")?;
        }
        writeln!(o)?;
        for row in &c.flows {
            for (i, rate) in c.rates_kbit.iter().enumerate() {
                write!(
                    o,
                    "| {} | {rate} kbit/s |",
                    if i == 0 { row.name } else { "" }
                )?;
                for cell in &row.cells {
                    match (cell.modeled_ms.get(i), cell.floor_ms.get(i)) {
                        (Some(m), Some(f)) if *f > 0.0 => {
                            write!(o, " {} (×{:.2}) |", ms(*m), m / f)?
                        }
                        _ => write!(o, " — |")?,
                    }
                }
                writeln!(o)?;
            }
        }
        writeln!(o)?;
        Ok(())
    }

    fn write_size(&self, o: &mut String) -> core::fmt::Result {
        writeln!(o, "## Size (as served)\n")?;
        let Some(s) = &self.size else {
            writeln!(o, "Not measured.\n")?;
            return Ok(());
        };
        writeln!(o, "| File | raw | gzip -9 |\n|---|---|---|")?;
        for f in &s.app {
            writeln!(o, "| {} | {} | {} |", f.name, kb(f.raw), kb(f.gzip))?;
        }
        let raw: u64 = s.app.iter().map(|f| f.raw).sum();
        writeln!(
            o,
            "| **app first load (Wasm + JS)** | {} | **{}** |",
            kb(raw),
            kb(s.app_gzip_total())
        )?;
        if let (Some(script), Some(total)) = (&s.widget_script, s.widget_gzip_total()) {
            writeln!(
                o,
                "| {} | {} | {} |",
                script.name,
                kb(script.raw),
                kb(script.gzip)
            )?;
            writeln!(
                o,
                "| **widget (its script + the app in its iframe)** | {} | **{}** |",
                kb(script.raw + raw),
                kb(total)
            )?;
        }
        if let Some(w) = &s.app_wasm_opt {
            writeln!(o, "| {} | {} | {} |", w.name, kb(w.raw), kb(w.gzip))?;
        }
        if let Some(w) = &s.app_wasm_stripped {
            writeln!(o, "| {} | {} | {} |", w.name, kb(w.raw), kb(w.gzip))?;
        }
        for p in &s.parts {
            writeln!(o, "| {} | {} | {} |", p.name, kb(p.raw), kb(p.gzip))?;
        }
        writeln!(o)?;
        if !s.app_wasm_sections.is_empty() {
            let parts: Vec<String> = s
                .app_wasm_sections
                .iter()
                .filter(|x| x.bytes >= 1000)
                .map(|x| format!("{} {}", x.name, kb(x.bytes as u64)))
                .collect();
            writeln!(
                o,
                "Sections of the app's Wasm (≥ 1 KB): {}.\n",
                parts.join(", ")
            )?;
        }
        if !s.code_by_crate.is_empty() {
            let code: u64 = s.code_by_crate.iter().map(|(_, n)| n).sum();
            writeln!(o, "Code by crate (function bodies attributed by their names in the `name` section; generic code counts under the crate of the type it was made for where the name shows it):\n")?;
            writeln!(o, "| Crate | code | share of code |\n|---|---|---|")?;
            for (name, n) in s.code_by_crate.iter().take(15) {
                writeln!(
                    o,
                    "| {name} | {} | {:.1} % |",
                    kb(*n),
                    *n as f64 * 100.0 / code.max(1) as f64
                )?;
            }
            let sim = s
                .code_by_crate
                .iter()
                .find(|(n, _)| n == "sim")
                .map_or(0, |(_, n)| *n);
            let wasm_raw = s
                .app
                .iter()
                .find(|f| f.name.ends_with(".wasm"))
                .map_or(0, |f| f.raw);
            writeln!(
                o,
                "\nThe simulator (demo mode) in the app: {} of code plus {} of committed keys as data = {} of the {} Wasm ({:.1} %).\n",
                kb(sim),
                kb(s.sim_key_data_bytes),
                kb(sim + s.sim_key_data_bytes),
                kb(wasm_raw),
                (sim + s.sim_key_data_bytes) as f64 * 100.0 / wasm_raw.max(1) as f64
            )?;
        }
        if let Some(v) = &s.wasm_opt_version {
            writeln!(o, "wasm-opt: {v}.\n")?;
        }
        for n in &s.notes {
            writeln!(o, "- {n}")?;
        }
        writeln!(o)?;
        Ok(())
    }

    fn write_browser(&self, o: &mut String) -> core::fmt::Result {
        let b = &self.browser;
        writeln!(o, "## First render (headless Chromium, localhost)\n")?;
        match (median_of(&b.first_paint_ms), median_of(&b.app_rendered_ms)) {
            (Some(p), Some(r)) => writeln!(
                o,
                "Median of {} cold loads (cache disabled): navigation → first contentful paint {} ms; navigation → the app's \
                 first rendered content {} ms. Runs (app rendered): {}.\n",
                b.app_rendered_ms.len(),
                ms(p),
                ms(r),
                b.app_rendered_ms.iter().map(|x| ms(*x)).collect::<Vec<_>>().join(", ")
            )?,
            _ => writeln!(o, "Not measured.\n")?,
        }
        for n in &b.notes {
            writeln!(o, "- {n}")?;
        }
        writeln!(o)?;
        Ok(())
    }

    fn write_verify(&self, o: &mut String) -> core::fmt::Result {
        writeln!(
            o,
            "## Verify speed (test-card signature certificate, RSA-2048 PKCS#1 v1.5 SHA-256)\n"
        )?;
        writeln!(o, "| Where | RSA verify | JPKI chain check (full validation) | parse + profile | demo card creation (app start in demo mode) |\n|---|---|---|---|---|")?;
        if let Some(v) = &self.verify_native {
            writeln!(
                o,
                "| native (release) | {:.1} µs | {:.1} µs | {:.1} µs | {:.1} ms |",
                v.rsa_verify_us,
                v.chain_validate_us,
                v.parse_us,
                v.demo_card_us / 1000.0
            )?;
        }
        let w = |x: Option<f64>| x.map_or("not measured".to_string(), |v| format!("{v:.1} µs"));
        writeln!(
            o,
            "| Wasm in headless Chromium (wasm-release profile) | {} | {} | — | {} |\n",
            w(self.browser.wasm_rsa_verify_us),
            w(self.browser.wasm_chain_validate_us),
            self.browser
                .wasm_demo_card_us
                .map_or("not measured".to_string(), |v| format!(
                    "{:.1} ms",
                    v / 1000.0
                ))
        )?;
        Ok(())
    }

    /// What the numbers point at, each sentence computed from this run.
    fn write_findings(&self, o: &mut String) -> core::fmt::Result {
        let mut lines: Vec<String> = Vec::new();
        let render = median_of(&self.browser.app_rendered_ms);
        if let (Some(card), Some(render)) = (self.browser.wasm_demo_card_us, render) {
            lines.push(format!(
                "First render: creating the demo card (`sim::VirtualCard::new`: committed RSA keys loaded, then \
                 RSA-2048 signatures for the test roots, the card certificates, the integrity record and the CV \
                 certificates) takes {} ms in Wasm, {:.0} % of the median first render ({} ms): it must stay out of \
                 the first render (the app makes it at the first card read).",
                ms(card / 1000.0),
                card / 1000.0 * 100.0 / render.max(1.0),
                ms(render)
            ));
        }
        if let Some(s) = &self.size {
            let wasm = s.app.iter().find(|f| f.name.ends_with(".wasm"));
            let stripped = s.app_wasm_stripped.as_ref();
            // only worth saying when the custom sections are a real share (the build is not stripped)
            if let (Some(w), Some(st)) = (
                wasm,
                stripped.filter(|st| wasm.is_some_and(|w| w.gzip > st.gzip + 10_000)),
            ) {
                lines.push(format!(
                    "Size: the served Wasm carries its `name` and other custom sections; without them it is {} gzip instead \
                     of {} (−{}). `strip = true` in `[profile.wasm-release]` would drop them (panic messages in the console \
                     then lose function names).",
                    kb(st.gzip),
                    kb(w.gzip),
                    kb(w.gzip.saturating_sub(st.gzip))
                ));
            }
        }
        if let Some(s) = &self.size {
            let wasm = s.app.iter().find(|f| f.name.ends_with(".wasm"));
            if let (Some(w), Some(opt)) = (wasm, &s.app_wasm_opt) {
                lines.push(format!(
                    "wasm-opt -Oz on the served Wasm: {} raw → {}, {} gzip → {} ({:+.1} % of what is downloaded).",
                    kb(w.raw),
                    kb(opt.raw),
                    kb(w.gzip),
                    kb(opt.gzip),
                    (opt.gzip as f64 - w.gzip as f64) * 100.0 / w.gzip.max(1) as f64
                ));
            }
        }
        let flow_transfers = |setup: &str| -> u32 {
            self.card
                .flows
                .iter()
                .flat_map(|r| r.cells.iter())
                .filter(|c| c.setup == setup)
                .filter_map(|c| c.cost.map(|k| k.usb_transfers))
                .sum()
        };
        let (every, once) = (
            flow_transfers("RC-S380"),
            flow_transfers("RC-S380 (settings once)"),
        );
        if every > 0 && once > 0 {
            lines.push(format!(
                "RC-S380: re-sending InSetRF and InSetProtocol before every APDU (the driver's default, as nfcpy does) costs \
                 {} of the {} USB transfers of the flows above; sending them once would need confirming on a real reader \
                 (readers.md §3.4).",
                every - once,
                every
            ));
        }
        let verify = self
            .card
            .operations
            .iter()
            .find(|r| r.name.starts_with("VERIFY"))
            .and_then(|r| r.cells.first());
        if let Some(k) = verify.and_then(|c| c.cost) {
            lines.push(format!(
                "VERIFY takes {} APDUs: SELECT the PIN EF, read the tries (empty VERIFY), SELECT the PIN EF again, VERIFY. The \
                 second SELECT is the PIN guard's deliberate rule (crates/card/src/guard.rs): the PIN dialog may stay open \
                 while the card is swapped or reset, and the VERIFY must reach the right EF.",
                k.apdus
            ));
        }
        let ratios = self.worst_flow_ratio();
        if let Some(r) = ratios.last().filter(|r| **r > 0.0) {
            lines.push(format!(
                "Modeled time: at 424 kbit/s the worst flow is ×{r:.2} its air-time floor. Short APDUs move few bytes, so a \
                 {} ms card turnaround per block exchange and {} ms per USB transfer outweigh the air time; the fewest \
                 APDUs and transfers is what lowers it.",
                self.card.model.card_turnaround_ms, self.card.model.usb_transfer_ms
            ));
        }
        if lines.is_empty() {
            return Ok(());
        }
        writeln!(o, "## What the numbers point at\n")?;
        for l in lines {
            writeln!(o, "- {l}")?;
        }
        writeln!(o)
    }

    fn write_crl(&self, o: &mut String) -> core::fmt::Result {
        writeln!(
            o,
            "## CRL scan (generated v2 CRLs signed by the simulator's test root)\n"
        )?;
        writeln!(
            o,
            "Ours: one process reads the file, parses it (`pki::crl::Crl::from_der`) and answers N serials in one pass \
             (`Crl::scan`, half listed, half not). openssl: `openssl crl -inform DER -noout -in FILE`, which parses the same \
             file. Wall times are medians of separate process runs; peak memory from `/usr/bin/time -v`.\n"
        )?;
        writeln!(
            o,
            "| Entries | file | parse | scan | entries/s in scan | ours (process) | openssl (process) | ratio | peak RSS ours | peak RSS openssl |\n|---|---|---|---|---|---|---|---|---|---|"
        )?;
        for r in &self.crl {
            let opt_ms = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{} ms", ms(v)));
            let opt_kib = |x: Option<u64>| {
                x.map_or("—".to_string(), |v| {
                    format!("{:.1} MB", v as f64 / 1024.0)
                })
            };
            writeln!(
                o,
                "| {} | {} | {} ms | {} ms ({} serials) | {:.2e} | {} ms | {} | {} | {} | {} |",
                r.entries,
                kb(r.scan.file_bytes as u64),
                ms(r.scan.parse_ms),
                ms(r.scan.scan_ms),
                r.scan.queries,
                r.scan.entries_per_second,
                ms(r.ours_wall_ms),
                opt_ms(r.openssl_wall_ms),
                r.speedup.map_or("—".into(), |s| format!("×{s:.1} faster")),
                opt_kib(r.ours_peak_kib),
                opt_kib(r.openssl_peak_kib),
            )?;
        }
        writeln!(o)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn empty_card() -> CardReport {
        CardReport {
            model: LatencyModel::STANDARD,
            rates_kbit: LatencyModel::RATES_KBIT.to_vec(),
            reader_open_transfers: Vec::new(),
            operations: Vec::new(),
            flows: Vec::new(),
            certificate_reads: Vec::new(),
            other_implementations: OTHER_IMPLEMENTATIONS.to_vec(),
            read_strategies: Vec::new(),
        }
    }

    fn scan(entries: usize, file_bytes: usize) -> CrlScan {
        CrlScan {
            entries,
            file_bytes,
            read_ms: 1.0,
            parse_ms: 1.0,
            scan_ms: 1.0,
            queries: 10,
            revoked_found: 5,
            entries_per_second: 1.0,
        }
    }

    fn report() -> Report {
        Report {
            date: "2026-01-01 00:00 UTC".into(),
            nproc: 2,
            load_before: "1.00 1.00 1.00".into(),
            load_after: "2.00 2.00 2.00".into(),
            card: empty_card(),
            size: Some(SizeReport {
                app: vec![
                    FileSize {
                        name: "a.js".into(),
                        raw: 40_000,
                        gzip: 8_000,
                    },
                    FileSize {
                        name: "a_bg.wasm".into(),
                        raw: 700_000,
                        gzip: 242_000,
                    },
                ],
                ..SizeReport::default()
            }),
            browser: BrowserReport {
                app_rendered_ms: vec![310.0, 290.0, 250.0],
                ..BrowserReport::default()
            },
            verify_native: None,
            crl: vec![
                CrlRow {
                    entries: 10_000,
                    scan: scan(10_000, 350_000),
                    ours_wall_ms: 10.0,
                    ours_peak_kib: Some(3_000),
                    openssl_wall_ms: Some(30.0),
                    openssl_peak_kib: Some(10_000),
                    speedup: Some(3.0),
                },
                CrlRow {
                    entries: 1_000_000,
                    scan: scan(1_000_000, 36_000_000),
                    ours_wall_ms: 300.0,
                    ours_peak_kib: Some(38_000),
                    openssl_wall_ms: Some(1500.0),
                    openssl_peak_kib: Some(440_000),
                    speedup: Some(5.0),
                },
            ],
            notes: Vec::new(),
        }
    }

    #[test]
    fn goals_table_judges_each_goal() {
        let md = report().markdown();
        assert!(
            md.contains("| app first load ≤ 250 KB gzip (Wasm + JS) | 250.0 KB | met |"),
            "{md}"
        );
        assert!(
            md.contains("| first render ≤ 300 ms | median 290 ms | met |"),
            "{md}"
        );
        assert!(
            md.contains("×5.0 openssl's speed; memory beyond the file buffer flat | met |"),
            "{md}"
        );
        assert!(
            md.contains("| widget ≤ 150 KB gzip | not measured: no pkg/mynaweb-widget.js | — |"),
            "{md}"
        );
        // no certificate reads measured: that goal cannot be called met
        assert!(
            md.contains("| 0 of 0 reads within it | **not met** |"),
            "{md}"
        );
    }

    #[test]
    fn widget_counts_its_script_and_the_app_in_its_iframe() {
        let mut r = report();
        if let Some(size) = r.size.as_mut() {
            size.widget_script = Some(FileSize {
                name: "pkg/mynaweb-widget.js".into(),
                raw: 9_000,
                gzip: 3_500,
            });
        }
        let md = r.markdown();
        // 3.5 KB + the app's 8.0 + 242.0 KB
        assert!(
            md.contains("| widget ≤ 150 KB gzip | 253.5 KB: script 3.5 KB + its iframe, the app, 250.0 KB | **not met** |"),
            "{md}"
        );
        assert!(
            md.contains(
                "| **widget (its script + the app in its iframe)** | 749.0 KB | **253.5 KB** |"
            ),
            "{md}"
        );
    }

    #[test]
    fn findings_put_the_demo_card_against_the_first_render() {
        let mut r = report();
        r.browser.wasm_demo_card_us = Some(145_000.0);
        let md = r.markdown();
        assert!(
            md.contains("takes 145 ms in Wasm, 50 % of the median first render (290 ms)"),
            "{md}"
        );
    }

    #[test]
    fn growing_memory_fails_the_crl_goal() {
        let mut r = report();
        if let Some(last) = r.crl.last_mut() {
            last.ours_peak_kib = Some(200_000);
        }
        let md = r.markdown();
        assert!(
            md.contains("; memory grows with entries | **not met** |"),
            "{md}"
        );
    }

    #[test]
    fn header_first_moves_fewer_bytes_with_one_more_apdu() {
        let s = read_strategy("auth", 1425, 2048);
        // whole EF: 7 B out, 2 050 B back in ⌈2050/253⌉ = 9 blocks → 9 exchanges
        let whole = Cost::of_apdu(Link::Contactless, 7, 2050);
        assert_eq!(whole.blocks, 9);
        let header = Cost::of_apdu(Link::Contactless, 7, 6);
        let rest = Cost::of_apdu(Link::Contactless, 7, 1423);
        assert_eq!((header.blocks, rest.blocks), (1, 6));
        assert_eq!(s.whole_ef_ms.len(), 3);
        assert_eq!(
            s.whole_ef_ms[0],
            LatencyModel::STANDARD.modeled_ms(Link::Contactless, &whole, 106)
        );
        assert_eq!(
            s.header_then_exact_ms[2],
            LatencyModel::STANDARD.modeled_ms(Link::Contactless, &header.plus(rest), 424)
        );
    }
}
