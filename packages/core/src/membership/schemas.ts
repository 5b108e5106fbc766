import { z } from 'zod';

export const _placeholder = z.never();
