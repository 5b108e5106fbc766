import { z } from 'zod';

export const phasesPlaceholder = z.never();
