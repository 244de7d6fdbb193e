// Builds the bank data the mynaweb app and CLI ship (flows.md §2.5 "Browser bundling") from the
// zengin-code npm package installed next to this file (`npm ci` in data/zengin).
//
//   node data/zengin/build.mjs OUT_DIR
//
// Input: zengin-code's one CommonJS file `lib/zengin-data.js` (flows.md §2.5 "Format"):
//
//   { "0001": { code, name, kana, hira, roma, branches: { "001": { code, name, kana, hira, roma } } } }
//
// Output, in the zengin-code source-data layout that `mynaweb account --bank-data DIR` reads and
// that the app fetches relative to its page (`bank-data/…`):
//
//   | file                    | content                                                     |
//   |-------------------------|-------------------------------------------------------------|
//   | banks.json              | bank code → { code, name, kana, hira } (no roma, no branches) |
//   | branches/<bank>.json    | branch code → { code, name, kana, hira }, one file per bank |
//   | VERSION                 | the data date, e.g. 2026-08-24, from the package version     |
//
// The data date is the suffix of the installed package's version (`1.0.0-p20260824` →
// `2026-08-24`), never typed in. The output is deterministic: keys sorted, no whitespace, so the
// same package gives byte-identical files. Anything in the package that is not the layout above
// stops the build with a message naming the first unexpected thing (exit 1); nothing is written
// then. Plain Node 20, standard library only.

import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const PACKAGE = "zengin-code";
const BANK_CODE = /^[0-9]{4}$/;
const BRANCH_CODE = /^[0-9]{3}$/;
// `1.0.0-p20260824`: the `p` suffix is the data date (flows.md §2.5 "Version").
const VERSION_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+-p([0-9]{4})([0-9]{2})([0-9]{2})$/;
// The fields kept for every bank and branch record, in this order.
const KEPT_FIELDS = ["code", "name", "kana", "hira"];

class LayoutError extends Error {}

function fail(message) {
  throw new LayoutError(message);
}

function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `1.0.0-p20260824` → `2026-08-24`, refusing any other shape or an impossible date. */
export function dataDate(version) {
  const match = VERSION_SHAPE.exec(String(version));
  if (!match) {
    fail(`${PACKAGE} version \`${version}\` is not of the form X.Y.Z-pYYYYMMDD, so it names no data date`);
  }
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (
    date.getUTCFullYear() !== Number(year) ||
    date.getUTCMonth() !== Number(month) - 1 ||
    date.getUTCDate() !== Number(day)
  ) {
    fail(`${PACKAGE} version \`${version}\` has an impossible data date ${year}-${month}-${day}`);
  }
  return `${year}-${month}-${day}`;
}

/** One bank or branch record reduced to the kept fields, checked field by field. */
function keptRecord(record, code, where) {
  if (!isPlainObject(record)) {
    fail(`${where} is not an object`);
  }
  if (record.code !== code) {
    fail(`${where} has code ${JSON.stringify(record.code)}, not its key "${code}"`);
  }
  const kept = {};
  for (const field of KEPT_FIELDS) {
    const value = record[field];
    if (typeof value !== "string" || value.length === 0) {
      fail(`${where} has no text field "${field}"`);
    }
    kept[field] = value;
  }
  return kept;
}

/** Sorted code keys of an object, each checked against `shape`. */
function sortedCodes(object, shape, where) {
  const codes = Object.keys(object).sort();
  for (const code of codes) {
    if (!shape.test(code)) {
      fail(`${where} has the key ${JSON.stringify(code)}, which is not a code of the expected shape ${shape}`);
    }
  }
  return codes;
}

/**
 * The whole package data → { banks, branches } (write them with `codeMapJson`):
 * banks = { code: {code,name,kana,hira} }, branches = { bankCode: { branchCode: {…} } }.
 */
export function splitData(data) {
  if (!isPlainObject(data)) {
    fail(`${PACKAGE}'s lib/zengin-data.js does not export an object of banks`);
  }
  const banks = {};
  const branches = {};
  const bankCodes = sortedCodes(data, BANK_CODE, "the bank table");
  if (bankCodes.length === 0) {
    fail(`${PACKAGE}'s lib/zengin-data.js has no banks`);
  }
  for (const bankCode of bankCodes) {
    const bank = data[bankCode];
    const where = `bank ${bankCode}`;
    banks[bankCode] = keptRecord(bank, bankCode, where);
    if (!isPlainObject(bank.branches)) {
      fail(`${where} has no "branches" object`);
    }
    const list = {};
    for (const branchCode of sortedCodes(bank.branches, BRANCH_CODE, `${where}'s branches`)) {
      list[branchCode] = keptRecord(bank.branches[branchCode], branchCode, `branch ${branchCode} of ${where}`);
    }
    branches[bankCode] = list;
  }
  return { banks, branches };
}

/** The installed package: its version and its data file, refusing a different layout. */
function loadPackage(here) {
  const require = createRequire(path.join(here, "package.json"));
  let manifestPath;
  try {
    manifestPath = require.resolve(`${PACKAGE}/package.json`);
  } catch {
    fail(`${PACKAGE} is not installed in ${here}; run \`npm ci\` there first (or \`cargo xtask bank-data\`)`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  const dataFile = path.join(path.dirname(manifestPath), "lib", "zengin-data.js");
  if (!fs.existsSync(dataFile)) {
    fail(`${PACKAGE} ${manifest.version} has no lib/zengin-data.js; its layout changed`);
  }
  return { version: manifest.version, data: require(dataFile) };
}

/**
 * JSON of a code → record map with the codes in sorted order and no whitespace. (JSON.stringify
 * alone would not do: JavaScript lists integer-like keys such as "1000" before "0001".)
 */
export function codeMapJson(map) {
  const entries = Object.keys(map)
    .sort()
    .map((code) => `${JSON.stringify(code)}:${JSON.stringify(map[code])}`);
  return `{${entries.join(",")}}`;
}

function gzipSize(text) {
  return zlib.gzipSync(Buffer.from(text, "utf8"), { level: 9 }).length;
}

/** Writes into a fresh sibling directory, then swaps it in, so OUT_DIR is whole or untouched. */
function writeOutput(outDir, date, { banks, branches }) {
  const staging = `${outDir}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.join(staging, "branches"), { recursive: true });
  const banksText = codeMapJson(banks);
  fs.writeFileSync(path.join(staging, "banks.json"), banksText);
  const sizes = {};
  for (const bankCode of Object.keys(branches).sort()) {
    const list = branches[bankCode];
    const text = codeMapJson(list);
    fs.writeFileSync(path.join(staging, "branches", `${bankCode}.json`), text);
    sizes[bankCode] = text;
  }
  // VERSION last: its time stamp says the build finished (cargo xtask bank-data compares it).
  fs.writeFileSync(path.join(staging, "VERSION"), `${date}\n`);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(staging, outDir);
  return { banksText, sizes };
}

function main(argv) {
  const outArg = argv[2];
  if (!outArg || argv.length > 3) {
    console.error("usage: node data/zengin/build.mjs OUT_DIR");
    return 2;
  }
  const here = path.dirname(new URL(import.meta.url).pathname);
  const outDir = path.resolve(outArg);
  try {
    const { version, data } = loadPackage(here);
    const date = dataDate(version);
    const split = splitData(data);
    const { banksText, sizes } = writeOutput(outDir, date, split);
    const bankCount = Object.keys(split.banks).length;
    const branchCount = Object.values(split.branches).reduce((n, list) => n + Object.keys(list).length, 0);
    console.log(`bank data ${date} (${PACKAGE} ${version}) → ${outDir}`);
    console.log(`  ${bankCount} banks, ${branchCount} branches`);
    console.log(`  banks.json: ${Buffer.byteLength(banksText)} bytes, ${gzipSize(banksText)} gzip -9`);
    for (const code of ["0001", "0005", "9900"]) {
      if (sizes[code] !== undefined) {
        console.log(
          `  branches/${code}.json: ${Buffer.byteLength(sizes[code])} bytes, ${gzipSize(sizes[code])} gzip -9`,
        );
      }
    }
    const all = Object.values(sizes).reduce((n, text) => n + Buffer.byteLength(text), 0);
    console.log(`  all ${Object.keys(sizes).length} branch files: ${all} bytes`);
    return 0;
  } catch (error) {
    if (error instanceof LayoutError) {
      console.error(`bank data: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = main(process.argv);
}
