/** Every CLI command, in the order `mestring --help` lists them. */
import type { Command } from '../command.ts';
import { validate } from './validate.ts';
import { build } from './build.ts';

export const commands: Command[] = [validate, build];
