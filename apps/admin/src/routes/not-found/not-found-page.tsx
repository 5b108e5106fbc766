import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading';

export function NotFoundPage() {
  return (
    <div className="page">
      <PageHeading title="Page not found" />
      <p>There is no page at this address in the admin console.</p>
      <p>
        <Link to="/projects">Go to projects</Link>
      </p>
    </div>
  );
}
