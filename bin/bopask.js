#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript run through tsx's loader, so `npx bopask` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/bopask.ts');
