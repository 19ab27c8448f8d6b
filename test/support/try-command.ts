import { isEventfoldError } from '../../src';
import type { EventfoldTestApp } from '../../src/testing/test-app';

/**
 * Runs a command of a random history: true when it was stored, false when the domain refused it (a 4xx, part of
 * the history); anything else (a 5xx) throws.
 */
export async function tryCommand(
  app: Pick<EventfoldTestApp, 'command'>,
  name: string,
  input: object,
): Promise<boolean> {
  try {
    await app.command(name, input);
    return true;
  } catch (error) {
    if (isEventfoldError(error) && error.httpStatus < 500) return false;
    throw error;
  }
}
