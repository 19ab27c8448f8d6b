#!/usr/bin/env node
// `npm create eventfold <dir>` runs this.
const { create } = require('../lib/create');

process.exitCode = create(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
