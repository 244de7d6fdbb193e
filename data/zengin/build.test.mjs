// Tests of build.mjs (node --test data/zengin/build.test.mjs; `cargo xtask bank-data` runs them
// before it builds): the data date from the version, the refusals, and the byte-exact output.

import test from "node:test";
import assert from "node:assert/strict";

import { codeMapJson, dataDate, splitData } from "./build.mjs";

const BANK = {
  code: "0001",
  name: "みずほ",
  kana: "ミズホ",
  hira: "みずほ",
  roma: "mizuho",
  branches: {
    "100": { code: "100", name: "赤坂", kana: "アカサカ", hira: "あかさか", roma: "akasaka" },
    "001": { code: "001", name: "東京営業部", kana: "トウキヨウ", hira: "とうきよう", roma: "toukiyou" },
  },
};

test("the data date is the version's suffix", () => {
  assert.equal(dataDate("1.0.0-p20260824"), "2026-08-24");
  assert.equal(dataDate("12.3.45-p19991231"), "1999-12-31");
});

test("a version without a date, or with an impossible one, is refused", () => {
  assert.throws(() => dataDate("1.0.0"), {
    message: "zengin-code version `1.0.0` is not of the form X.Y.Z-pYYYYMMDD, so it names no data date",
  });
  assert.throws(() => dataDate("1.0.0-p2026082"), /is not of the form/);
  assert.throws(() => dataDate("1.0.0-p20260230"), {
    message: "zengin-code version `1.0.0-p20260230` has an impossible data date 2026-02-30",
  });
});

test("records keep code, name, kana and hira, and maps are written in code order", () => {
  const { banks, branches } = splitData({ "1000": { ...BANK, code: "1000", branches: {} }, "0001": BANK });
  assert.equal(
    codeMapJson(banks),
    '{"0001":{"code":"0001","name":"みずほ","kana":"ミズホ","hira":"みずほ"},' +
      '"1000":{"code":"1000","name":"みずほ","kana":"ミズホ","hira":"みずほ"}}',
  );
  assert.equal(
    codeMapJson(branches["0001"]),
    '{"001":{"code":"001","name":"東京営業部","kana":"トウキヨウ","hira":"とうきよう"},' +
      '"100":{"code":"100","name":"赤坂","kana":"アカサカ","hira":"あかさか"}}',
  );
  assert.equal(codeMapJson(branches["1000"]), "{}");
});

test("a package whose layout differs is refused, naming what differs", () => {
  const cases = [
    [[], "zengin-code's lib/zengin-data.js does not export an object of banks"],
    [{}, "zengin-code's lib/zengin-data.js has no banks"],
    [{ "01": BANK }, 'the bank table has the key "01", which is not a code of the expected shape /^[0-9]{4}$/'],
    [{ "0002": BANK }, 'bank 0002 has code "0001", not its key "0002"'],
    [{ "0001": { ...BANK, kana: 7 } }, 'bank 0001 has no text field "kana"'],
    [{ "0001": { ...BANK, branches: [] } }, 'bank 0001 has no "branches" object'],
    [
      { "0001": { ...BANK, branches: { "1": BANK.branches["001"] } } },
      "bank 0001's branches has the key \"1\", which is not a code of the expected shape /^[0-9]{3}$/",
    ],
    [
      { "0001": { ...BANK, branches: { "001": { ...BANK.branches["001"], hira: "" } } } },
      'branch 001 of bank 0001 has no text field "hira"',
    ],
    [{ "0001": { ...BANK, branches: { "001": "東京" } } }, "branch 001 of bank 0001 is not an object"],
  ];
  for (const [data, message] of cases) {
    assert.throws(() => splitData(data), { message });
  }
});
