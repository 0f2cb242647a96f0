/**
 * What the in-process and served benches measure against: the app as the server builds it
 * (no OpenAPI checks, logging to /dev/null through the server's pino setup) on a fresh
 * database, with a consenting person who has answered PHQ-9 and GAD-7 once.
 */
import { bufferedDestination, loggerTo } from '../server/logger.ts';
import { createApp } from '../server/app.ts';
import { testApp, phq9, gad7 } from '../tests/server/helpers.ts';

export async function benchApp() {
  const env = await testApp();
  const staff = await env.org();
  const person = await env.person(staff.token);
  await env.call('PUT', '/v1/me/consent', { token: person.token, body: { share: true } });
  await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: person.token, body: { answers: phq9(1) } });
  await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: person.token, body: { answers: gad7(1) } });
  const app = createApp({ store: env.stores, programs: [env.program], clock: env.clock, secrets: env.secrets, config: { programsDir: env.dir }, logger: loggerTo(bufferedDestination('/dev/null')) });
  return { env, person, app };
}
