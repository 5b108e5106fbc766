import { describe, expect, it } from 'vitest';
import { isAction, participationActions } from '@samrad/core';
import { appRouter } from '../router.js';

interface ProcedureDef {
  _def: { type: 'query' | 'mutation'; meta?: { access?: string; caller?: string } };
}
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, ProcedureDef>,
).sort(([a], [b]) => a.localeCompare(b));

describe('the router’s procedures', () => {
  it('each states the policy action its guard decides, or says it is open', () => {
    for (const [path, procedure] of procedures) {
      const access = procedure._def.meta?.access ?? '';
      // The first word names an action of the registry (`decide` in @samrad/core), a
      // participation action (`decideParticipation`, SPEC 4.3) or `open:`.
      const first = access.split(' ')[0] ?? '';
      const participation =
        first.startsWith('participation.') &&
        (participationActions as readonly string[]).includes(first.slice('participation.'.length));
      expect(first === 'open:' || isAction(first) || participation, `${path}: ${access}`).toBe(
        true,
      );
    }
  });

  it('are open without a decision on a target only where that is the point', () => {
    const open = procedures
      .filter(([, procedure]) => procedure._def.meta?.access?.startsWith('open:'))
      .map(([path]) => path);
    // Adding to this list is a security decision: say why in the guard's text.
    expect(open).toEqual([
      'access.matrix',
      'auth.changePassword',
      'auth.confirmEmail',
      'auth.confirmEmailChange',
      'auth.me',
      'auth.participationToken',
      'auth.requestCode',
      'auth.requestEmailChange',
      'auth.requestPasswordReset',
      'auth.resetPassword',
      'auth.signIn',
      'auth.signOut',
      'auth.signUp',
      'auth.startVerification',
      'membership.acceptInvitation',
      'membership.leave',
      'platform.get',
      'users.updateProfile',
    ]);
  });

  it('change nothing for anyone but the account procedures, unless a full session calls them', () => {
    // What a visitor or a widget's participation token may change. Adding to this list is a
    // security decision: participation procedures (SPEC 4) belong here, management never.
    const open = procedures
      .filter(([, p]) => p._def.type === 'mutation' && p._def.meta?.caller === 'anyone')
      .map(([path]) => path);
    expect(open).toEqual([
      'auth.confirmEmail',
      'auth.requestCode',
      'auth.requestPasswordReset',
      'auth.resetPassword',
      'auth.signIn',
      'auth.signOut',
      'auth.signUp',
      'comments.create',
      'comments.report',
      'events.register',
      'inputs.create',
      'inputs.report',
      'polls.submit',
      'reactions.set',
      'surveys.submit',
      'volunteering.volunteer',
      'votes.cast',
    ]);
    for (const [path, p] of procedures) {
      expect(['anyone', 'full session'], path).toContain(p._def.meta?.caller);
    }
  });

  it('are documented for integrators with what each decides (PROCEDURES.md)', async () => {
    const rows = procedures.map(
      ([path, procedure]) =>
        `| \`${path}\` | ${procedure._def.type} | ${procedure._def.meta?.caller ?? ''} | ${(procedure._def.meta?.access ?? '').replaceAll('|', '\\|')} |`,
    );
    const table = [
      '# Procedures and the access decision each makes',
      '',
      'Generated from the router (`pnpm --filter @samrad/api run procedures`); every procedure is',
      'declared with the guard that decides access before its resolver runs (packages/api/README.md).',
      'Caller: *anyone* — a visitor, a widget’s participation token or a full session; *full session* —',
      'a signed-in, active user of the console or the typed client (a participation token is refused).',
      '',
      '| procedure | kind | caller | access decided |',
      '|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    await expect(table).toMatchFileSnapshot('../../../client/PROCEDURES.md');
  });
});
