/**
 * Request bodies are validated once, at the edge, against a JSON Schema in schemas/:
 * 415 without a JSON content type, 400 for malformed JSON or bytes that are not UTF-8,
 * 422 with per-field errors. Text that could not be stored as sent (a NUL character, an
 * unpaired UTF-16 surrogate) is refused with 422 too, so nothing is ever stored changed.
 * The size limit is enforced before (hono's bodyLimit, 413). Routes read the result
 * with `c.get('body')`.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { apiError } from '../../errors.ts';

/** A NUL character, or a surrogate that is not half of a pair. */
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string or key in `data` holding unstorable text, or undefined. */
export function unstorableText(data: unknown): string | undefined {
  const stack: [unknown, string][] = [[data, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (unstorable.test(value)) return path || '(body)';
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}${path ? '/' : ''}${i}`]));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const at = `${path}${path ? '/' : ''}${key}`;
        if (unstorable.test(key)) return at;
        stack.push([item, at]);
      }
    }
  }
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Every body schema a route uses. */
const schemaRefs = new Set<string>();

/** engine/schemas.ts (ajv and every schema), imported at the first use. */
const schemas = () => import('../../../engine/schemas.ts');

/** Compiles every body schema now (the server calls it once it listens, off the start-up path). */
export async function warmUpBodies(): Promise<void> {
  const { validatorFor } = await schemas();
  for (const ref of schemaRefs) validatorFor(ref);
}

/**
 * @example
 *   app.post('/v1/sessions', jsonBody('api-person.schema.json#/$defs/SessionRequest'), handler)
 */
export const jsonBody = (schemaRef: string): MiddlewareHandler<AppEnv> => {
  // Compiled at the first request (or by warmUpBodies after the server listens), not when
  // the app is built: compiling every body schema is most of a second of start-up.
  let validate: ValidateFunction | undefined;
  schemaRefs.add(schemaRef);
  return async (c, next) => {
    validate ??= (await schemas()).validatorFor(schemaRef);
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) throw apiError('unsupported_media_type');
    let data: unknown;
    try {
      data = JSON.parse(utf8.decode(await c.req.arrayBuffer()));
    } catch {
      throw apiError('malformed_json');
    }
    if (!validate(data)) {
      const fields = (validate.errors ?? []).map((e) => ({
        field: (e.instancePath || '/').concat(e.keyword === 'required' ? `${e.instancePath ? '/' : ''}${String(e.params.missingProperty)}` : e.keyword === 'additionalProperties' ? `${e.instancePath ? '/' : ''}${String(e.params.additionalProperty)}` : '').replace(/^\/+/, '') || '(body)',
        code: e.keyword,
        message: e.message ?? 'is not valid',
      }));
      throw apiError('validation_failed', undefined, { fields });
    }
    const bad = unstorableText(data);
    if (bad) throw apiError('validation_failed', undefined, { fields: [{ field: bad, code: 'text', message: 'Text must not hold a NUL character or an unpaired surrogate' }] });
    c.set('body', data);
    await next();
  };
};
