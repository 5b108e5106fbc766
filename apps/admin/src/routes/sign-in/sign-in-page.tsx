import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useRef, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { returnPath } from '../../app/session';
import { PageHeading } from '../../components/page-heading';
import { describeError } from '../../lib/errors';
import { queryClient, trpc } from '../../lib/trpc';

export function SignInPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const target = returnPath(location.state);
  const me = useQuery(trpc.auth.me.queryOptions());
  const platform = useQuery(trpc.platform.get.queryOptions());
  const password = useRef<HTMLInputElement>(null);
  const ids = { email: useId(), password: useId() };
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: () => {
        // What was cached belonged to the visitor; the guard then asks auth.me afresh.
        queryClient.removeQueries();
        void navigate(target, { replace: true });
      },
      // The submit button was disabled while pending and so lost focus; the password is
      // the likeliest field to retype.
      onError: () => {
        password.current?.focus();
        password.current?.select();
      },
    }),
  );

  if (me.data) return <Navigate to={target} replace />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    signIn.mutate({ email: field('email'), password: field('password') });
  }

  return (
    <main className="centered" id="main">
      <div className="panel sign-in">
        <p className="brand-platform">{platform.data?.name}</p>
        <PageHeading title="Sign in" />
        <p className="muted">Sign in to the admin console with your staff account.</p>
        <form onSubmit={submit} className="form">
          <div className="field">
            <label htmlFor={ids.email}>E-mail</label>
            <input id={ids.email} name="email" type="email" autoComplete="username" required />
          </div>
          <div className="field">
            <label htmlFor={ids.password}>Password</label>
            <input
              id={ids.password}
              ref={password}
              name="password"
              type="password"
              autoComplete="current-password"
              required
            />
          </div>
          <div role="alert">
            {signIn.isError && <p className="notice notice-error">{describeError(signIn.error)}</p>}
          </div>
          <button type="submit" className="button" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
