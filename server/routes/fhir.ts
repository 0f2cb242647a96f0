/**
 * FHIR R4 over the API (content type application/fhir+json):
 * - `GET /v1/fhir/Questionnaire` and `/v1/fhir/Questionnaire/{id}`: every instrument and
 *   language edition as a Questionnaire. Public: they hold no person data, only the
 *   project's published questionnaires (without any licensed wording a service installed).
 * - `GET /v1/me/export?format=fhir`: the person's responses and scores as a Bundle
 *   (without the query, or with format=json, the export in me.ts answers).
 * - `GET /v1/staff/codes/{ref}/fhir`: the same for one code, read by its organisation's
 *   staff or API key (codes:read) while the person consents; free text is left out.
 * Errors stay the API's JSON errors (docs/api.md), not OperationOutcome.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { instrumentOf, type RouteDeps } from '../deps.ts';
import { apiError } from '../errors.ts';
import { requireScope } from '../middleware/staff-auth/index.ts';
import type { ResponseRow } from '../store/progress.ts';
import type { CodeRow } from '../store/codes.ts';
import { personBundle, type StoredResponse } from '../../engine/fhir/person-bundle.ts';
import { searchset } from '../../engine/fhir/searchset.ts';
import type { QuestionnaireCatalogue } from '../fhir-questionnaires.ts';
import { staffCodeAccess } from './staff-code-access.ts';

export const fhirContentType = 'application/fhir+json; charset=utf-8';

const fhir = (c: Context<AppEnv>, resource: unknown) => c.body(JSON.stringify(resource), 200, { 'Content-Type': fhirContentType });

const storedResponse = (r: ResponseRow): StoredResponse => ({
  ref: r.ref,
  instrumentId: r.instrument_id,
  answers: JSON.parse(r.answers_json) as Record<string, unknown>,
  score: JSON.parse(r.score_json) as StoredResponse['score'],
  createdAt: r.created_at,
});

/**
 * @example
 *   app.route('/', fhirRoutes(deps)); // before meRoutes, after personAuth and staffAuth
 */
export function fhirRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();
  const { stores } = deps;
  const access = staffCodeAccess(deps);
  // Read from the files on first use, then kept: they change only with a new deployment.
  // The instrument reader (YAML, the schema validator) is imported then too, not at start-up.
  let catalogue: Promise<QuestionnaireCatalogue> | undefined;
  const questionnaires = () => (catalogue ??= import('../fhir-questionnaires.ts').then(({ questionnaireCatalogue }) => questionnaireCatalogue(deps.programsDir, deps.programs.values()))
    .catch((error: unknown) => { catalogue = undefined; throw error; }));

  /** The code's responses and scores as a Bundle. */
  const bundleOf = async (code: CodeRow, freeText: boolean) => {
    const program = deps.programs.get(code.program_id);
    const catalogue = await questionnaires();
    return personBundle((await stores.progress.responses(code.id)).map(storedResponse), {
      codeRef: code.ref,
      instrumentOf: (id) => catalogue.instrument(id) ?? (program ? instrumentOf(program, id) : undefined),
      freeText,
      now: deps.clock.now().toISOString(),
    });
  };

  app.get('/v1/fhir/Questionnaire', async (c) => {
    const self = new URL(c.req.url);
    const base = `${self.origin}/v1/fhir/Questionnaire`;
    // FHIR search by `_id` and by `url` (the canonical URL a QuestionnaireResponse names);
    // a comma means "or". Other parameters are ignored, as FHIR's lenient search does.
    const anyOf = (name: string) => c.req.queries(name)?.flatMap((v) => v.split(','));
    const ids = anyOf('_id');
    const urls = anyOf('url');
    const found = (await questionnaires()).questionnaires.filter((q) => (!ids || ids.includes(q.id)) && (!urls || urls.includes(q.url)));
    const query = new URLSearchParams([...self.searchParams].filter(([name]) => name === '_id' || name === 'url')).toString();
    c.header('Cache-Control', 'public, max-age=3600');
    return fhir(c, searchset(found, (q) => `${base}/${q.id}`, query ? `${base}?${query}` : base, deps.clock.now().toISOString()));
  });

  app.get('/v1/fhir/Questionnaire/:id', async (c) => {
    const questionnaire = (await questionnaires()).byId.get(c.req.param('id'));
    if (!questionnaire) throw apiError('not_found', 'No such Questionnaire.');
    c.header('Cache-Control', 'public, max-age=3600');
    return fhir(c, questionnaire);
  });

  app.get('/v1/me/export', async (c, next) => {
    const format = c.req.query('format');
    if (format === undefined || format === 'json') return next();
    if (format !== 'fhir') throw apiError('validation_failed', undefined, { fields: [{ field: 'format', code: 'enum', message: "Expected 'json' or 'fhir'" }] });
    return fhir(c, await bundleOf(c.get('person').code, true));
  });

  app.get('/v1/staff/codes/:ref/fhir', async (c) => {
    const caller = c.get('staff');
    requireScope(caller, 'codes:read');
    const code = await access.codeOf(c);
    await access.requireConsent(caller, code, 'code.read_fhir');
    await access.audit(caller, code.ref, 'code.read_fhir');
    return fhir(c, await bundleOf(code, false));
  });
  return app;
}
