/**
 * Request bodies are validated once, at the edge, against a JSON Schema in schemas/:
 * 415 without a JSON content type, 400 for malformed JSON, 422 with per-field errors.
 * The size limit is enforced before (hono's bodyLimit, 413). Routes read the result
 * with `c.get('body')`.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { validatorFor } from '../../../engine/schemas.ts';
import { apiError } from '../../errors.ts';

/**
 * @example
 *   app.post('/v1/sessions', jsonBody('api-person.schema.json#/$defs/SessionRequest'), handler)
 */
export const jsonBody = (schemaRef: string): MiddlewareHandler<AppEnv> => {
  const validate = validatorFor(schemaRef);
  return async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) throw apiError('unsupported_media_type');
    let data: unknown;
    try {
      data = JSON.parse(await c.req.text());
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
    c.set('body', data);
    await next();
  };
};
