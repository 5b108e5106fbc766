import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectFacts } from '../access/facts.js';
import type { Role, Scope } from '../access/roles.js';
import { compileSubject, visitor, type Subject, type SubjectInput } from '../access/subject.js';
import {
  decideParticipation,
  nextStepFor,
  participationReasons,
  type ParticipationQuestion,
  type ParticipationReason,
  type ParticipationSettingFacts,
  type PhaseFacts,
} from './decide-participation.js';
import { participationActions, permittedBy, type ParticipationAction } from './settings.js';

/*
 * SPEC 4.2–4.3: who may act in a phase, and the one reason of each refusal, checked in the
 * module's documented order (project and phase first, then who the person is, then what they
 * still lack, then what they already did).
 */

// ---------------------------------------------------------------------------------------------
// Builders

const day = 24 * 60 * 60 * 1000;
const now = new Date('2026-06-15T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * day);

function project(over: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    id: 'p',
    folderIds: ['root', 'f'],
    status: 'published',
    everPublished: true,
    listed: true,
    visibleTo: 'everyone',
    visibleGroupIds: [],
    membersOnly: false,
    joinRequests: false,
    inDraftFolder: false,
    ...over,
  };
}

function setting(over: Partial<ParticipationSettingFacts> = {}): ParticipationSettingFacts {
  return {
    enabled: true,
    permittedBy: 'account',
    groupIds: [],
    requiredQuestionIds: [],
    maxPerPerson: null,
    ...over,
  };
}

const openPhase: PhaseFacts = {
  startAt: daysAgo(30),
  endAt: new Date(now.getTime() + 30 * day),
  reverificationDays: null,
};

interface Ask {
  project?: Partial<ProjectFacts>;
  phase?: Partial<PhaseFacts>;
  action?: ParticipationAction;
  setting?: Partial<ParticipationSettingFacts> | 'absent';
  priorCount?: number;
}
function question(ask: Ask = {}): ParticipationQuestion {
  return {
    project: project(ask.project),
    phase: { ...openPhase, ...ask.phase },
    action: ask.action ?? 'post',
    setting: ask.setting === 'absent' ? undefined : setting(ask.setting),
    priorCount: ask.priorCount ?? 0,
    now,
  };
}

function personInput(id: string, over: Partial<SubjectInput> = {}): SubjectInput {
  return {
    userId: id,
    status: 'active',
    kind: 'full',
    emailConfirmed: true,
    verifiedAt: daysAgo(10),
    roles: [],
    groupIds: ['g1'],
    memberProjectIds: ['p'],
    answeredQuestionIds: ['q1', 'q2'],
    ...over,
  };
}
const person = (id: string, over: Partial<SubjectInput> = {}) =>
  compileSubject(personInput(id, over));

/** Someone with a role but nothing else: no confirmed e-mail, no verification, no groups, no answers. */
function bare(id: string, role: Role, scope: Scope, ancestorFolderIds: string[]): Subject {
  return compileSubject({
    userId: id,
    status: 'active',
    kind: 'light',
    emailConfirmed: false,
    verifiedAt: null,
    roles: [{ role, scope, ancestorFolderIds }],
  });
}

const s = {
  visitor,
  /** A full account that meets every requirement of the default phase. */
  user: person('user'),
  light: person('light', { kind: 'light' }),
  lightUnconfirmed: person('lightUnconfirmed', { kind: 'light', emailConfirmed: false }),
  unconfirmed: person('unconfirmed', { emailConfirmed: false }),
  unverified: person('unverified', { verifiedAt: null }),
  verifiedLongAgo: person('verifiedLongAgo', { verifiedAt: daysAgo(400) }),
  noGroups: person('noGroups', { groupIds: [] }),
  nonMember: person('nonMember', { memberProjectIds: [] }),
  noAnswers: person('noAnswers', { answeredQuestionIds: [] }),
  oneAnswer: person('oneAnswer', { answeredQuestionIds: ['q1'] }),
  /** Meets everything, but pending or blocked: a visitor (SPEC 2.4). */
  pending: person('pending', { status: 'pending' }),
  blocked: person('blocked', { status: 'blocked' }),
  pendingManager: compileSubject(
    personInput('pendingManager', {
      status: 'pending',
      roles: [
        {
          role: 'project_manager',
          scope: { type: 'project', id: 'p' },
          ancestorFolderIds: ['root', 'f'],
        },
      ],
    }),
  ),
  admin: bare('admin', 'admin', { type: 'platform' }, []),
  fmAbove: bare('fmAbove', 'folder_manager', { type: 'folder', id: 'root' }, []),
  fmOfFolder: bare('fmOfFolder', 'folder_manager', { type: 'folder', id: 'f' }, ['root']),
  fmElsewhere: bare('fmElsewhere', 'folder_manager', { type: 'folder', id: 'other' }, []),
  pm: bare('pm', 'project_manager', { type: 'project', id: 'p' }, ['root', 'f']),
  pmElsewhere: bare('pmElsewhere', 'project_manager', { type: 'project', id: 'q' }, ['root']),
  mod: bare('mod', 'project_moderator', { type: 'project', id: 'p' }, ['root', 'f']),
  rev: bare('rev', 'project_reviewer', { type: 'project', id: 'p' }, ['root', 'f']),
  modUnverified: compileSubject(
    personInput('modUnverified', {
      verifiedAt: null,
      roles: [
        {
          role: 'project_moderator',
          scope: { type: 'project', id: 'p' },
          ancestorFolderIds: ['root', 'f'],
        },
      ],
    }),
  ),
  /** A moderator who otherwise meets every requirement. */
  fullMod: compileSubject(
    personInput('fullMod', {
      roles: [
        {
          role: 'project_moderator',
          scope: { type: 'project', id: 'p' },
          ancestorFolderIds: ['root', 'f'],
        },
      ],
    }),
  ),
};
type Who = keyof typeof s;
const managers: Who[] = ['admin', 'fmAbove', 'fmOfFolder', 'pm'];

// ---------------------------------------------------------------------------------------------
// The table

type Row = [name: string, who: Who, ask: Ask, expected: ParticipationReason | null];

// prettier-ignore
const rows: Row[] = [
  // 1. project_not_visible — before everything
  ['a draft is invisible to a user', 'user', { project: { status: 'draft', everPublished: false } }, 'project_not_visible'],
  ['a managers-only project is invisible to a user', 'user', { project: { visibleTo: 'managers' } }, 'project_not_visible'],
  ['a group-visible project is invisible outside its groups', 'noGroups', { project: { visibleTo: 'groups', visibleGroupIds: ['g1'] } }, 'project_not_visible'],
  ['…and visible inside them', 'user', { project: { visibleTo: 'groups', visibleGroupIds: ['g1'] } }, null],
  ['an invisible archived project: not visible comes first', 'visitor', { project: { status: 'archived', visibleTo: 'managers' } }, 'project_not_visible'],
  ['an invisible project with the action off: not visible comes first', 'visitor', { project: { visibleTo: 'managers' }, setting: 'absent' }, 'project_not_visible'],
  ['a manager of another folder does not see a managers-only project', 'fmElsewhere', { project: { visibleTo: 'managers' } }, 'project_not_visible'],
  ['a manager of another project does not see a managers-only project', 'pmElsewhere', { project: { visibleTo: 'managers' } }, 'project_not_visible'],
  // 2. project_archived — before who the person is
  ['a visitor on an archived project: archived, not "sign in"', 'visitor', { project: { status: 'archived' } }, 'project_archived'],
  ['a user on an archived project', 'user', { project: { status: 'archived' } }, 'project_archived'],
  ['archived comes before the action being off', 'user', { project: { status: 'archived' }, setting: 'absent' }, 'project_archived'],
  ['archived comes before the phase dates', 'user', { project: { status: 'archived' }, phase: { endAt: daysAgo(1) } }, 'project_archived'],
  ['managers do not take part in an archived project either', 'admin', { project: { status: 'archived' } }, 'project_archived'],
  ['…nor its project manager', 'pm', { project: { status: 'archived' } }, 'project_archived'],
  // 3. action_not_enabled
  ['the phase does not offer the action', 'user', { setting: 'absent' }, 'action_not_enabled'],
  ['the action is switched off', 'user', { setting: { enabled: false } }, 'action_not_enabled'],
  ['switched off comes before the phase dates', 'user', { setting: { enabled: false }, phase: { startAt: daysAgo(-1) } }, 'action_not_enabled'],
  ['switched off comes before sign-in', 'visitor', { setting: { enabled: false } }, 'action_not_enabled'],
  ['managers cannot use an action the phase does not offer', 'admin', { setting: 'absent' }, 'action_not_enabled'],
  // 4. phase_not_active
  ['before the start', 'user', { phase: { startAt: new Date(now.getTime() + day) } }, 'phase_not_active'],
  ['after the end', 'user', { phase: { endAt: daysAgo(1) } }, 'phase_not_active'],
  ['at the end exactly', 'user', { phase: { endAt: now } }, 'phase_not_active'],
  ['at the start exactly', 'user', { phase: { startAt: now } }, null],
  ['no end date', 'user', { phase: { endAt: null } }, null],
  ['a closed phase comes before "managers only"', 'visitor', { phase: { endAt: daysAgo(1) }, setting: { permittedBy: 'managers' } }, 'phase_not_active'],
  ['a closed phase comes before sign-in', 'visitor', { phase: { endAt: daysAgo(1) } }, 'phase_not_active'],
  // 5. managers_only
  ['managers only: a user', 'user', { setting: { permittedBy: 'managers' } }, 'managers_only'],
  ['managers only: a visitor is told so, not "sign in"', 'visitor', { setting: { permittedBy: 'managers' } }, 'managers_only'],
  ['managers only: a moderator does not manage', 'fullMod', { setting: { permittedBy: 'managers' } }, 'managers_only'],
  ['managers only: a reviewer does not manage', 'rev', { setting: { permittedBy: 'managers' } }, 'managers_only'],
  ['managers only: a manager of another project', 'pmElsewhere', { setting: { permittedBy: 'managers' } }, 'managers_only'],
  // 6. not_signed_in
  ['account: a visitor must sign in', 'visitor', { setting: { permittedBy: 'account' } }, 'not_signed_in'],
  ['confirmed e-mail: a visitor must sign in', 'visitor', { setting: { permittedBy: 'confirmed_email' } }, 'not_signed_in'],
  ['verified: a visitor must sign in', 'visitor', { setting: { permittedBy: 'verified' } }, 'not_signed_in'],
  ['sign-in comes before groups', 'visitor', { setting: { groupIds: ['g1'] } }, 'not_signed_in'],
  ['sign-in comes before members-only', 'visitor', { project: { membersOnly: true } }, 'not_signed_in'],
  ['sign-in comes before questions', 'visitor', { setting: { requiredQuestionIds: ['q1'] } }, 'not_signed_in'],
  // 7. full_account_required
  ['account: a confirmed e-mail is not enough', 'light', { setting: { permittedBy: 'account' } }, 'full_account_required'],
  ['verified: a confirmed e-mail is not enough', 'light', { setting: { permittedBy: 'verified' } }, 'full_account_required'],
  ['a full account comes before members-only', 'light', { project: { membersOnly: true } }, 'full_account_required'],
  // 8. not_a_member
  ['members only: a non-member', 'nonMember', { project: { membersOnly: true } }, 'not_a_member'],
  ['members only: a member', 'user', { project: { membersOnly: true } }, null],
  ['members-only comes before groups', 'nonMember', { project: { membersOnly: true }, setting: { groupIds: ['g9'] } }, 'not_a_member'],
  ['members only: a light account on a confirmed-e-mail phase', 'light', { project: { membersOnly: true }, setting: { permittedBy: 'confirmed_email' } }, null],
  ['members only: no sign-in does not open the project to visitors', 'visitor', { project: { membersOnly: true }, action: 'survey', setting: { permittedBy: 'everyone' } }, 'not_a_member'],
  ['members only: no sign-in works for members', 'user', { project: { membersOnly: true }, action: 'survey', setting: { permittedBy: 'everyone' } }, null],
  // 9. not_in_group
  ['groups: in none of them', 'noGroups', { setting: { groupIds: ['g1', 'g2'] } }, 'not_in_group'],
  ['groups: in one of them qualifies', 'user', { setting: { groupIds: ['g2', 'g1'] } }, null],
  ['groups come before the e-mail', 'unconfirmed', { setting: { groupIds: ['g9'] } }, 'not_in_group'],
  ['groups apply to no sign-in too', 'visitor', { action: 'survey', setting: { permittedBy: 'everyone', groupIds: ['g1'] } }, 'not_in_group'],
  // 10. email_not_confirmed
  ['account: the e-mail is not confirmed', 'unconfirmed', {}, 'email_not_confirmed'],
  ['confirmed e-mail: a light account not confirmed yet', 'lightUnconfirmed', { setting: { permittedBy: 'confirmed_email' } }, 'email_not_confirmed'],
  ['confirmed e-mail: a light account confirmed', 'light', { setting: { permittedBy: 'confirmed_email' } }, null],
  ['confirmed e-mail: a full account confirmed', 'user', { setting: { permittedBy: 'confirmed_email' } }, null],
  ['the e-mail comes before verification', 'unconfirmed', { setting: { permittedBy: 'verified' } }, 'email_not_confirmed'],
  // 11. not_verified
  ['verified: never verified', 'unverified', { setting: { permittedBy: 'verified' } }, 'not_verified'],
  ['verified: verified', 'user', { setting: { permittedBy: 'verified' } }, null],
  ['account: no verification needed', 'unverified', { setting: { permittedBy: 'account' } }, null],
  ['verification comes before questions', 'unverified', { setting: { permittedBy: 'verified', requiredQuestionIds: ['q9'] } }, 'not_verified'],
  // 12. verification_expired
  ['re-verification: older than the phase allows', 'verifiedLongAgo', { setting: { permittedBy: 'verified' }, phase: { reverificationDays: 30 } }, 'verification_expired'],
  ['re-verification: recent enough', 'user', { setting: { permittedBy: 'verified' }, phase: { reverificationDays: 30 } }, null],
  ['re-verification: not asked for', 'verifiedLongAgo', { setting: { permittedBy: 'verified' }, phase: { reverificationDays: null } }, null],
  ['re-verification: only for verified phases', 'verifiedLongAgo', { setting: { permittedBy: 'account' }, phase: { reverificationDays: 30 } }, null],
  ['expiry comes before questions', 'verifiedLongAgo', { setting: { permittedBy: 'verified', requiredQuestionIds: ['q9'] }, phase: { reverificationDays: 30 } }, 'verification_expired'],
  // 13. missing_registration_answers
  ['questions: none answered', 'noAnswers', { setting: { requiredQuestionIds: ['q1'] } }, 'missing_registration_answers'],
  ['questions: one of two answered', 'oneAnswer', { setting: { requiredQuestionIds: ['q1', 'q2'] } }, 'missing_registration_answers'],
  ['questions: all answered', 'user', { setting: { requiredQuestionIds: ['q1', 'q2'] } }, null],
  ['questions: extra questions on a confirmed-e-mail phase', 'light', { setting: { permittedBy: 'confirmed_email', requiredQuestionIds: ['q7'] } }, 'missing_registration_answers'],
  ['questions come before already done', 'noAnswers', { action: 'survey', priorCount: 1, setting: { requiredQuestionIds: ['q1'] } }, 'missing_registration_answers'],
  ['questions come before the limit', 'noAnswers', { priorCount: 3, setting: { maxPerPerson: 1, requiredQuestionIds: ['q1'] } }, 'missing_registration_answers'],
  // 14. already_done
  ['a survey is answered once', 'user', { action: 'survey', priorCount: 1 }, 'already_done'],
  ['a poll is answered once', 'user', { action: 'poll', priorCount: 1 }, 'already_done'],
  ['a survey not yet answered', 'user', { action: 'survey' }, null],
  ['a survey is once even with a larger cap', 'user', { action: 'survey', priorCount: 1, setting: { maxPerPerson: 5 } }, 'already_done'],
  // 15. limit_reached
  ['the cap is reached', 'user', { action: 'post', priorCount: 2, setting: { maxPerPerson: 2 } }, 'limit_reached'],
  ['the cap is passed', 'user', { action: 'react', priorCount: 5, setting: { maxPerPerson: 2 } }, 'limit_reached'],
  ['votes per person', 'user', { action: 'vote', priorCount: 3, setting: { maxPerPerson: 3 } }, 'limit_reached'],
  ['below the cap', 'user', { action: 'post', priorCount: 1, setting: { maxPerPerson: 2 } }, null],
  ['no cap', 'user', { action: 'comment', priorCount: 100, setting: { maxPerPerson: null } }, null],
  // 'everyone': no sign-in, surveys (SPEC 4.2)
  ['no sign-in: a visitor answers the survey', 'visitor', { action: 'survey', setting: { permittedBy: 'everyone' } }, null],
  ['no sign-in: a light account unconfirmed answers it', 'lightUnconfirmed', { action: 'survey', setting: { permittedBy: 'everyone' } }, null],
  ['no sign-in: still needs the project to be visible', 'visitor', { action: 'survey', project: { visibleTo: 'managers' }, setting: { permittedBy: 'everyone' } }, 'project_not_visible'],
  ['no sign-in: still needs the phase to be open', 'visitor', { action: 'survey', phase: { endAt: daysAgo(1) }, setting: { permittedBy: 'everyone' } }, 'phase_not_active'],
  // SPEC 2.4: pending and blocked users are visitors
  ['a pending user must sign in like a visitor', 'pending', {}, 'not_signed_in'],
  ['a blocked user must sign in like a visitor', 'blocked', {}, 'not_signed_in'],
  ['a pending user on an archived project gets what a visitor gets', 'pending', { project: { status: 'archived' } }, 'project_archived'],
  ['a pending group member does not see a group project', 'pending', { project: { visibleTo: 'groups', visibleGroupIds: ['g1'] } }, 'project_not_visible'],
  ['a pending project manager does not test the phase', 'pendingManager', { phase: { endAt: daysAgo(1) } }, 'phase_not_active'],
  ['a pending project manager does not see its draft', 'pendingManager', { project: { status: 'draft', everPublished: false } }, 'project_not_visible'],
  ['a pending member is not a member', 'pending', { project: { membersOnly: true }, action: 'survey', setting: { permittedBy: 'everyone' } }, 'not_a_member'],
  ['a blocked user answers a no-sign-in survey like any visitor', 'blocked', { action: 'survey', setting: { permittedBy: 'everyone' } }, null],
  // Moderators and reviewers are not managers: they meet requirements like anyone (SPEC 4.2)
  ['a moderator waits for the phase to open', 'fullMod', { phase: { startAt: new Date(now.getTime() + day) } }, 'phase_not_active'],
  ['a moderator confirms their e-mail', 'mod', { setting: { permittedBy: 'confirmed_email' } }, 'email_not_confirmed'],
  ['a moderator needs a full account', 'mod', {}, 'full_account_required'],
  ['a moderator must be in the groups', 'fullMod', { setting: { groupIds: ['g9'] } }, 'not_in_group'],
  ['a reviewer confirms their e-mail', 'rev', { setting: { permittedBy: 'confirmed_email' } }, 'email_not_confirmed'],
  ['a moderator verifies', 'modUnverified', { setting: { permittedBy: 'verified' } }, 'not_verified'],
  ['a moderator answers the questions', 'fullMod', { setting: { requiredQuestionIds: ['q9'] } }, 'missing_registration_answers'],
  ['a moderator answers a survey once', 'fullMod', { action: 'survey', priorCount: 1 }, 'already_done'],
  ['a moderator meets caps', 'fullMod', { priorCount: 1, setting: { maxPerPerson: 1 } }, 'limit_reached'],
  ['a moderator who meets everything takes part', 'fullMod', {}, null],
  ['a moderator of a members-only project is no member by that', 'mod', { project: { membersOnly: true }, action: 'survey', setting: { permittedBy: 'everyone' } }, 'not_a_member'],
];

/** Everything a manager is never stopped by (SPEC 2.3, 4.2): each alone, then all at once. */
// prettier-ignore
const requirements: [string, Ask][] = [
  ['managers only', { setting: { permittedBy: 'managers' } }],
  ['sign-in mode: account', { setting: { permittedBy: 'account' } }],
  ['sign-in mode: confirmed e-mail', { setting: { permittedBy: 'confirmed_email' } }],
  ['verification', { setting: { permittedBy: 'verified' } }],
  ['re-verification', { setting: { permittedBy: 'verified' }, phase: { reverificationDays: 1 } }],
  ['groups', { setting: { groupIds: ['g1', 'g2'] } }],
  ['registration questions', { setting: { requiredQuestionIds: ['q1', 'q2'] } }],
  ['members only', { project: { membersOnly: true } }],
  ['a phase not yet open', { phase: { startAt: new Date(now.getTime() + day) } }],
  ['a closed phase', { phase: { endAt: daysAgo(1) } }],
  ['a survey already answered', { action: 'survey', priorCount: 3 }],
  ['a poll already answered', { action: 'poll', priorCount: 1 }],
  ['the cap per person', { priorCount: 9, setting: { maxPerPerson: 1 } }],
  ['a draft project', { project: { status: 'draft', everPublished: false } }],
  ['a managers-only project', { project: { visibleTo: 'managers' } }],
  ['all at once', {
    project: { membersOnly: true, visibleTo: 'managers' },
    phase: { endAt: daysAgo(1), reverificationDays: 1 },
    action: 'survey',
    priorCount: 2,
    setting: { permittedBy: 'verified', groupIds: ['g9'], requiredQuestionIds: ['q9'], maxPerPerson: 1 },
  }],
];

const ask = (who: Who, a: Ask) => decideParticipation(s[who], question(a));

function expectReason(
  decision: ReturnType<typeof decideParticipation>,
  reason: ParticipationReason | null,
) {
  expect({ allowed: decision.allowed, reason: decision.reason }).toEqual({
    allowed: reason === null,
    reason,
  });
  expect(decision.trace.length).toBeGreaterThan(0);
  for (const step of decision.trace) expect(step).not.toBe('');
}

describe('decideParticipation: one reason per refusal, in the documented order (SPEC 4.3)', () => {
  it.each(rows.map(([name, who, a, expected]) => ({ name, who, a, expected })))(
    '$name ($who → $expected)',
    ({ who, a, expected }) => expectReason(ask(who, a), expected),
  );

  it('produces every reason the module lists', () => {
    const seen = new Set(rows.map(([, who, a]) => ask(who, a).reason));
    for (const [, a] of requirements) for (const who of managers) seen.add(ask(who, a).reason);
    seen.delete(null);
    expect([...seen].sort()).toEqual([...participationReasons].sort());
  });
});

describe('managers test phases: no requirement stops them (SPEC 2.3, 4.2)', () => {
  const cases = managers.flatMap((who) =>
    requirements.map(([requirement, a]) => ({ who, requirement, a })),
  );
  it.each(cases)('$who is not stopped by $requirement', ({ who, a }) => {
    expectReason(ask(who, a), null);
  });

  const notManagers: Who[] = ['mod', 'rev', 'fmElsewhere', 'pmElsewhere', 'pendingManager'];
  it.each(notManagers)('%s is stopped by the requirements', (who) => {
    const last = requirements.at(-1)?.[1] ?? {};
    expect(ask(who, last).allowed).toBe(false);
    expect(ask(who, { setting: { permittedBy: 'managers' } }).allowed).toBe(false);
  });
});

describe('pending and blocked users get what a visitor gets (SPEC 2.4, 4.2)', () => {
  it('for any project, phase, action and setting', () => {
    const demoted = [s.pending, s.blocked, s.pendingManager];
    fc.assert(
      fc.property(
        fc.record({
          project: fc.record({
            status: fc.constantFrom('draft' as const, 'published' as const, 'archived' as const),
            visibleTo: fc.constantFrom('everyone' as const, 'managers' as const, 'groups' as const),
            visibleGroupIds: fc.subarray(['g1', 'g2']),
            membersOnly: fc.boolean(),
          }),
          phase: fc.record({
            startAt: fc.constantFrom(daysAgo(5), daysAgo(-5)),
            endAt: fc.constantFrom(null, daysAgo(1), daysAgo(-1)),
            reverificationDays: fc.constantFrom(null, 1, 100),
          }),
          action: fc.constantFrom(...participationActions),
          setting: fc.option(
            fc.record({
              enabled: fc.boolean(),
              permittedBy: fc.constantFrom(...permittedBy),
              groupIds: fc.subarray(['g1', 'g2']),
              requiredQuestionIds: fc.subarray(['q1', 'q3']),
              maxPerPerson: fc.option(fc.integer({ min: 1, max: 3 })),
            }),
            { nil: 'absent' as const },
          ),
          priorCount: fc.integer({ min: 0, max: 4 }),
        }),
        (a) => {
          const q = question(a);
          const asVisitor = decideParticipation(visitor, q);
          for (const subject of demoted) {
            const d = decideParticipation(subject, q);
            expect({ allowed: d.allowed, reason: d.reason }).toEqual({
              allowed: asVisitor.allowed,
              reason: asVisitor.reason,
            });
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('nextStepFor (SPEC 4.3): the step a widget offers', () => {
  const steps: Record<ParticipationReason, ReturnType<typeof nextStepFor>> = {
    project_not_visible: null,
    project_archived: null,
    action_not_enabled: null,
    phase_not_active: null,
    managers_only: null,
    not_signed_in: 'sign_in',
    full_account_required: 'sign_up',
    not_a_member: null,
    not_in_group: null,
    email_not_confirmed: 'confirm_email',
    not_verified: 'verify',
    verification_expired: 'verify',
    missing_registration_answers: 'answer_questions',
    already_done: null,
    limit_reached: null,
  };
  it.each(participationReasons.map((reason) => ({ reason, step: steps[reason] })))(
    '$reason → $step',
    ({ reason, step }) => {
      expect(nextStepFor(reason, { joinRequests: false })).toBe(step);
    },
  );
  it('a non-member may request to join where the project takes join requests (SPEC 3.5)', () => {
    expect(nextStepFor('not_a_member', { joinRequests: true })).toBe('request_to_join');
    expect(nextStepFor('not_a_member', { joinRequests: false })).toBeNull();
  });
  it('the step of a real refusal: "Sign in to post", "Answer 2 more questions"', () => {
    const signIn = ask('visitor', {});
    expect(nextStepFor(signIn.reason!, { joinRequests: false })).toBe('sign_in');
    const answers = ask('noAnswers', { setting: { requiredQuestionIds: ['q1', 'q2'] } });
    expect(nextStepFor(answers.reason!, { joinRequests: false })).toBe('answer_questions');
    expect(answers.trace.join(' ')).toContain('2');
    const join = ask('nonMember', { project: { membersOnly: true, joinRequests: true } });
    expect(nextStepFor(join.reason!, { joinRequests: true })).toBe('request_to_join');
  });
});

describe('decideParticipation never throws (SPEC 4.3)', () => {
  it('answers every question with a decision and a trace', () => {
    const subjects = Object.values(s);
    fc.assert(
      fc.property(
        fc.constantFrom(...subjects),
        fc.record({
          project: fc.record({
            status: fc.constantFrom('draft' as const, 'published' as const, 'archived' as const),
            visibleTo: fc.constantFrom('everyone' as const, 'managers' as const, 'groups' as const),
            membersOnly: fc.boolean(),
          }),
          phase: fc.record({
            startAt: fc.date({ noInvalidDate: true }),
            endAt: fc.option(fc.date({ noInvalidDate: true })),
            reverificationDays: fc.option(fc.integer({ min: 0, max: 1000 })),
          }),
          action: fc.constantFrom(...participationActions),
          setting: fc.option(
            fc.record({
              enabled: fc.boolean(),
              permittedBy: fc.constantFrom(...permittedBy),
              groupIds: fc.subarray(['g1', 'g2']),
              requiredQuestionIds: fc.subarray(['q1', 'q3']),
              maxPerPerson: fc.option(fc.integer({ min: 0, max: 3 })),
            }),
            { nil: 'absent' as const },
          ),
          priorCount: fc.nat(10),
        }),
        (subject, a) => {
          const d = decideParticipation(subject, question(a));
          expect(typeof d.allowed).toBe('boolean');
          if (d.allowed) expect(d.reason).toBeNull();
          else expect(participationReasons).toContain(d.reason);
          expect(d.trace.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
