#!/usr/bin/env node
// The `eventfold` command: the compiled CLI when the package is built, the TypeScript source otherwise.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

/** commander and cli-progress are optional peer dependencies: only the command needs them. */
function runCli(load) {
  try {
    load();
  } catch (error) {
    const missing = /Cannot find module '(commander|cli-progress)'/.exec(String(error && error.message));
    if (!error || error.code !== 'MODULE_NOT_FOUND' || !missing) throw error;
    console.error(
      `eventfold: the command needs ${missing[1]}; install it with: npm i -D commander cli-progress`,
    );
    process.exit(1);
  }
}

const built = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (existsSync(built)) {
  runCli(() => require(built));
} else {
  require('ts-node').register({ transpileOnly: true, project: join(__dirname, '..', 'tsconfig.json') });
  runCli(() => require('../src/cli/main.ts'));
}
