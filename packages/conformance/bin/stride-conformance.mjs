#!/usr/bin/env node
// The CLI is TypeScript; tsx's loader lets it (and a bank's own TypeScript adapter module) run without a build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli.ts');
await run();
