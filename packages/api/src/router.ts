import { authRouter } from './routers/auth.js';
import { platformRouter } from './routers/platform.js';
import { projectsRouter } from './routers/projects.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  auth: authRouter,
  platform: platformRouter,
  projects: projectsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
