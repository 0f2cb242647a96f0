/**
 * Generates examples/partner/src/api.d.ts, the partner example's types, from the OpenAPI
 * document built in-process, with openapi-typescript exactly as a partner runs it on
 * /openapi.json. `--check` exits 1 when the committed file is out of date; the partner
 * example's test (tests/examples/partner.test.ts) also regenerates it from a running server.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../server/openapi/document.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const partnerTypes = join(root, 'examples', 'partner', 'src', 'api.d.ts');
export const openapiTypescript = join(root, 'examples', 'partner', 'node_modules', '.bin', 'openapi-typescript');

/** openapi-typescript's output for the document at `source` (a file or a URL). */
export function generatePartnerTypes(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mestring-partner-types-'));
  try {
    const output = join(dir, 'api.d.ts');
    execFileSync(openapiTypescript, [source, '--output', output], { stdio: ['ignore', 'ignore', 'pipe'] });
    return readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = mkdtempSync(join(tmpdir(), 'mestring-partner-doc-'));
  const input = join(dir, 'openapi.json');
  writeFileSync(input, JSON.stringify(openApiDocument()));
  const out = generatePartnerTypes(input);
  rmSync(dir, { recursive: true, force: true });
  const current = (() => { try { return readFileSync(partnerTypes, 'utf8'); } catch { return ''; } })();
  if (process.argv.includes('--check')) {
    if (current !== out) {
      console.error('examples/partner/src/api.d.ts is out of date: run `npm run types:partner`.');
      process.exit(1);
    }
  } else if (current !== out) {
    writeFileSync(partnerTypes, out);
    console.log('wrote examples/partner/src/api.d.ts');
  }
}
