import { z } from 'zod';

export const registrationPlaceholder = z.never();
