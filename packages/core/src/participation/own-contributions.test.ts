import { describe, expect, it } from 'vitest';
import type { ProjectFacts } from '../access/facts.js';
import { compileSubject, visitor, type RoleGrant } from '../access/subject.js';
import { decideInputChange, type InputChange } from './own-contributions.js';

const project: ProjectFacts = {
  id: 'p1',
  folderIds: [],
  status: 'published',
  everPublished: true,
  listed: true,
  visibleTo: 'everyone',
  visibleGroupIds: [],
  membersOnly: false,
  joinRequests: false,
  inDraftFolder: false,
};

const person = (userId: string, roles: RoleGrant[] = [], status: 'active' | 'pending' = 'active') =>
  compileSubject({ userId, status, kind: 'full', emailConfirmed: true, verifiedAt: null, roles });

const people = {
  author: person('author'),
  other: person('other'),
  moderator: person('mod', [
    { role: 'project_moderator', scope: { type: 'project', id: 'p1' }, ancestorFolderIds: [] },
  ]),
  admin: person('admin', [{ role: 'admin', scope: { type: 'platform' }, ancestorFolderIds: [] }]),
  pendingAuthor: person('author', [], 'pending'),
  visitor,
};

// Columns: edit / delete / moderate, for an open and a closed phase, on the author's own input.
const grid: [keyof typeof people, boolean, Record<InputChange, string>][] = [
  ['author', true, { edit: 'allowed', delete: 'allowed', moderate: 'not_permitted' }],
  [
    'author',
    false,
    { edit: 'phase_not_active', delete: 'phase_not_active', moderate: 'not_permitted' },
  ],
  ['other', true, { edit: 'not_permitted', delete: 'not_permitted', moderate: 'not_permitted' }],
  ['moderator', true, { edit: 'not_permitted', delete: 'allowed', moderate: 'allowed' }],
  ['moderator', false, { edit: 'not_permitted', delete: 'allowed', moderate: 'allowed' }],
  ['admin', true, { edit: 'not_permitted', delete: 'allowed', moderate: 'allowed' }],
  [
    'pendingAuthor',
    true,
    { edit: 'not_permitted', delete: 'not_permitted', moderate: 'not_permitted' },
  ],
  ['visitor', true, { edit: 'not_permitted', delete: 'not_permitted', moderate: 'not_permitted' }],
];

describe('changing an input (SPEC 4, moderation)', () => {
  it.each(
    grid.flatMap(([who, open, expected]) =>
      (['edit', 'delete', 'moderate'] as const).map((change) => ({
        who,
        open,
        change,
        expected: expected[change],
      })),
    ),
  )('$who, phase open: $open → $change: $expected', ({ who, open, change, expected }) => {
    const decision = decideInputChange(
      people[who],
      { project, hidden: false, authorId: 'author', phaseOpen: open },
      change,
    );
    expect(decision.allowed ? 'allowed' : decision.reason).toBe(expected);
  });

  it('lets nobody edit an input without an author (demographic or anonymous)', () => {
    const decision = decideInputChange(
      people.author,
      { project, hidden: false, authorId: null, phaseOpen: true },
      'edit',
    );
    expect(decision.reason).toBe('not_permitted');
  });

  it('hides a hidden input of a project the caller cannot see as not visible', () => {
    const draft = { ...project, status: 'draft' as const, everPublished: false };
    const decision = decideInputChange(
      people.author,
      { project: draft, hidden: false, authorId: 'author', phaseOpen: true },
      'delete',
    );
    expect(decision.reason).toBe('not_visible');
  });
});
