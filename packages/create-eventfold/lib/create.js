// @ts-check
const { relative, resolve } = require('node:path');
const { installDependencies } = require('./install');
const { USAGE, UsageError, parseOptions } = require('./options');
const { projectName } = require('./project-name');
const { scaffold, targetProblem } = require('./scaffold');

/** The eventfold dependency of a new project: the version this scaffolder was released with. */
const OWN_VERSION = require('../package.json').version;

/**
 * The eventfold dependency of the new project: the scaffolder's own version unless `spec` names another; a path to
 * a tarball or folder is made absolute, since the project's package.json lives elsewhere.
 * @param {string | undefined} spec
 * @param {string} cwd
 */
function eventfoldDependency(spec, cwd) {
  if (spec === undefined) return `^${OWN_VERSION}`;
  const isPath = /^[./]/.test(spec) || /\.(tgz|tar\.gz)$/.test(spec);
  return isPath ? `file:${resolve(cwd, spec)}` : spec;
}

/**
 * @typedef {object} CreateIo
 * @property {string} cwd
 * @property {(line: string) => void} out
 * @property {(line: string) => void} err
 * @property {(dir: string) => boolean} [install] runs the installation; npm install when absent
 */

/**
 * `npm create eventfold <dir>`: checks the name and the directory, writes the project, installs it, and says what
 * to do next. Returns the exit code: 0 done, 1 refused (nothing written) or the installation failed, 2 usage.
 * @param {readonly string[]} argv
 * @param {CreateIo} io
 */
function create(argv, io) {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`create-eventfold: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  const named = projectName(options.target, io.cwd);
  if (!named.ok) {
    io.err(`create-eventfold: ${named.reason}`);
    return 1;
  }
  const problem = targetProblem(named.dir);
  if (problem) {
    io.err(`create-eventfold: ${problem}`);
    return 1;
  }
  const files = scaffold({ ...named, eventfold: eventfoldDependency(options.eventfold, io.cwd) });
  io.out(`Created ${named.name} in ${named.dir} (${files.length} files).`);
  return finish(named.dir, options.install, io);
}

/**
 * @param {string} dir
 * @param {boolean} install
 * @param {CreateIo} io
 */
function finish(dir, install, io) {
  const cd = relative(io.cwd, dir) || '.';
  if (install) {
    io.out('Installing the dependencies (npm install) ...');
    if (!(io.install ?? installDependencies)(dir)) {
      io.err(`create-eventfold: npm install failed in ${dir}; run it there again once the cause is fixed`);
      return 1;
    }
  }
  io.out(
    [
      '',
      'Next:',
      `  cd ${cd}`,
      '  npm start    # runs the app on this machine (needs Java 17 for DynamoDB Local)',
      '  npm test     # type-checks and runs the specs',
      '',
      'The README says how to send a command and read the projection.',
    ].join('\n'),
  );
  return 0;
}

module.exports = { create, eventfoldDependency };
