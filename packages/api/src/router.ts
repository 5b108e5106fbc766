import { accessRouter } from './routers/access.js';
import { auditRouter } from './routers/audit.js';
import { authRouter } from './routers/auth.js';
import { foldersRouter } from './routers/folders.js';
import { platformRouter } from './routers/platform.js';
import { projectsRouter } from './routers/projects.js';
import { rolesRouter } from './routers/roles.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  access: accessRouter,
  audit: auditRouter,
  auth: authRouter,
  folders: foldersRouter,
  platform: platformRouter,
  projects: projectsRouter,
  roles: rolesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
