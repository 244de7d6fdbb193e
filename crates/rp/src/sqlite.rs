//! The [`Store`] on SQLite (embedded through `rusqlite`'s bundled build): a file for the demo
//! server, or in memory for tests. One connection behind a mutex: the relying party's load is a
//! few requests a second at most, and each statement is short.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension};

use crate::challenge::{IssuedChallenge, Purpose};
use crate::clock::{to_rfc3339, UnixTime};
use crate::store::{
    Certificate, Consumption, FourItems, NewLogin, NewSubmission, Record, SignatureCustomer, Store,
    StoreError,
};

const SCHEMA: &str = "
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS challenges (
    value TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    flow TEXT,
    origin TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    issuer TEXT NOT NULL,
    serial_hex TEXT NOT NULL,
    not_after TEXT NOT NULL,
    certificate BLOB NOT NULL,
    name TEXT, address TEXT, date_of_birth TEXT, sex TEXT,
    first_verified_at INTEGER NOT NULL,
    last_verified_at INTEGER NOT NULL,
    UNIQUE (issuer, serial_hex)
);
CREATE TABLE IF NOT EXISTS logins (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    challenge TEXT NOT NULL UNIQUE,
    statement TEXT NOT NULL,
    signature BLOB NOT NULL,
    verified_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    challenge TEXT NOT NULL UNIQUE,
    flow TEXT NOT NULL,
    data TEXT NOT NULL,
    statement TEXT NOT NULL,
    cms BLOB NOT NULL,
    verified_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS consents (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    text TEXT NOT NULL,
    verified_at INTEGER NOT NULL
);
";

/// Open challenges allowed at once by default: far above a municipality's peak (a challenge
/// lives 5 minutes), far below what fills a disk.
pub const DEFAULT_OPEN_CHALLENGE_LIMIT: usize = 10_000;

/// The SQLite store.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Mutex<Connection>,
    open_challenge_limit: usize,
}

fn db(e: rusqlite::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path`, in write-ahead-log mode with
    /// full sync: one fsync per commit instead of several, and a verified record is on disk
    /// when its answer is sent.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let connection = Connection::open(path).map_err(db)?;
        let mode: String = connection
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(db)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Database(format!(
                "the database stays in {mode} journal mode, not WAL"
            )));
        }
        connection
            .execute_batch("PRAGMA synchronous = FULL;")
            .map_err(db)?;
        Self::with(connection)
    }

    /// A database that lives only in memory.
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::with(Connection::open_in_memory().map_err(db)?)
    }

    fn with(connection: Connection) -> Result<Self, StoreError> {
        connection.execute_batch(SCHEMA).map_err(db)?;
        Ok(Self {
            connection: Mutex::new(connection),
            open_challenge_limit: DEFAULT_OPEN_CHALLENGE_LIMIT,
        })
    }

    /// Sets how many open (unexpired, unused) challenges may exist at once.
    pub fn with_open_challenge_limit(mut self, limit: usize) -> Self {
        self.open_challenge_limit = limit;
        self
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-done statement behind (each
        // write is one transaction), so a poisoned lock is still usable.
        self.connection
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A transaction that takes the write lock at `BEGIN IMMEDIATE`. A deferred one would read a
/// snapshot first and then fail with SQLITE_BUSY_SNAPSHOT (no busy wait) when another
/// connection — a second server process on the same file — committed in between; an immediate
/// one waits for the lock (rusqlite's 5 s busy timeout) and then reads the latest data, so a
/// challenge raced from two processes is spent once and the others see it used.
fn write_transaction(conn: &mut Connection) -> Result<rusqlite::Transaction<'_>, StoreError> {
    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(db)
}

fn upsert_customer(
    tx: &rusqlite::Transaction<'_>,
    cert: &Certificate,
    at: UnixTime,
) -> Result<i64, StoreError> {
    let holder = cert.holder.clone().unwrap_or_default();
    tx.execute(
        "INSERT INTO customers (kind, issuer, serial_hex, not_after, certificate, name, address,
                                date_of_birth, sex, first_verified_at, last_verified_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
         ON CONFLICT (issuer, serial_hex) DO UPDATE SET last_verified_at = excluded.last_verified_at",
        params![
            cert.kind,
            cert.issuer,
            cert.serial,
            cert.not_after,
            cert.der,
            holder.name,
            holder.address,
            holder.date_of_birth,
            holder.sex,
            at
        ],
    )
    .map_err(db)?;
    tx.query_row(
        "SELECT id FROM customers WHERE issuer = ?1 AND serial_hex = ?2",
        params![cert.issuer, cert.serial],
        |row| row.get(0),
    )
    .map_err(db)
}

fn kind_name(kind: &str) -> Result<&'static str, StoreError> {
    match kind {
        "user_authentication" => Ok("user_authentication"),
        "signature" => Ok("signature"),
        _ => Err(StoreError::Corrupt("customers.kind")),
    }
}

/// Columns: kind, issuer, serial_hex, not_after, certificate, name, address, date_of_birth, sex.
fn certificate_from(
    row: &rusqlite::Row<'_>,
    first: usize,
) -> rusqlite::Result<(String, Certificate)> {
    let kind: String = row.get(first)?;
    let holder = FourItems {
        name: row.get(first + 5)?,
        address: row.get(first + 6)?,
        date_of_birth: row.get(first + 7)?,
        sex: row.get(first + 8)?,
    };
    let is_signature = kind == "signature";
    Ok((
        kind,
        Certificate {
            kind: "",
            issuer: row.get(first + 1)?,
            serial: row.get(first + 2)?,
            not_after: row.get(first + 3)?,
            der: row.get(first + 4)?,
            holder: is_signature.then_some(holder),
        },
    ))
}

const CUSTOMER_COLUMNS: &str =
    "c.kind, c.issuer, c.serial_hex, c.not_after, c.certificate, c.name, c.address, c.date_of_birth, c.sex";

impl Store for SqliteStore {
    fn issue_challenge(
        &self,
        challenge: &IssuedChallenge,
        forget_before: UnixTime,
    ) -> Result<(), StoreError> {
        let conn = self.lock();
        conn.execute(
            "DELETE FROM challenges WHERE expires_at < ?1",
            params![forget_before],
        )
        .map_err(db)?;
        let open: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM challenges WHERE used_at IS NULL AND expires_at >= ?1",
                params![challenge.issued_at],
                |row| row.get(0),
            )
            .map_err(db)?;
        if usize::try_from(open).unwrap_or(usize::MAX) >= self.open_challenge_limit {
            return Err(StoreError::TooManyOpenChallenges(self.open_challenge_limit));
        }
        let inserted = conn
            .execute(
                "INSERT OR IGNORE INTO challenges (value, purpose, flow, origin, issued_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    challenge.value,
                    challenge.purpose.name(),
                    challenge.flow.map(|f| f.as_str()),
                    challenge.origin,
                    challenge.issued_at,
                    challenge.expires_at
                ],
            )
            .map_err(db)?;
        if inserted == 0 {
            return Err(StoreError::DuplicateChallenge);
        }
        Ok(())
    }

    fn consume_challenge(&self, value: &str, now: UnixTime) -> Result<Consumption, StoreError> {
        let mut conn = self.lock();
        let tx = write_transaction(&mut conn)?;
        let found = tx
            .query_row(
                "SELECT purpose, origin, issued_at, expires_at, used_at, flow FROM challenges WHERE value = ?1",
                params![value],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, i64>(2)?,
                        row.get::<_, i64>(3)?,
                        row.get::<_, Option<i64>>(4)?,
                        row.get::<_, Option<String>>(5)?,
                    ))
                },
            )
            .optional()
            .map_err(db)?;
        let Some((purpose, origin, issued_at, expires_at, used_at, flow)) = found else {
            return Ok(Consumption::Unknown);
        };
        let purpose =
            Purpose::from_name(&purpose).ok_or(StoreError::Corrupt("challenges.purpose"))?;
        let flow = match flow {
            None => None,
            Some(f) => Some(
                crate::challenge::flow_from_name(&f)
                    .ok_or(StoreError::Corrupt("challenges.flow"))?,
            ),
        };
        let issued = IssuedChallenge {
            value: value.to_owned(),
            purpose,
            flow,
            origin,
            issued_at,
            expires_at,
        };
        if used_at.is_some() {
            return Ok(Consumption::AlreadyUsed(issued));
        }
        tx.execute(
            "UPDATE challenges SET used_at = ?1 WHERE value = ?2",
            params![now, value],
        )
        .map_err(db)?;
        tx.commit().map_err(db)?;
        Ok(Consumption::Fresh(issued))
    }

    fn save_login(&self, login: &NewLogin) -> Result<Record, StoreError> {
        let mut conn = self.lock();
        let tx = write_transaction(&mut conn)?;
        let customer_id = upsert_customer(&tx, &login.certificate, login.verified_at)?;
        tx.execute(
            "INSERT INTO logins (customer_id, challenge, statement, signature, verified_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                customer_id,
                login.challenge,
                login.statement,
                login.signature,
                login.verified_at
            ],
        )
        .map_err(db)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(db)?;
        Ok(Record {
            id,
            kind: Purpose::Login,
            customer_id,
            certificate: login.certificate.clone(),
            flow: None,
            data: Vec::new(),
            verified_at: to_rfc3339(login.verified_at),
        })
    }

    fn save_submission(&self, s: &NewSubmission) -> Result<Record, StoreError> {
        let data =
            serde_json::to_string(&s.data).map_err(|_| StoreError::Corrupt("submission data"))?;
        let mut conn = self.lock();
        let tx = write_transaction(&mut conn)?;
        let customer_id = upsert_customer(&tx, &s.certificate, s.verified_at)?;
        tx.execute(
            "INSERT INTO submissions (customer_id, challenge, flow, data, statement, cms, verified_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                customer_id,
                s.challenge,
                s.flow,
                data,
                s.statement,
                s.cms,
                s.verified_at
            ],
        )
        .map_err(db)?;
        let id = tx.last_insert_rowid();
        if s.flow == "consent" {
            let text = s
                .data
                .iter()
                .find(|(k, _)| k == "consent")
                .map(|(_, v)| v.as_str())
                .unwrap_or_default();
            tx.execute(
                "INSERT INTO consents (customer_id, submission_id, text, verified_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![customer_id, id, text, s.verified_at],
            )
            .map_err(db)?;
        }
        tx.commit().map_err(db)?;
        Ok(Record {
            id,
            kind: Purpose::Submission,
            customer_id,
            certificate: s.certificate.clone(),
            flow: Some(s.flow.clone()),
            data: s.data.clone(),
            verified_at: to_rfc3339(s.verified_at),
        })
    }

    fn records(&self, limit: usize) -> Result<Vec<Record>, StoreError> {
        let conn = self.lock();
        let sql = format!(
            "SELECT * FROM (
               SELECT 'login' AS k, l.id, l.customer_id, NULL AS flow, '[]' AS data, l.verified_at, {CUSTOMER_COLUMNS}
                 FROM logins l JOIN customers c ON c.id = l.customer_id
               UNION ALL
               SELECT 'submission', s.id, s.customer_id, s.flow, s.data, s.verified_at, {CUSTOMER_COLUMNS}
                 FROM submissions s JOIN customers c ON c.id = s.customer_id)
             ORDER BY verified_at DESC, k, id DESC LIMIT ?1"
        );
        let mut stmt = conn.prepare(&sql).map_err(db)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(params![limit], |row| {
                let (kind, certificate) = certificate_from(row, 6)?;
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, i64>(5)?,
                    kind,
                    certificate,
                ))
            })
            .map_err(db)?;
        let mut out = Vec::new();
        for row in rows {
            let (k, id, customer_id, flow, data, verified_at, kind, mut certificate) =
                row.map_err(db)?;
            certificate.kind = kind_name(&kind)?;
            let data: Vec<(String, String)> =
                serde_json::from_str(&data).map_err(|_| StoreError::Corrupt("submissions.data"))?;
            out.push(Record {
                id,
                kind: Purpose::from_name(&k).ok_or(StoreError::Corrupt("record kind"))?,
                customer_id,
                certificate,
                flow,
                data,
                verified_at: to_rfc3339(verified_at),
            });
        }
        Ok(out)
    }

    fn signature_customers(&self) -> Result<Vec<SignatureCustomer>, StoreError> {
        let conn = self.lock();
        let sql = format!(
            "SELECT c.id, EXISTS (SELECT 1 FROM consents WHERE customer_id = c.id), {CUSTOMER_COLUMNS}
               FROM customers c WHERE c.kind = 'signature' ORDER BY c.id"
        );
        let mut stmt = conn.prepare(&sql).map_err(db)?;
        let rows = stmt
            .query_map([], |row| {
                let (_, certificate) = certificate_from(row, 2)?;
                Ok((row.get::<_, i64>(0)?, row.get::<_, bool>(1)?, certificate))
            })
            .map_err(db)?;
        let mut out = Vec::new();
        for row in rows {
            let (id, consented, mut certificate) = row.map_err(db)?;
            certificate.kind = "signature";
            out.push(SignatureCustomer {
                id,
                certificate,
                consented,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn sqlite_in_memory_keeps_the_store_contract() {
        crate::conformance::run_all(&|limit| {
            Box::new(
                SqliteStore::in_memory()
                    .unwrap()
                    .with_open_challenge_limit(limit),
            )
        });
    }

    #[test]
    fn a_file_database_is_in_wal_mode_and_keeps_the_store_contract() {
        let dir = std::env::temp_dir().join(format!("mynaweb-rp-sqlite-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let n = core::sync::atomic::AtomicUsize::new(0);
        crate::conformance::run_all(&|limit| {
            let i = n.fetch_add(1, core::sync::atomic::Ordering::SeqCst);
            let path = dir.join(format!("{i}.sqlite3"));
            let _ = std::fs::remove_file(&path);
            Box::new(
                SqliteStore::open(&path)
                    .unwrap()
                    .with_open_challenge_limit(limit),
            )
        });
        let _ = std::fs::remove_dir_all(&dir);
    }
}
