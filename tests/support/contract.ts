/**
 * The OpenAPI document as a checked contract: every response a test receives is held
 * against the document's declaration for its route and status (status listed, content
 * type listed, JSON body valid against the declared schema, error code among the
 * codes declared for that status, Retry-After / Set-Cookie / Location declared when
 * sent). testApp wraps its app with `checkedApp`, so every server test checks the
 * contract without asking.
 */
import { appendFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../../server/openapi/document.ts';
import { routeTable } from '../../server/openapi/route-table.ts';

type Json = Record<string, any>;

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/** Headers a response must declare when it sends them. */
const declaredHeaders = ['retry-after', 'set-cookie', 'location'];

interface Operation {
  method: string;
  path: string;
  pattern: RegExp;
  /** Literal characters in the path: a literal segment wins over a parameter. */
  weight: number;
  responses: Json;
}

let contract: { operations: Operation[]; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | undefined;

const componentsId = 'mestring:openapi-components';
const rebase = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rebase);
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/') ? `${componentsId}#/$defs/${v.slice(21)}` : rebase(v);
  return out;
};

function load() {
  if (contract) return contract;
  const doc = openApiDocument() as unknown as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addSchema({ $id: componentsId, $defs: rebase(doc.components.schemas) as Json });
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(methods as Json)) {
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => (name === 'path' ? '(.+)' : '([^/]+)'));
      operations.push({ method, path, pattern: new RegExp(`^${source}$`), weight: path.replace(/\{\w+\}/g, '').length, responses: (op as Json).responses });
    }
  }
  operations.sort((a, b) => b.weight - a.weight);
  contract = { operations, ajv, validators: new Map() };
  return contract;
}

/** The problems of one response against the document, or [] when it keeps the contract. */
export function contractProblems(method: string, url: string, status: number, headers: Headers, text: string): string[] {
  const { operations, ajv, validators } = load();
  const path = new URL(url, 'http://localhost').pathname;
  const find = (p: string) => operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(p));
  // A served alias with a trailing slash (/staff/, hidden in the route table) answers as its documented path does;
  // any other trailing slash is a path nobody serves (/v1/staff/codes/ is a 404, not GET /v1/staff/codes).
  const alias = path.endsWith('/') && routeTable.some((r) => r.hidden && r.method === method.toLowerCase() && r.path === path);
  const op = find(path) ?? (alias ? find(path.slice(0, -1)) : undefined);
  if (!op) {
    // A path nobody serves: the authentication in front of /v1/me and /v1/staff may answer before the 404; either way an Error body.
    if (status < 400) return [`${method} ${path} answered ${status} but the route is not in the document`];
    let error = validators.get('Error');
    if (!error) validators.set('Error', (error = ajv.compile({ $ref: `${componentsId}#/$defs/Error` })));
    try {
      if (error(JSON.parse(text))) return [];
    } catch { /* reported below */ }
    return [`${method} ${path} answered ${status} without an Error body: ${text.slice(0, 200)}`];
  }
  const where = `${method.toUpperCase()} ${op.path} ${status}`;
  const response = (op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default) as Json | undefined;
  if (!response) return [`${where}: status not declared (declared: ${Object.keys(op.responses).join(', ')})`];
  const problems: string[] = [];
  const headerNames = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase());
  for (const name of declaredHeaders) if (headers.has(name) && !headerNames.includes(name)) problems.push(`${where}: header ${name} sent but not declared`);
  const type = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  const content = response.content as Json | undefined;
  if (!content) {
    if (text.length) problems.push(`${where}: a body was sent (${type}) but none is declared`);
    return problems;
  }
  if (!type || !(type in content)) return [...problems, `${where}: content type ${type} not declared (declared: ${Object.keys(content).join(', ')})`];
  const schema = content[type].schema as Json | undefined;
  if (!schema || !/json$/.test(type)) return problems;
  const key = `${op.method} ${op.path} ${status} ${type}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(rebase(schema) as Json);
    validators.set(key, validate);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `${where}: body is not JSON`];
  }
  if (!validate(body)) {
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`);
    problems.push(`${where}: body does not match its schema: ${errors.join('; ')} in ${text.slice(0, 300)}`);
  }
  return problems;
}

/** Throws when a response breaks the contract (the test that received it fails). */
export async function assertContract(method: string, url: string, res: Response): Promise<void> {
  const text = method.toUpperCase() === 'HEAD' ? '' : await res.clone().text();
  const problems = contractProblems(method, url, res.status, res.headers, text);
  if (problems.length && process.env.MESTRING_CONTRACT_SURVEY) {
    // Survey mode (while fixing the document): collect every problem of a run in one file instead of failing.
    appendFileSync(process.env.MESTRING_CONTRACT_SURVEY, `${problems.join('\n')}\n`);
    return;
  }
  if (problems.length) throw new Error(`The response breaks the OpenAPI document:\n  ${problems.join('\n  ')}`);
}

const methodOf = (input: unknown, init?: RequestInit) => init?.method ?? (input instanceof Request ? input.method : 'GET');
const urlOf = (input: unknown) => (input instanceof Request ? input.url : input instanceof URL ? input.href : String(input));

/**
 * The same app, whose `request` checks every response against the document.
 *
 * @example
 *   const app = checkedApp(createApp(options));
 */
export function checkedApp<T extends Hono<any>>(app: T): T {
  const request = app.request.bind(app);
  app.request = (async (input: any, init?: RequestInit, ...rest: any[]) => {
    const res = await request(input, init, ...rest);
    await assertContract(methodOf(input, init), urlOf(input), res);
    return res;
  }) as T['request'];
  return app;
}
