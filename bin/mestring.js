#!/usr/bin/env node
// Entry point of the `mestring` CLI. The sources are TypeScript; tsx loads them
// directly so that `npx mestring` works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
