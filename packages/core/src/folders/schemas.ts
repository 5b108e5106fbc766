import { z } from 'zod';

export const foldersPlaceholder = z.never();
