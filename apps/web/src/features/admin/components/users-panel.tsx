import { errorMessage } from '../../../lib/api-client';
import { useUsers } from '../api/get-users';
import { AddUserForm } from './add-user-form';
import { UserRow } from './user-row';

export function UsersPanel() {
  const query = useUsers();
  const users = query.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="users-title">
      <h2 className="panel__title" id="users-title">
        Users <span className="panel__count">{users.length}</span>
      </h2>
      <AddUserForm />
      {query.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(query.error)}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="table admin-table" data-testid="users-table">
          <thead>
            <tr>
              <th>User</th>
              <th className="col-role">Role</th>
              <th className="col-status">Status</th>
              <th className="col-date">Created</th>
              <th className="col-date">Last sign-in</th>
              <th className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <UserRow key={user.id} user={user} />
            ))}
          </tbody>
        </table>
      </div>
      {query.isPending ? <p className="panel-note">Loading…</p> : null}
    </section>
  );
}
