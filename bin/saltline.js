#!/usr/bin/env node
// The `saltline` command: the compiled CLI lives in dist/ (built by `npm ci` through `prepare`).
import('../dist/src/cli/main.js').catch((err) => {
  console.error(`saltline: ${err instanceof Error ? err.message : String(err)}`);
  console.error('If dist/ is missing, run `npm run build` first.');
  process.exit(1);
});
