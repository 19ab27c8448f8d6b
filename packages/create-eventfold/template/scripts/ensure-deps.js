// Installs the dependencies on a fresh clone, so that `npm start` and `npm test` work as first commands.
const { existsSync } = require('node:fs');
const { execSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  const install = existsSync(join(root, 'package-lock.json')) ? 'npm ci' : 'npm install';
  console.log(`installing the dependencies (${install}) ...`);
  execSync(`${install} --no-audit --no-fund`, { cwd: root, stdio: 'inherit' });
}
