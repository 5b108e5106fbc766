import { router } from '../trpc.js';

export const membershipRouter = router({});
