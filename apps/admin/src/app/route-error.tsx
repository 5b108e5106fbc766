import { Link, useRouteError } from 'react-router';
import { PageHeading } from '../components/page-heading';

/** What a person sees when a screen breaks, instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  console.error(error);
  return (
    <main className="centered" id="main">
      <div className="panel">
        <PageHeading title="Something went wrong" />
        <p>This page could not be shown. Reload the page or go back to the projects.</p>
        <p>
          <Link to="/projects">Go to projects</Link>
        </p>
      </div>
    </main>
  );
}
