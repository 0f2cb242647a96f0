/** The contract check itself: it catches what the OpenAPI document does not declare. */
import { describe, expect, it } from 'vitest';
import { contractProblems } from '../support/contract.ts';

const json = new Headers({ 'content-type': 'application/json' });

describe('the contract check', () => {
  it('passes a response the document declares', () => {
    expect(contractProblems('GET', '/healthz', 200, json, JSON.stringify({ status: 'ok', programs: 1 }))).toEqual([]);
  });

  it('catches an undocumented field, an undeclared status, an undeclared error code, a content type and a header', () => {
    expect(contractProblems('GET', '/healthz', 200, json, JSON.stringify({ status: 'ok', extra: 1 })).join()).toMatch(/additional properties \(extra\)/);
    expect(contractProblems('GET', '/v1/me', 418, json, '{}').join()).toMatch(/status not declared/);
    expect(contractProblems('GET', '/v1/me', 401, json, JSON.stringify({ error: { code: 'gone', message: 'x' } })).join()).toMatch(/allowed values/);
    expect(contractProblems('GET', '/v1/me', 200, new Headers({ 'content-type': 'text/html' }), '<p>').join()).toMatch(/content type text\/html not declared/);
    expect(contractProblems('GET', '/v1/me', 401, new Headers({ 'content-type': 'application/json', location: '/x' }), JSON.stringify({ error: { code: 'unauthorized', message: 'x' } })).join()).toMatch(/header location sent but not declared/);
    // POST /v1/me/sections/{id}/complete must answer a whole ProgramState (it once left out programId).
    expect(contractProblems('POST', '/v1/me/sections/start/complete', 200, json, JSON.stringify({ sections: [], progress: { completed: 0, total: 1 } })).join()).toMatch(/programId/);
  });
});
