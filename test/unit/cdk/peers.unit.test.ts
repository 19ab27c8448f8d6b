import fc from 'fast-check';
import { hasErrorCode } from '../../../src/domain/errors';
import { CDK_PEER_PACKAGES, assertCdkPeers, isInstalled } from '../../../src/infrastructure/cdk/peers';
import { thrown } from '../../support/thrown';

describe('the construct peer packages', () => {
  it('names exactly the missing ones, with the npm command that installs them', () => {
    fc.assert(
      fc.property(fc.subarray([...CDK_PEER_PACKAGES]), (missing) => {
        const error = thrown(() => assertCdkPeers((name) => !(missing as readonly string[]).includes(name)));
        if (missing.length === 0) return expect(error).toBeUndefined();
        expect(hasErrorCode(error, 'CONFIGURATION_INVALID')).toBe(true);
        const named = /npm i -D (.+)$/.exec((error as Error).message)?.[1]?.split(' ');
        expect(named?.sort()).toEqual([...missing].sort());
      }),
    );
    expect(CDK_PEER_PACKAGES.filter((name) => !isInstalled(name))).toEqual([]);
  });

  it('eventfold/cdk refuses before it loads aws-cdk-lib when aws-cdk-lib is missing', async () => {
    const error = await jest
      .isolateModulesAsync(async () => {
        const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
        jest.doMock('node:fs', () => ({
          ...fs,
          existsSync: (path: string) => !String(path).includes('aws-cdk-lib') && fs.existsSync(path),
        }));
        jest.doMock('aws-cdk-lib', () => {
          throw new Error('aws-cdk-lib was loaded');
        });
        await import('../../../src/cdk');
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(hasErrorCode(error, 'CONFIGURATION_INVALID')).toBe(true);
    expect((error as Error).message).toContain('npm i -D aws-cdk-lib');
  });
});
