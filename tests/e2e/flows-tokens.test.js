// The design tokens in www/style.css are the Digital Agency's (@digital-go-jp/design-tokens),
// copied under their own names: each value must equal the installed package's tokens.css.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

function declarations(css) {
  const found = new Map();
  for (const match of css.matchAll(/(--(?:color-primitive|color-neutral|font-family)-[\w-]+)\s*:\s*([^;]+);/g)) {
    found.set(match[1], match[2].trim().toLowerCase());
  }
  return found;
}

test('every DADS token the app uses has the package value', async () => {
  const packageDir = join(require.resolve('@digital-go-jp/design-tokens/package.json'), '..');
  const official = declarations(await readFile(join(packageDir, 'dist', 'tokens.css'), 'utf8'));
  const ours = declarations(await readFile(join(repoRoot, 'www', 'style.css'), 'utf8'));
  assert.ok(ours.size >= 20, `only ${ours.size} tokens found in style.css`);
  for (const [name, value] of ours) {
    assert.equal(value, official.get(name), `${name} differs from @digital-go-jp/design-tokens`);
  }
  const { version, license } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  assert.equal(version, '1.1.9');
  assert.equal(license, 'MIT');
  const notice = await readFile(join(repoRoot, 'NOTICE'), 'utf8');
  assert.match(notice, /@digital-go-jp\/design-tokens 1\.1\.9/);
});
