/** `mestring preview programs/<id>`: a local preview of one program for its authors. */
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { createPreview } from '../preview/preview-app.ts';
import { UsageError, type Command } from '../command.ts';

export const preview: Command = {
  name: 'preview',
  help: `Usage: mestring preview <program folder> [--port <n>] [--locale <locale>]

Serves one program on http://127.0.0.1:<port>/: every part rendered as a person
sees it (no gating), exercises and questionnaires shown, and the compiler's
diagnostics at the top of the page. Computed values (:value) and recalled entries
(::recall) are filled in for a made-up person (a week of sleep diary, rise time
07:00, middle answers, two entries per exercise). The page reloads when a file
changes.

Options:
  --port <n>          port to listen on (default 4000)
  --locale <locale>   show a translated edition (e.g. en); default: the source
  -h, --help          show this help`,
  options: { port: { type: 'string' }, locale: { type: 'string' } },
  async run({ values, positionals }) {
    const [dir] = positionals;
    if (!dir || !existsSync(dir)) throw new UsageError('name a program folder, e.g. programs/sovn');
    const port = Number(values.port ?? 4000);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`invalid port '${String(values.port)}'`);
    const { app, close } = createPreview(dir, { locale: typeof values.locale === 'string' ? values.locale : undefined });
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
    console.log(`Previewing ${dir} on http://127.0.0.1:${port}/ (Ctrl+C to stop)`);
    await new Promise<void>((done) => {
      const stop = () => {
        close();
        server.close();
        done();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
