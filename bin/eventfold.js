#!/usr/bin/env node
// The `eventfold` command: the compiled CLI when the package is built, the TypeScript source otherwise.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (existsSync(built)) {
  require(built);
} else {
  require('ts-node').register({ transpileOnly: true, project: join(__dirname, '..', 'tsconfig.json') });
  require('../src/cli/main.ts');
}
