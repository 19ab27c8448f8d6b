import { forProjection } from '../../src/testing';
import { MemberRegistered } from './events';
import { MemberDirectory } from './projections';

describe('member directory', () => {
  const ada = new MemberRegistered('m1', 'Ada Lovelace', 'ada@example.org');

  it('lists a member by name', async () => {
    await forProjection(new MemberDirectory())
      .given('Member#m1', ada)
      .expectRows({
        'member#m1': { name: 'Ada Lovelace', email: 'ada@example.org', loans: 0, lastNote: '' },
      });
  });

  it('keeps none of a forgotten member personal data', async () => {
    await forProjection(new MemberDirectory()).given('Member#m1', ada).expectForgotten('m1');
  });
});
