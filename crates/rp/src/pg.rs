//! The [`Store`] on PostgreSQL (feature `postgres`, `--db postgres://…`): the same tables as
//! [`crate::sqlite`], for a relying party that already runs PostgreSQL or runs several server
//! instances on one database.
//!
//! ```text
//! challenges  value TEXT PK | purpose | flow | origin | issued_at BIGINT | expires_at BIGINT
//!             | used_at BIGINT NULL
//! customers   id BIGSERIAL | kind | issuer | serial_hex | not_after | certificate BYTEA
//!             | name | address | date_of_birth | sex | first/last_verified_at  UNIQUE(issuer, serial_hex)
//! logins      id BIGSERIAL | customer_id → customers | challenge UNIQUE | statement | signature BYTEA
//! submissions id BIGSERIAL | customer_id → customers | challenge UNIQUE | flow | data (JSON)
//!             | statement | cms BYTEA | verified_at
//! consents    id BIGSERIAL | customer_id → customers | submission_id → submissions | text
//! ```
//! Spending a challenge is one `UPDATE … WHERE used_at IS NULL RETURNING …`: with several
//! server instances on one database, exactly one of them spends it.
//!
//! The `postgres` client is synchronous and runs its own small runtime, which must never be
//! entered from (or dropped on) a tokio worker. So the connection lives on a thread of its own,
//! from connect to drop; the store's methods send it one job at a time and wait for the answer.

use std::sync::mpsc;

use postgres::{Client, NoTls, Row};

use crate::challenge::{flow_from_name, IssuedChallenge, Purpose};
use crate::clock::{to_rfc3339, UnixTime};
use crate::sqlite::DEFAULT_OPEN_CHALLENGE_LIMIT;
use crate::store::{
    Certificate, Consumption, FourItems, NewLogin, NewSubmission, Record, SignatureCustomer, Store,
    StoreError,
};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS challenges (
    value TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    flow TEXT,
    origin TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE TABLE IF NOT EXISTS customers (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    issuer TEXT NOT NULL,
    serial_hex TEXT NOT NULL,
    not_after TEXT NOT NULL,
    certificate BYTEA NOT NULL,
    name TEXT, address TEXT, date_of_birth TEXT, sex TEXT,
    first_verified_at BIGINT NOT NULL,
    last_verified_at BIGINT NOT NULL,
    UNIQUE (issuer, serial_hex)
);
CREATE TABLE IF NOT EXISTS logins (
    id BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    challenge TEXT NOT NULL UNIQUE,
    statement TEXT NOT NULL,
    signature BYTEA NOT NULL,
    verified_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
    id BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    challenge TEXT NOT NULL UNIQUE,
    flow TEXT NOT NULL,
    data TEXT NOT NULL,
    statement TEXT NOT NULL,
    cms BYTEA NOT NULL,
    verified_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS consents (
    id BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    submission_id BIGINT NOT NULL REFERENCES submissions(id),
    text TEXT NOT NULL,
    verified_at BIGINT NOT NULL
);
";

type Job = Box<dyn FnOnce(&mut Client) + Send>;

/// The PostgreSQL store.
pub struct PostgresStore {
    jobs: mpsc::Sender<Job>,
    open_challenge_limit: usize,
}

impl core::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The connection string may hold a password: never printed.
        f.debug_struct("PostgresStore").finish_non_exhaustive()
    }
}

fn db(e: postgres::Error) -> StoreError {
    StoreError::Database(e.to_string())
}

/// True for the URLs this store takes (`postgres://…`, `postgresql://…`).
pub fn is_postgres_url(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

impl PostgresStore {
    /// Connects (without TLS: a database on the same host or network) and creates the tables
    /// if missing.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        Self::connect_in_schema(url, None)
    }

    /// Like [`connect`](Self::connect), with every table in `schema` (created if missing;
    /// `[a-z0-9_]+`).
    pub fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<Self, StoreError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let (ready, connected) = mpsc::sync_channel(1);
        let url = url.to_owned();
        let schema = schema.map(str::to_owned);
        std::thread::Builder::new()
            .name("mynaweb-rp-postgres".into())
            .spawn(move || {
                let mut client = match open(&url, schema.as_deref()) {
                    Ok(client) => {
                        let _ = ready.send(Ok(()));
                        client
                    }
                    Err(e) => {
                        let _ = ready.send(Err(e));
                        return;
                    }
                };
                // Until every sender (the store) is gone; then the client drops here.
                for job in queue {
                    job(&mut client);
                }
            })
            .map_err(|e| StoreError::Database(format!("cannot start the database thread: {e}")))?;
        connected
            .recv()
            .map_err(|_| StoreError::Database("the database thread stopped".to_owned()))??;
        Ok(Self {
            jobs,
            open_challenge_limit: DEFAULT_OPEN_CHALLENGE_LIMIT,
        })
    }

    /// Sets how many open (unexpired, unused) challenges may exist at once.
    pub fn with_open_challenge_limit(mut self, limit: usize) -> Self {
        self.open_challenge_limit = limit;
        self
    }

    /// Runs `work` on the connection's thread and waits for its answer.
    fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Client) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (answer, answered) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |client| {
            let _ = answer.send(work(client));
        });
        let stopped = || StoreError::Database("the database thread stopped".to_owned());
        self.jobs.send(job).map_err(|_| stopped())?;
        answered.recv().map_err(|_| stopped())?
    }
}

/// Connects and creates the tables (in `schema`, when given).
fn open(url: &str, schema: Option<&str>) -> Result<Client, StoreError> {
    let schema_ok = |name: &str| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    if schema.is_some_and(|name| !schema_ok(name)) {
        return Err(StoreError::Database(
            "a schema name is [a-z0-9_]+".to_owned(),
        ));
    }
    let mut client = Client::connect(url, NoTls).map_err(db)?;
    if let Some(schema) = schema {
        client
            .batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS {schema}; SET search_path TO {schema}"
            ))
            .map_err(db)?;
    }
    client.batch_execute(SCHEMA).map_err(db)?;
    Ok(client)
}

fn upsert_customer(
    tx: &mut postgres::Transaction<'_>,
    cert: &Certificate,
    at: UnixTime,
) -> Result<i64, StoreError> {
    let holder = cert.holder.clone().unwrap_or_default();
    let row = tx
        .query_one(
            "INSERT INTO customers (kind, issuer, serial_hex, not_after, certificate, name, address,
                                    date_of_birth, sex, first_verified_at, last_verified_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
             ON CONFLICT (issuer, serial_hex)
             DO UPDATE SET last_verified_at = EXCLUDED.last_verified_at
             RETURNING id",
            &[
                &cert.kind,
                &cert.issuer,
                &cert.serial,
                &cert.not_after,
                &cert.der,
                &holder.name,
                &holder.address,
                &holder.date_of_birth,
                &holder.sex,
                &at,
            ],
        )
        .map_err(db)?;
    row.try_get(0).map_err(db)
}

fn kind_name(kind: &str) -> Result<&'static str, StoreError> {
    match kind {
        "user_authentication" => Ok("user_authentication"),
        "signature" => Ok("signature"),
        _ => Err(StoreError::Corrupt("customers.kind")),
    }
}

const CUSTOMER_COLUMNS: &str = "c.kind, c.issuer, c.serial_hex, c.not_after, c.certificate, \
     c.name, c.address, c.date_of_birth, c.sex";

/// The certificate from the [`CUSTOMER_COLUMNS`] starting at column `first`.
fn certificate_from(row: &Row, first: usize) -> Result<Certificate, StoreError> {
    let kind: String = row.try_get(first).map_err(db)?;
    let kind = kind_name(&kind)?;
    let holder = FourItems {
        name: row.try_get(first + 5).map_err(db)?,
        address: row.try_get(first + 6).map_err(db)?,
        date_of_birth: row.try_get(first + 7).map_err(db)?,
        sex: row.try_get(first + 8).map_err(db)?,
    };
    Ok(Certificate {
        kind,
        issuer: row.try_get(first + 1).map_err(db)?,
        serial: row.try_get(first + 2).map_err(db)?,
        not_after: row.try_get(first + 3).map_err(db)?,
        der: row.try_get(first + 4).map_err(db)?,
        holder: (kind == "signature").then_some(holder),
    })
}

fn issued_from(value: &str, row: &Row) -> Result<IssuedChallenge, StoreError> {
    let purpose: String = row.try_get(0).map_err(db)?;
    let flow: Option<String> = row.try_get(4).map_err(db)?;
    Ok(IssuedChallenge {
        value: value.to_owned(),
        purpose: Purpose::from_name(&purpose).ok_or(StoreError::Corrupt("challenges.purpose"))?,
        flow: match flow {
            None => None,
            Some(f) => Some(flow_from_name(&f).ok_or(StoreError::Corrupt("challenges.flow"))?),
        },
        origin: row.try_get(1).map_err(db)?,
        issued_at: row.try_get(2).map_err(db)?,
        expires_at: row.try_get(3).map_err(db)?,
    })
}

impl Store for PostgresStore {
    fn issue_challenge(
        &self,
        challenge: &IssuedChallenge,
        forget_before: UnixTime,
    ) -> Result<(), StoreError> {
        let challenge = challenge.clone();
        let limit = self.open_challenge_limit;
        self.run(move |client| issue_challenge(client, &challenge, forget_before, limit))
    }

    fn consume_challenge(&self, value: &str, now: UnixTime) -> Result<Consumption, StoreError> {
        let value = value.to_owned();
        self.run(move |client| consume_challenge(client, &value, now))
    }

    fn save_login(&self, login: &NewLogin) -> Result<Record, StoreError> {
        let login = login.clone();
        self.run(move |client| save_login(client, &login))
    }

    fn save_submission(&self, submission: &NewSubmission) -> Result<Record, StoreError> {
        let submission = submission.clone();
        self.run(move |client| save_submission(client, &submission))
    }

    fn records(&self, limit: usize) -> Result<Vec<Record>, StoreError> {
        self.run(move |client| records(client, limit))
    }

    fn signature_customers(&self) -> Result<Vec<SignatureCustomer>, StoreError> {
        self.run(signature_customers)
    }
}

fn issue_challenge(
    client: &mut Client,
    challenge: &IssuedChallenge,
    forget_before: UnixTime,
    open_challenge_limit: usize,
) -> Result<(), StoreError> {
    client
        .execute(
            "DELETE FROM challenges WHERE expires_at < $1",
            &[&forget_before],
        )
        .map_err(db)?;
    let open: i64 = client
        .query_one(
            "SELECT COUNT(*) FROM challenges WHERE used_at IS NULL AND expires_at >= $1",
            &[&challenge.issued_at],
        )
        .and_then(|row| row.try_get(0))
        .map_err(db)?;
    if usize::try_from(open).unwrap_or(usize::MAX) >= open_challenge_limit {
        return Err(StoreError::TooManyOpenChallenges(open_challenge_limit));
    }
    let inserted = client
        .execute(
            "INSERT INTO challenges (value, purpose, flow, origin, issued_at, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (value) DO NOTHING",
            &[
                &challenge.value,
                &challenge.purpose.name(),
                &challenge.flow.map(|f| f.as_str()),
                &challenge.origin,
                &challenge.issued_at,
                &challenge.expires_at,
            ],
        )
        .map_err(db)?;
    if inserted == 0 {
        return Err(StoreError::DuplicateChallenge);
    }
    Ok(())
}

fn consume_challenge(
    client: &mut Client,
    value: &str,
    now: UnixTime,
) -> Result<Consumption, StoreError> {
    let spent = client
        .query_opt(
            "UPDATE challenges SET used_at = $1 WHERE value = $2 AND used_at IS NULL
                 RETURNING purpose, origin, issued_at, expires_at, flow",
            &[&now, &value],
        )
        .map_err(db)?;
    if let Some(row) = spent {
        return Ok(Consumption::Fresh(issued_from(value, &row)?));
    }
    let earlier = client
        .query_opt(
            "SELECT purpose, origin, issued_at, expires_at, flow FROM challenges WHERE value = $1",
            &[&value],
        )
        .map_err(db)?;
    match earlier {
        Some(row) => Ok(Consumption::AlreadyUsed(issued_from(value, &row)?)),
        None => Ok(Consumption::Unknown),
    }
}

fn save_login(client: &mut Client, login: &NewLogin) -> Result<Record, StoreError> {
    let mut tx = client.transaction().map_err(db)?;
    let customer_id = upsert_customer(&mut tx, &login.certificate, login.verified_at)?;
    let id: i64 = tx
        .query_one(
            "INSERT INTO logins (customer_id, challenge, statement, signature, verified_at)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            &[
                &customer_id,
                &login.challenge,
                &login.statement,
                &login.signature,
                &login.verified_at,
            ],
        )
        .and_then(|row| row.try_get(0))
        .map_err(db)?;
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

fn save_submission(client: &mut Client, s: &NewSubmission) -> Result<Record, StoreError> {
    let data =
        serde_json::to_string(&s.data).map_err(|_| StoreError::Corrupt("submission data"))?;
    let mut tx = client.transaction().map_err(db)?;
    let customer_id = upsert_customer(&mut tx, &s.certificate, s.verified_at)?;
    let id: i64 = tx
            .query_one(
                "INSERT INTO submissions (customer_id, challenge, flow, data, statement, cms, verified_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                &[
                    &customer_id,
                    &s.challenge,
                    &s.flow,
                    &data,
                    &s.statement,
                    &s.cms,
                    &s.verified_at,
                ],
            )
            .and_then(|row| row.try_get(0))
            .map_err(db)?;
    if s.flow == "consent" {
        let text = s
            .data
            .iter()
            .find(|(k, _)| k == "consent")
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        tx.execute(
            "INSERT INTO consents (customer_id, submission_id, text, verified_at)
                 VALUES ($1, $2, $3, $4)",
            &[&customer_id, &id, &text, &s.verified_at],
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

fn records(client: &mut Client, limit: usize) -> Result<Vec<Record>, StoreError> {
    let sql = format!(
        "SELECT * FROM (
               SELECT 'login' AS k, l.id, l.customer_id, NULL::TEXT AS flow, '[]' AS data,
                      l.verified_at, {CUSTOMER_COLUMNS}
                 FROM logins l JOIN customers c ON c.id = l.customer_id
               UNION ALL
               SELECT 'submission', s.id, s.customer_id, s.flow, s.data, s.verified_at,
                      {CUSTOMER_COLUMNS}
                 FROM submissions s JOIN customers c ON c.id = s.customer_id) AS r
             ORDER BY verified_at DESC, k, id DESC LIMIT $1"
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = client.query(&sql, &[&limit]).map_err(db)?;
    rows.iter()
        .map(|row| {
            let k: String = row.try_get(0).map_err(db)?;
            let data: String = row.try_get(4).map_err(db)?;
            let verified_at: i64 = row.try_get(5).map_err(db)?;
            Ok(Record {
                id: row.try_get(1).map_err(db)?,
                kind: Purpose::from_name(&k).ok_or(StoreError::Corrupt("record kind"))?,
                customer_id: row.try_get(2).map_err(db)?,
                certificate: certificate_from(row, 6)?,
                flow: row.try_get(3).map_err(db)?,
                data: serde_json::from_str(&data)
                    .map_err(|_| StoreError::Corrupt("submissions.data"))?,
                verified_at: to_rfc3339(verified_at),
            })
        })
        .collect()
}

fn signature_customers(client: &mut Client) -> Result<Vec<SignatureCustomer>, StoreError> {
    let sql = format!(
        "SELECT c.id, EXISTS (SELECT 1 FROM consents WHERE customer_id = c.id), {CUSTOMER_COLUMNS}
               FROM customers c WHERE c.kind = 'signature' ORDER BY c.id"
    );
    let rows = client.query(&sql, &[]).map_err(db)?;
    rows.iter()
        .map(|row| {
            Ok(SignatureCustomer {
                id: row.try_get(0).map_err(db)?,
                consented: row.try_get(1).map_err(db)?,
                certificate: certificate_from(row, 2)?,
            })
        })
        .collect()
}
