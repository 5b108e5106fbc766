import { z } from 'zod';

export const groupsPlaceholder = z.never();
