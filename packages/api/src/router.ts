import { accessRouter } from './routers/access.js';
import { auditRouter } from './routers/audit.js';
import { authRouter } from './routers/auth.js';
import { eventsRouter } from './routers/events.js';
import { exportsRouter } from './routers/exports.js';
import { foldersRouter } from './routers/folders.js';
import { groupsRouter } from './routers/groups.js';
import { insightsRouter } from './routers/insights.js';
import { membershipRouter } from './routers/membership.js';
import { phasesRouter } from './routers/phases.js';
import { platformRouter } from './routers/platform.js';
import { projectsRouter } from './routers/projects.js';
import { registrationQuestionsRouter } from './routers/registration-questions.js';
import { rolesRouter } from './routers/roles.js';
import { usersRouter } from './routers/users.js';
import { volunteeringRouter } from './routers/volunteering.js';
import { createCallerFactory, router } from './trpc.js';
import {
  commentsRouter,
  inputsRouter,
  participationRouter,
  pollsRouter,
  reactionsRouter,
  surveysRouter,
  votesRouter,
} from './routers/participation.js';

export const appRouter = router({
  access: accessRouter,
  audit: auditRouter,
  auth: authRouter,
  comments: commentsRouter,
  events: eventsRouter,
  exports: exportsRouter,
  folders: foldersRouter,
  groups: groupsRouter,
  inputs: inputsRouter,
  insights: insightsRouter,
  membership: membershipRouter,
  participation: participationRouter,
  phases: phasesRouter,
  platform: platformRouter,
  polls: pollsRouter,
  projects: projectsRouter,
  reactions: reactionsRouter,
  registrationQuestions: registrationQuestionsRouter,
  roles: rolesRouter,
  surveys: surveysRouter,
  users: usersRouter,
  volunteering: volunteeringRouter,
  votes: votesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
