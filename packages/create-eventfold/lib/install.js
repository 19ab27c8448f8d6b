// @ts-check
const { spawnSync } = require('node:child_process');

/**
 * Runs `npm install` in the new project, its output shown as it comes; returns whether it succeeded.
 * @param {string} dir
 */
function installDependencies(dir) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], {
    cwd: dir,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  return result.status === 0;
}

module.exports = { installDependencies };
