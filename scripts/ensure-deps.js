// Installs the dependencies on a fresh clone, so that `npm start` and `npm test` work as first commands. npm ci
// prints nothing for a minute or two, so the packages it has unpacked are counted and shown every few seconds.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const modules = join(root, 'node_modules');
const marker = join(modules, '.package-lock.json');

/** How many packages the lock file puts at the top of node_modules (the progress line's denominator). */
function lockedPackages() {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  return Object.keys(lock.packages ?? {}).filter((path) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path))
    .length;
}

/** The packages unpacked at the top of node_modules so far. */
function unpackedPackages() {
  if (!existsSync(modules)) return 0;
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .reduce((count, name) => count + (name.startsWith('@') ? readdirSync(join(modules, name)).length : 1), 0);
}

function install() {
  const total = lockedPackages();
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  console.log(`eventfold: installing dependencies (npm ci, ${total} packages) ...`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const child = spawn(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const timer = setInterval(() => {
    const unpacked = Math.min(unpackedPackages(), total);
    console.log(`eventfold: npm ci: ${unpacked} of ${total} packages unpacked (${seconds()} s)`);
  }, 5_000);
  child.on('close', (code) => {
    clearInterval(timer);
    if (code !== 0) {
      console.error(`eventfold: npm ci failed (exit ${code})`);
      process.exit(code ?? 1);
    }
    console.log(`eventfold: dependencies installed in ${seconds()} s`);
  });
}

if (!existsSync(marker)) install();
