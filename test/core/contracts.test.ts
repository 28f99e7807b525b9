import { expect } from '@open-wc/testing';
import { StrideError, isStrideError, DEFAULT_CATALOGUE } from '@stride/core';

describe('contracts', () => {
  it('StrideError carries its kind and method so a host can route an expired session', () => {
    const error = new StrideError('auth', 'leaderboard', 'leaderboard: session expired (401)', { status: 401 });
    expect(isStrideError(error)).to.equal(true);
    expect(error.kind).to.equal('auth');
    expect(error.status).to.equal(401);
  });
  it('the default catalogue has the ten indicators in the order of the Definitions', () => {
    expect(DEFAULT_CATALOGUE.map((d) => d.id)).to.deep.equal([
      'assigned',
      'claim_rate',
      'contacted',
      'conversations',
      'visits',
      'followup_rate',
      'logged_rate',
      'intent',
      'applications',
      'conversions',
    ]);
  });
});
