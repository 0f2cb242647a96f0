// The baseline of `npm run bench`: a bare Hono hello-world on @hono/node-server, plain
// JavaScript, one JSON route. Prints "listening on <port>" once it listens (port 0: the
// OS chooses).
import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const app = new Hono();
app.get('/', (c) => c.json({ hello: 'world' }));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening on ${info.port}`));
process.once('SIGTERM', () => process.exit(0));
