import { useSession } from '../../../lib/auth/use-session';
import { useLogout } from '../api/logout';

/** Who is signed in, with which role, and the way out. */
export function UserMenu() {
  const { user } = useSession();
  const mutation = useLogout();
  if (user === null) return null;
  return (
    <div className="user-menu">
      <span
        className="user-menu__who"
        data-testid="current-user"
        title={`Signed in as ${user.username} (${user.role})`}
      >
        <span className="user-menu__name">{user.username}</span>
        <span className={`role-badge role-badge--${user.role}`}>{user.role}</span>
      </span>
      <button
        type="button"
        className="button"
        data-testid="logout-button"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        Log out
      </button>
    </div>
  );
}
