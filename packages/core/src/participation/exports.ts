import { z } from 'zod';
import { Id } from '../projects/schemas.js';

/*
 * `exports.*` (SPEC 2.3, 4.4): what came in, as a spreadsheet for the project's managers —
 * respecting each contribution's data collection, never a group of fewer than 5 people.
 */

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * Demographic values shared by fewer contributions than this are not shown where no name is
 * (SPEC 4.4): with so few, an answer could point at the person.
 */
export const smallestShownGroup = 5;

export const ExportPhaseInput = z.object({ phaseId: Id, format: z.enum(exportFormats) }).strict();
export type ExportPhaseInput = z.infer<typeof ExportPhaseInput>;

export const ExportProjectInput = z
  .object({ projectId: Id, format: z.enum(exportFormats) })
  .strict();
export type ExportProjectInput = z.infer<typeof ExportProjectInput>;

/** `insights.demographics`: a phase's participants by their answer to a registration question. */
export const DemographicsInput = z
  .object({ phaseId: Id, questionKey: z.string().min(1).max(60) })
  .strict();
export type DemographicsInput = z.infer<typeof DemographicsInput>;
