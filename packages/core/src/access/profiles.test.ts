import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import type { UserFacts } from './facts.js';
import { compileSubject, visitor } from './subject.js';

const resident = (id: string, memberProjectIds: string[] = []) =>
  compileSubject({
    userId: id,
    status: 'active',
    kind: 'full',
    emailConfirmed: true,
    verifiedAt: null,
    roles: [],
    memberProjectIds,
  });
const neighbour: UserFacts = {
  id: 'n',
  listedInDirectory: false,
  active: true,
  participatedIn: [],
  memberOf: ['ostra'],
};

describe('public profiles (SPEC 2.4, 6)', () => {
  it('are seen by fellow members of a project, not by other residents, never by visitors', () => {
    expect(
      decide(resident('a', ['ostra']), 'user.read', { type: 'user', user: neighbour }).allowed,
    ).toBe(true);
    expect(
      decide(resident('b', ['elsewhere']), 'user.read', { type: 'user', user: neighbour }).reason,
    ).toBe('not_visible');
    expect(
      decide(visitor, 'user.read', {
        type: 'user',
        user: { ...neighbour, listedInDirectory: true },
      }).allowed,
    ).toBe(false);
  });

  it('of pending and blocked people are met neither in the directory nor among members', () => {
    const away: UserFacts = { ...neighbour, listedInDirectory: true, active: false };
    const admin = compileSubject({
      userId: 'x',
      status: 'active',
      kind: 'full',
      emailConfirmed: true,
      verifiedAt: null,
      roles: [{ role: 'admin', scope: { type: 'platform' }, ancestorFolderIds: [] }],
      memberProjectIds: [],
    });
    for (const who of [resident('a', ['ostra']), resident('b')]) {
      expect(decide(who, 'user.read', { type: 'user', user: away }).reason).toBe('not_visible');
    }
    // Admins still see them (they approve and unblock them), and so do the people themselves.
    expect(decide(admin, 'user.read', { type: 'user', user: away }).allowed).toBe(true);
    expect(decide(resident('n'), 'user.read', { type: 'user', user: away }).allowed).toBe(true);
  });

  it('do not open personal data to fellow members', () => {
    const decision = decide(resident('a', ['ostra']), 'user.readPersonalData', {
      type: 'user',
      user: neighbour,
    });
    expect([decision.allowed, decision.reason]).toEqual([false, 'not_permitted']);
  });
});
