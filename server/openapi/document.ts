/**
 * Builds the OpenAPI 3.1 document from the route table and the JSON Schemas in
 * schemas/api-*.schema.json. Each `$defs` entry becomes a component schema; refs are
 * rewritten to point at components, so the document stands alone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../engine/project-root.ts';
import { errorCodes, type ErrorCode } from '../errors.ts';
import { routeTable, type RouteDoc } from './route-table.ts';

type Json = Record<string, unknown>;

/** schemas/, found without loading ajv (engine/schemas.ts compiles them). */
const schemasDir = fromRoot('schemas');

function rewriteRefs(value: unknown, file: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, file));
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string') out[key] = componentRef(v.startsWith('#') ? `${file}${v}` : v);
    else out[key] = rewriteRefs(v, file);
  }
  return out;
}

/** Whole schema files the API schemas point at (a bare `file.schema.json` ref): component name and its definitions' prefix. */
const wholeFiles: Record<string, string> = { 'instrument.schema.json': 'Instrument' };

const componentRef = (ref: string) => {
  const [file = '', pointer = ''] = ref.split('#');
  const whole = wholeFiles[file];
  if (whole) return `#/components/schemas/${pointer ? `${whole}_${pointer.split('/').at(-1)}` : whole}`;
  return `#/components/schemas/${ref.split('/').at(-1)}`;
};

function componentSchemas(): Json {
  const schemas: Json = {};
  for (const file of readdirSync(schemasDir).filter((f) => /^api-.*\.schema\.json$/.test(f)).sort()) {
    const schema = JSON.parse(readFileSync(join(schemasDir, file), 'utf8')) as { $defs?: Json };
    for (const [name, def] of Object.entries(schema.$defs ?? {})) schemas[name] = rewriteRefs(def, file);
  }
  // A whole file becomes one component (without $id, which would move the base of its refs) plus one per definition.
  for (const [file, name] of Object.entries(wholeFiles)) {
    const { $defs, $id: _id, $schema: _schema, ...root } = JSON.parse(readFileSync(join(schemasDir, file), 'utf8')) as Json & { $defs?: Json };
    schemas[name] = rewriteRefs(root, file);
    for (const [def, value] of Object.entries($defs ?? {})) schemas[`${name}_${def}`] = rewriteRefs(value, file);
  }
  return schemas;
}

const security = (auth: RouteDoc['auth']) =>
  auth === 'none' ? [] : auth === 'person' ? [{ personToken: [] }] : [{ staffToken: [] }, { staffCookie: [] }, { apiKey: [] }];

const errorRef = { $ref: '#/components/schemas/Error' };
const retryAfter = { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } } };

/** One error status: its codes as an enum on error.code, so the document names every code a route can answer. */
function errorResponse(status: number, codes: string[]): Json {
  const schema = { allOf: [errorRef, { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string', enum: codes } } } } }] };
  return {
    description: codes.join(', '),
    ...(status === 429 || status === 503 ? { headers: retryAfter } : {}),
    content: { 'application/json': { schema } },
  };
}

function operation(route: RouteDoc): Json {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (route.path === '/v1/staff/codes/{ref}' && route.method === 'get') params.push({ name: 'since', in: 'query', required: false, schema: { type: 'string' } } as never);
  if (route.path === '/v1/staff/service') params.push({ name: 'origin', in: 'query', required: false, schema: { type: 'string' } } as never);
  if (route.path === '/v1/staff/codes' && route.method === 'post') {
    params.push({ name: 'Idempotency-Key', in: 'header', required: false, description: 'With an API key: the same key and body within 24 hours answer the same code and spend one licence; another body is 409 idempotency_key_reused.', schema: { type: 'string', minLength: 1, maxLength: 255 } } as never);
  }
  for (const q of route.query ?? []) params.push({ name: q.name, in: 'query', required: q.required ?? false, description: q.description, schema: q.schema ?? { type: 'string', ...(q.enum ? { enum: q.enum } : {}) } } as never);
  const [status, ok] = route.ok;
  const content: Json = {
    ...(ok ? { 'application/json': { schema: { $ref: componentRef(ok) } } } : {}),
    ...Object.fromEntries(Object.entries(route.okTypes ?? {}).map(([type, ref]) => [type, { schema: { $ref: componentRef(ref) } }])),
    ...Object.fromEntries((route.media ?? []).map((type) => [type, { schema: { type: /json$/.test(type) ? 'object' : 'string' } }])),
  };
  for (const type of route.alsoAs ?? []) content[type] = { schema: { type: 'string' } };
  const named = { ...route.headers, ...(route.notModified ? { ETag: "The copy's entity tag (send it as If-None-Match to get a 304)" } : {}) };
  const headers = Object.keys(named).length ? Object.fromEntries(Object.entries(named).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) : undefined;
  const responses: Json = {
    [status]: { description: status === 204 ? 'No content' : 'Success', ...(headers ? { headers } : {}), ...(Object.keys(content).length ? { content } : {}) },
  };
  // Errors any route can answer: a failing store (503) on the API, a body over the limit (413) wherever a body may come, a NUL in the address (400).
  const codes: ErrorCode[] = [...route.errors];
  if (route.path.startsWith('/v1/')) codes.push('storage_unavailable');
  // A NUL character (%00) anywhere in the address is refused before any route runs (server/middleware/url-text.ts).
  codes.push('bad_request');
  if (route.method !== 'get') codes.push('payload_too_large');
  const byStatus = new Map<number, string[]>();
  for (const code of [...new Set(codes)]) {
    const s = errorCodes[code].status;
    byStatus.set(s, [...(byStatus.get(s) ?? []), code]);
  }
  if (route.notModified) {
    responses['304'] = { description: 'Not modified: the copy named by If-None-Match is current (no body)', headers: { ETag: { description: "The current copy's entity tag", schema: { type: 'string' } } } };
  }
  for (const [s, list] of [...byStatus].sort((a, b) => a[0] - b[0])) responses[s] = errorResponse(s, list);
  responses['500'] = errorResponse(500, ['internal_error']);
  return {
    summary: route.summary,
    tags: [route.tag],
    operationId: `${route.method}${route.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
    security: security(route.auth),
    ...(route.scopes ? { 'x-api-key-scopes': route.scopes } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: componentRef(route.body) } } } } } : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of every route.
 *
 * @example
 *   const doc = openApiDocument(); doc.paths['/v1/me'].get.summary
 */
export function openApiDocument(options: { publicUrl?: string } = {}) {
  const paths: Record<string, Json> = {};
  for (const route of routeTable) if (!route.hidden) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mestring API',
      version: '1.0.0',
      description: 'Guided internet-delivered self-help: anonymous codes, consent, progress and gating, and the staff portal API. Errors are always {"error": {"code", "message"}}; see docs/api.md for the error codes.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    // MESTRING_PUBLIC_URL when set (the address partners use); else the server the document came from.
    servers: [options.publicUrl ? { url: options.publicUrl, description: 'This Mestring server' } : { url: '/', description: 'The server this document was fetched from' }],
    tags: [
      { name: 'Public', description: 'No login: health, program overviews, the document itself and the reference web client.' },
      { name: 'Person', description: "A person's own data, with the session token from logging in with a code." },
      { name: 'Staff', description: 'The staff portal and partner back ends (session token, portal cookie or API key).' },
    ],
    paths,
    // What Mestring sends to a registered endpoint (POST /v1/staff/webhooks): one shape for every event.
    webhooks: {
      event: {
        post: {
          operationId: 'receiveEvent',
          summary: 'An event delivered to an endpoint the organisation registered, signed as Standard Webhooks',
          tags: ['Staff'],
          // Not called with a Mestring credential: the receiver checks webhook-signature.
          security: [],
          parameters: [
            { name: 'webhook-id', in: 'header', required: true, description: 'The delivery id: the same on every retry (deduplicate on it).', schema: { type: 'string' } },
            { name: 'webhook-timestamp', in: 'header', required: true, description: 'Seconds since 1970 when this attempt was signed.', schema: { type: 'string' } },
            { name: 'webhook-signature', in: 'header', required: true, description: 'v1,<base64 HMAC-SHA256 of id.timestamp.body> with the endpoint secret.', schema: { type: 'string' } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: componentRef('api-webhooks.schema.json#/$defs/WebhookPayload') } } } },
          responses: {
            '200': { description: 'Received: any 2XX ends the retries.' },
            '400': { description: 'Not accepted: Mestring retries with back-off, then marks the delivery failed.' },
          },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        personToken: { type: 'http', scheme: 'bearer', description: 'A person session token (msp_...) from POST /v1/sessions.' },
        staffToken: { type: 'http', scheme: 'bearer', description: 'A staff session token (mss_...) from POST /v1/staff/sessions.' },
        staffCookie: { type: 'apiKey', in: 'cookie', name: '__Host-mestring_staff', description: 'The portal session cookie.' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An organisation API key (msk_...) with scopes codes:create and/or codes:read.' },
      },
    },
  };
}
