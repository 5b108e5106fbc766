import { z } from 'zod';

export const membershipPlaceholder = z.never();
