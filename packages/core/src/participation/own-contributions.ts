import { deny, allow, type Decision } from '../access/decision.js';
import { decide } from '../access/decide.js';
import type { InputFacts } from '../access/facts.js';
import type { Subject } from '../access/subject.js';
import { readInput } from '../access/visibility.js';

/** An input as changing it needs: who wrote it (null when nothing may say), and its phase's state. */
export interface ChangeableInput extends InputFacts {
  authorId: string | null;
  phaseOpen: boolean;
}

export type InputChange = 'edit' | 'delete' | 'moderate';
export type InputChangeReason =
  'not_visible' | 'not_a_member' | 'not_permitted' | 'phase_not_active';

/**
 * SPEC 4 (moderation): authors edit and delete their own input while its phase is open; those who
 * moderate the project (`input.moderate`: its managers and moderators) hide or delete any, but
 * never rewrite someone's words. An input without an author (demographic or anonymous data
 * collection) is nobody's to edit: nothing ties it to a person (SPEC 4.4).
 */
export function decideInputChange(
  subject: Subject,
  input: ChangeableInput,
  change: InputChange,
): Decision<InputChangeReason> {
  const read = readInput(subject, input);
  if (!read.allowed) return read;
  if (change !== 'edit') {
    const moderate = decide(subject, 'input.moderate', { type: 'project', project: input.project });
    if (moderate.allowed) return allow(...moderate.trace);
    if (change === 'moderate') return deny('not_permitted', ...moderate.trace);
  }
  const own = subject.userId !== null && input.authorId === subject.userId;
  if (!own) return deny('not_permitted', 'only its author, or those who moderate the project');
  if (!input.phaseOpen) return deny('phase_not_active', 'its phase is over: it stays as it was');
  return allow('its author, while the phase is open');
}
