/**
 * The served OpenAPI document passes `redocly lint` with its recommended rules: no
 * errors, and only the warnings docs/api.md explains (today none).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestEnv } from '../server/helpers.ts';

let env: TestEnv | undefined;
afterEach(async () => env?.close());

interface LintReport { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] }

function lint(file: string): LintReport {
  try {
    return JSON.parse(execFileSync(join('node_modules', '.bin', 'redocly'), ['lint', file, '--format', 'json', '--extends', 'recommended'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as LintReport;
  } catch (error) {
    // redocly exits 1 when it finds errors; its report is still on stdout.
    return JSON.parse((error as { stdout: string }).stdout) as LintReport;
  }
}

describe('the OpenAPI document', () => {
  it('passes redocly lint (recommended) with no errors and only the warnings docs/api.md explains', async () => {
    env = await testApp();
    const served = await env.call('GET', '/openapi.json');
    expect(served.status).toBe(200);
    const file = join(env.dir, 'openapi.json');
    writeFileSync(file, served.text);
    const report = lint(file);
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    const explained = readFileSync('docs/api.md', 'utf8');
    for (const warning of report.problems.filter((p) => p.severity !== 'error')) expect(explained, `warning ${warning.ruleId} is not explained in docs/api.md`).toContain(`\`${warning.ruleId}\``);
  }, 60_000);

  it('sets servers from MESTRING_PUBLIC_URL', async () => {
    env = await testApp({ config: { publicUrl: 'https://mestring.example.org' } });
    expect((await env.call('GET', '/openapi.json')).json.servers).toEqual([{ url: 'https://mestring.example.org', description: 'This Mestring server' }]);
  });

  it('names every error code a route can answer, with Retry-After on 429 and 503', async () => {
    env = await testApp();
    const doc = (await env.call('GET', '/openapi.json')).json;
    const login = doc.paths['/v1/sessions'].post.responses;
    expect(login['429'].content['application/json'].schema.allOf[1].properties.error.properties.code.enum).toEqual(['challenge_required']);
    expect(login['429'].headers).toHaveProperty('Retry-After');
    expect(login['503'].headers).toHaveProperty('Retry-After');
    expect(doc.paths['/v1/staff/sessions'].post.responses['201'].headers).toHaveProperty('Set-Cookie');
    expect(Object.keys(doc.paths['/v1/calendar/{token}'].get.responses['200'].content)).toEqual(['text/calendar']);
  });
});
