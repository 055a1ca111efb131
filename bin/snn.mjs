#!/usr/bin/env node
// Entry of the `snn` command: runs the TypeScript sources directly through tsx (no build step needed after
// `npm ci`). The process exits explicitly because Dawn (WebGPU) keeps native handles open.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exit(code);
