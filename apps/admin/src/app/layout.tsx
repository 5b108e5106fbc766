import { roleScopeType } from '@samrad/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { describeError } from '../lib/errors';
import { roleLabels, scopeNouns } from '../lib/labels';
import { queryClient, trpc } from '../lib/trpc';
import { useSession, type Session } from './session';

/** "Platform admin", "Project manager of 2 projects": scope ids mean nothing to people. */
function describeRoles(roles: Session['roles']): string[] {
  const counts = new Map<Session['roles'][number]['role'], number>();
  for (const { role } of roles) counts.set(role, (counts.get(role) ?? 0) + 1);
  return [...counts].map(([role, count]) => {
    const scope = roleScopeType[role];
    if (scope === 'platform') return roleLabels[role];
    const [one, many] = scopeNouns[scope];
    return `${roleLabels[role]} of ${count} ${count === 1 ? one : many}`;
  });
}

function focusMain() {
  document.getElementById('main')?.focus();
}

/** The frame of every signed-in screen: platform, navigation, who is signed in. */
export function Layout() {
  const { user, roles } = useSession();
  const platform = useQuery(trpc.platform.get.queryOptions());
  const navigate = useNavigate();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        // Everything cached was fetched as this person; the next one must not see it.
        queryClient.removeQueries();
        void navigate('/sign-in', { replace: true });
      },
    }),
  );
  const roleNames = describeRoles(roles);

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          focusMain();
        }}
      >
        Skip to main content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-platform">{platform.data?.name}</span>
          <span className="brand-product">Admin console</span>
        </div>
        <nav aria-label="Main" className="mainnav">
          <ul>
            <li>
              <NavLink to="/projects">Projects</NavLink>
            </li>
          </ul>
        </nav>
        <section className="account" aria-label="Signed in as">
          <div className="account-who">
            <span className="account-name">{user.name}</span>
            <span className="account-email">{user.email}</span>
            <span className="account-roles">
              {roleNames.length > 0 ? roleNames.join(', ') : 'No management roles'}
            </span>
          </div>
          <button
            type="button"
            className="button button-secondary"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate()}
          >
            {signOut.isPending ? 'Signing out…' : 'Sign out'}
          </button>
          {signOut.isError && (
            <p className="account-error" role="alert">
              {describeError(signOut.error)}
            </p>
          )}
        </section>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
