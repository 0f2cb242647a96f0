import { pino } from 'pino';
import { createApp } from '../server/app.ts';
import { loggerTo } from '../server/logger.ts';
import { testApp, phq9, gad7 } from '../tests/server/helpers.ts';
const env = await testApp();
const staff = await env.org();
const person = await env.person(staff.token);
await env.call('PUT', '/v1/me/consent', { token: person.token, body: { share: true } });
await env.call('POST', '/v1/me/questionnaires/phq9/responses', { token: person.token, body: { answers: phq9(1) } });
await env.call('POST', '/v1/me/questionnaires/gad7/responses', { token: person.token, body: { answers: gad7(1) } });
const logger = loggerTo(pino.destination({ dest: '/dev/null', sync: false, minLength: 32 * 1024, maxWrite: 64 * 1024 }));
const app = createApp({ store: env.stores, programs: [env.program], clock: env.clock, secrets: env.secrets, config: { programsDir: env.dir }, logger });
const req = new Request('http://localhost' + process.argv[2], { headers: { authorization: `Bearer ${person.token}` } });
const t0 = Date.now();
let n = 0;
while (Date.now() - t0 < 6000) { await Promise.all(Array.from({ length: 10 }, async () => { const r = await app.fetch(req); await r.text(); })); n += 10; }
console.log(n / 6, 'req/s');
await env.close();
