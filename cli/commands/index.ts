/** Every CLI command, in the order `mestring --help` lists them. */
import type { Command } from '../command.ts';
import { validate } from './validate.ts';
import { build } from './build.ts';
import { score } from './score.ts';
import { outcome } from './outcome.ts';
import { overlay } from './overlay.ts';
import { preview } from './preview.ts';

export const commands: Command[] = [validate, build, preview, score, outcome, overlay];
