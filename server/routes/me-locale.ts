/**
 * The person switches language. Only the code's language changes: progress, entries,
 * answers and check-ins are keyed by ids, so every edition shows the same work.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { RouteDeps } from '../deps.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { languagesOf } from '../locale/person-edition.ts';
import type { PersonLocale } from '../locale/languages.ts';

/**
 * @example
 *   app.route('/', meLocaleRoutes(deps)); // after personAuth on /v1/me/*
 */
export function meLocaleRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();

  app.put('/v1/me/locale', jsonBody('api-person.schema.json#/$defs/LocaleRequest'), async (c) => {
    const { code } = c.get('person');
    const { locale } = c.get('body') as { locale: PersonLocale };
    await deps.stores.codes.setLocale(code.id, locale);
    const languages = languagesOf(deps, { ...code, locale });
    c.header('Content-Language', languages.contentLocale);
    return c.json(languages);
  });
  return app;
}
