import { router } from '../trpc.js';

export const groupsRouter = router({});
