import { createBrowserRouter, Navigate } from 'react-router';
import { NotFoundPage } from '../routes/not-found/not-found-page';
import { PhasePage } from '../routes/phases/phase-page';
import { ProjectPage } from '../routes/projects/project-page';
import { ProjectsPage } from '../routes/projects/projects-page';
import { SignInPage } from '../routes/sign-in/sign-in-page';
import { Layout } from './layout';
import { RouteError } from './route-error';
import { RequireSession } from './session';

/** Every screen of the console. A new area adds its route module under the layout. */
export const router = createBrowserRouter(
  [
    {
      errorElement: <RouteError />,
      children: [
        { path: 'sign-in', element: <SignInPage /> },
        {
          element: <RequireSession />,
          children: [
            {
              element: <Layout />,
              children: [
                { index: true, element: <Navigate to="/projects" replace /> },
                { path: 'projects', element: <ProjectsPage /> },
                { path: 'projects/:projectId', element: <ProjectPage /> },
                { path: 'projects/:projectId/phases/:phaseId', element: <PhasePage /> },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ],
  // The server serves the console under /admin/ (vite.config.ts `base`).
  { basename: '/admin' },
);
