import { ListOutboxInput, UpdatePlatformInput } from '@samrad/core';
import { onPlatform, open } from '../access/guards.js';
import { getPlatform } from '../use-cases/platform/get-platform.js';
import { listOutbox } from '../use-cases/platform/list-outbox.js';
import { updatePlatform } from '../use-cases/platform/update-platform.js';
import { forAnyone, forSignedIn, noInput, router } from '../trpc.js';

export const platformRouter = router({
  // Settings are added for those the policy lets change them (`platform.update`).
  get: forAnyone(noInput, open('the platform’s public face')).query(({ ctx }) => getPlatform(ctx)),
  update: forSignedIn(UpdatePlatformInput, onPlatform('platform.update')).mutation(
    ({ ctx, input }) => updatePlatform(ctx, input),
  ),
  /** The e-mail the platform sent (API.md: without SMTP, the outbox the console shows). */
  outbox: forSignedIn(ListOutboxInput.default({ limit: 50 }), onPlatform('platform.email')).query(
    ({ ctx, input }) => listOutbox(ctx, input),
  ),
});
