// @ts-check
const { parseArgs } = require('node:util');

const USAGE = `usage: npm create eventfold <project-dir> [-- --no-install] [--eventfold <version or tarball>]

Makes a new eventfold project in <project-dir> (it must not exist or be empty) and installs its dependencies.
  --no-install          write the files only; the first npm start or npm test installs them
  --eventfold <spec>    the eventfold dependency (default: the version this scaffolder belongs to)`;

/** A mistake in the command line: the message says what is wrong, the usage follows it. */
class UsageError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Reads the command line (without node and the script).
 * @param {readonly string[]} argv
 * @returns {{ help: true } | { help: false, target: string, eventfold?: string, install: boolean }}
 */
function parseOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        eventfold: { type: 'string' },
        'no-install': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(/** @type {Error} */ (error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'name the project directory' : 'name one project directory',
    );
  }
  return {
    help: false,
    target: /** @type {string} */ (positionals[0]),
    eventfold: values.eventfold,
    install: !values['no-install'],
  };
}

module.exports = { USAGE, UsageError, parseOptions };
