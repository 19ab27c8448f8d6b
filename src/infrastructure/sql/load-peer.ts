import { ConfigurationError } from '../../domain/domain-errors';

/**
 * Loads an optional peer dependency when it is first needed, so that apps without SQL read models never load it;
 * a missing one is a clear error naming the package to install.
 */
export async function loadPeer<M>(name: string, purpose: string): Promise<M> {
  try {
    return (await import(name)) as M;
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    throw new ConfigurationError(`${purpose} needs the package ${name}: npm install ${name}`, {
      package: name,
    });
  }
}
