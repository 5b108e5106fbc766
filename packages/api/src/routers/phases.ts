import { router } from '../trpc.js';

export const phasesRouter = router({});
