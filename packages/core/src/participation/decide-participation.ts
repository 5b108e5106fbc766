import { allow, deny, type Decision } from '../access/decision.js';
import type { ProjectFacts } from '../access/facts.js';
import { managingKinds, standingOnProject } from '../access/standing.js';
import type { Subject } from '../access/subject.js';
import { readProject } from '../access/visibility.js';
import type { ParticipationAction, PermittedBy } from './settings.js';

/** SPEC 4.3: every refusal has one reason the UI can act on. */
export const participationReasons = [
  'project_not_visible',
  'project_archived',
  'action_not_enabled',
  'phase_not_active',
  'managers_only',
  'not_signed_in',
  'full_account_required',
  'not_a_member',
  'not_in_group',
  'email_not_confirmed',
  'not_verified',
  'verification_expired',
  'missing_registration_answers',
  'already_done',
  'limit_reached',
] as const;
export type ParticipationReason = (typeof participationReasons)[number];

/** A phase's setting for one action (SPEC 4.2); absent means the action is not enabled. */
export interface ParticipationSettingFacts {
  enabled: boolean;
  permittedBy: PermittedBy;
  /** Groups restricting participation: a member of any one qualifies; empty: no restriction. */
  groupIds: readonly string[];
  /** Registration questions the person must have answered: the required ones for accounts, plus the phase's extra questions. */
  requiredQuestionIds: readonly string[];
  /** Cap on how often one person acts; null: no cap (surveys and polls are once). */
  maxPerPerson: number | null;
}

export interface PhaseFacts {
  startAt: Date;
  endAt: Date | null;
  /** Days after which a verification must be renewed; null: never. */
  reverificationDays: number | null;
}

export interface ParticipationQuestion {
  project: ProjectFacts;
  phase: PhaseFacts;
  action: ParticipationAction;
  setting: ParticipationSettingFacts | undefined;
  /** How often the subject already did this action in this phase. */
  priorCount: number;
  now: Date;
}

/** Actions a person does once per phase (a survey is answered once, SPEC 4.2). */
const once = new Set<ParticipationAction>(['survey', 'poll']);
const day = 24 * 60 * 60 * 1000;

/**
 * Whether the subject manages the project, and so takes part as a test (SPEC 2.3): no
 * requirement, no cap, and nothing it does counts as a resident's participation.
 */
export function takesPartAsManager(subject: Subject, project: ProjectFacts): boolean {
  const standing = standingOnProject(subject, project);
  return standing !== null && managingKinds.has(standing.kind);
}

/**
 * May the subject do this action in this phase? The checks run in this fixed order — the
 * project and phase first, then who the person is, then what they still lack, then what they
 * already did — and the first that fails is the reason:
 *
 *  1. project_not_visible   the subject cannot see the project
 *  2. project_archived      archived projects are read-only
 *  3. action_not_enabled    the phase does not offer this action
 *  4. phase_not_active      before the start or after the end (managers may test it)
 *  5. managers_only         only those who manage the project
 *  6. not_signed_in         the action needs an account or a confirmed e-mail
 *  7. full_account_required a light account (confirmed e-mail only) where a full one is needed
 *  8. not_a_member          members-only project
 *  9. not_in_group          participation restricted to groups the subject is in none of
 * 10. email_not_confirmed   the e-mail address is not confirmed yet
 * 11. not_verified          the phase needs a verified identity
 * 12. verification_expired  the verification is older than the phase allows
 * 13. missing_registration_answers  required or extra questions unanswered
 * 14. already_done          surveys and polls are answered once
 * 15. limit_reached         the phase's cap per person
 *
 * Those who manage the project (admins, folder managers above it, its project managers) skip
 * 4–13 and 14–15 (test features, SPEC 2.3, 4.2); pending and blocked users are visitors and skip
 * nothing.
 */
export function decideParticipation(
  subject: Subject,
  question: ParticipationQuestion,
): Decision<ParticipationReason> {
  const { project, phase, setting, now } = question;
  const standing = standingOnProject(subject, project);
  if (!readProject(subject, project, undefined, standing).allowed) {
    return deny('project_not_visible', 'the subject cannot see the project');
  }
  if (project.status === 'archived')
    return deny('project_archived', 'archived projects are read-only');
  if (!setting?.enabled)
    return deny('action_not_enabled', `the phase does not offer ${question.action}`);
  if (standing && managingKinds.has(standing.kind)) {
    return allow(standing.label, 'managers may test a phase: requirements do not apply');
  }
  if (now < phase.startAt || (phase.endAt !== null && now >= phase.endAt)) {
    return deny(
      'phase_not_active',
      now < phase.startAt ? 'the phase has not started' : 'the phase has ended',
    );
  }
  const who = whoMayAct(subject, project, setting);
  if (who) return who;
  const lacking = whatIsLacking(subject, phase, setting, now);
  if (lacking) return lacking;
  const limit = once.has(question.action) ? 1 : setting.maxPerPerson;
  if (limit !== null && question.priorCount >= limit) {
    return once.has(question.action)
      ? deny('already_done', `${question.action} is done once per person`)
      : deny('limit_reached', `at most ${limit} per person`);
  }
  return allow(`permitted by ${setting.permittedBy}`);
}

function whoMayAct(
  subject: Subject,
  project: ProjectFacts,
  setting: ParticipationSettingFacts,
): Decision<ParticipationReason> | null {
  if (setting.permittedBy === 'managers')
    return deny('managers_only', 'only those who manage the project');
  if (setting.permittedBy === 'everyone') {
    // No sign-in (surveys only): anyone who sees the project, visitors included — but the content
    // of a members-only project, its phases included, is for members only (SPEC 3.5).
    if (project.membersOnly && !subject.memberProjectIds.has(project.id)) {
      return deny('not_a_member', 'members only');
    }
    return setting.groupIds.length > 0 && !inAnyGroup(subject, setting.groupIds)
      ? deny('not_in_group', 'restricted to groups the subject is in none of')
      : null;
  }
  if (subject.userId === null)
    return deny('not_signed_in', `needs ${setting.permittedBy.replace('_', ' ')}`);
  if (setting.permittedBy !== 'confirmed_email' && subject.account !== 'full') {
    return deny(
      'full_account_required',
      'a confirmed e-mail is not enough here: a full account is',
    );
  }
  if (project.membersOnly && !subject.memberProjectIds.has(project.id)) {
    return deny('not_a_member', 'members only');
  }
  if (setting.groupIds.length > 0 && !inAnyGroup(subject, setting.groupIds)) {
    return deny('not_in_group', 'restricted to groups the subject is in none of');
  }
  return null;
}

function whatIsLacking(
  subject: Subject,
  phase: PhaseFacts,
  setting: ParticipationSettingFacts,
  now: Date,
): Decision<ParticipationReason> | null {
  if (setting.permittedBy === 'everyone') return null;
  if (!subject.emailConfirmed)
    return deny('email_not_confirmed', 'confirm the e-mail address first');
  if (setting.permittedBy === 'verified') {
    if (subject.verifiedAt === null) return deny('not_verified', 'verify your identity first');
    if (
      phase.reverificationDays !== null &&
      now.getTime() - subject.verifiedAt > phase.reverificationDays * day
    ) {
      return deny(
        'verification_expired',
        `verified more than ${phase.reverificationDays} days ago`,
      );
    }
  }
  const missing = setting.requiredQuestionIds.filter(
    (id) => !subject.answeredQuestionIds.has(id),
  ).length;
  if (missing > 0)
    return deny('missing_registration_answers', `${missing} question(s) left to answer`);
  return null;
}

function inAnyGroup(subject: Subject, groupIds: readonly string[]): boolean {
  return groupIds.some((id) => subject.groupIds.has(id));
}

/** The next step a widget offers for a refusal (SPEC 4.3), or null when there is none. */
export type NextStep =
  'sign_in' | 'sign_up' | 'confirm_email' | 'verify' | 'answer_questions' | 'request_to_join';

export function nextStepFor(
  reason: ParticipationReason,
  context: { joinRequests: boolean },
): NextStep | null {
  switch (reason) {
    case 'not_signed_in':
      return 'sign_in';
    case 'full_account_required':
      return 'sign_up';
    case 'email_not_confirmed':
      return 'confirm_email';
    case 'not_verified':
    case 'verification_expired':
      return 'verify';
    case 'missing_registration_answers':
      return 'answer_questions';
    case 'not_a_member':
      return context.joinRequests ? 'request_to_join' : null;
    default:
      return null;
  }
}
