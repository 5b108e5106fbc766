import { UpdatePlatformInput } from '@samrad/core';
import { getPlatform } from '../use-cases/platform/get-platform.js';
import { updatePlatform } from '../use-cases/platform/update-platform.js';
import { publicProcedure, router, signedInProcedure } from '../trpc.js';

export const platformRouter = router({
  get: publicProcedure.query(({ ctx }) => getPlatform(ctx)),
  update: signedInProcedure
    .input(UpdatePlatformInput)
    .mutation(({ ctx, input }) => updatePlatform(ctx, input)),
});
