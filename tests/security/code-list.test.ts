/**
 * The staff list of an organisation's codes (GET /v1/staff/codes) never holds the whole
 * list in the server's memory: at the scale test's million codes a list built whole took
 * 1 GB and held every other request for seconds (docs/performance.md, item 43). It is
 * written as it is read, a batch at a time, and still puts the code with an open risk
 * flag first, though that code is the oldest and read last.
 *
 * Over real HTTP against the server process, on the run's backend: a response built
 * whole goes out with a Content-Length, one written as it is read in chunks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { request, seedDataDir, staffLoginOverHttp, startServerProcess, type DataDir, type ServerProcess } from './server-process.ts';
import { phq9 } from '../server/helpers.ts';
import { codeListBatch } from '../../server/routes/staff-codes.ts';

let data: DataDir;
let server: ServerProcess;
beforeAll(async () => {
  // Three batches of the route's and some: the first code issued is the oldest.
  data = await seedDataDir({ codes: 2 * codeListBatch + 20 });
  server = await startServerProcess(data);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await data?.drop();
});

/** The raw answer: its headers, how many pieces its body came in, and the body. */
function get(path: string, token: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; pieces: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: server.port, path, headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, pieces: chunks.length, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('the list of codes', () => {
  it('is written as it is read, open risk first, every code once', async () => {
    const person = await request(server.port, 'POST', '/v1/sessions', { body: { code: data.codes[0]!.code } });
    const token = person.json.token as string;
    expect((await request(server.port, 'PUT', '/v1/me/consent', { token, body: { share: true } })).status).toBe(200);
    // An answer about self-harm: an open risk flag.
    expect((await request(server.port, 'POST', '/v1/me/questionnaires/phq9/responses', { token, body: { answers: phq9(1, 2) } })).status).toBe(201);

    const staff = await staffLoginOverHttp(server.port, data.totpSecret);
    const res = await get('/v1/staff/codes', staff);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const { codes } = JSON.parse(res.body) as { codes: { ref: string; openFlags?: string[] }[] };
    expect(codes).toHaveLength(data.codes.length);
    expect(new Set(codes.map((c) => c.ref)).size).toBe(data.codes.length);
    expect(codes[0]!.ref).toBe(data.codes[0]!.ref);
    expect(codes[0]!.openFlags).toContain('risk');
    // The rest newest first, as stored: the order they were issued in, reversed.
    expect(codes.slice(1).map((c) => c.ref)).toEqual(data.codes.slice(1).map((c) => c.ref).reverse());
  }, 120_000);
});
