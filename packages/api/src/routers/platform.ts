import { getPlatform } from '../use-cases/platform/get-platform.js';
import { publicProcedure, router } from '../trpc.js';

export const platformRouter = router({
  get: publicProcedure.query(({ ctx }) => getPlatform(ctx)),
});
