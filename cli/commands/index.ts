/** Every CLI command, in the order `mestring --help` lists them. */
import type { Command } from '../command.ts';
import { validate } from './validate.ts';
import { build } from './build.ts';
import { score } from './score.ts';
import { outcome } from './outcome.ts';
import { overlay } from './overlay.ts';
import { preview } from './preview.ts';
import { translation } from './translation.ts';

import { serveCommand } from './serve.ts';
import { orgCommand } from './org.ts';
import { keyCommand } from './key.ts';
import { staffCommand } from './staff.ts';
import { backupCommand } from './backup.ts';
import { dbCommand } from './db.ts';

export const commands: Command[] = [validate, build, preview, translation, score, outcome, overlay, serveCommand, orgCommand, keyCommand, staffCommand, backupCommand, dbCommand];
