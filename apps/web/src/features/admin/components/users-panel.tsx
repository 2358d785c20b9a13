import { useUsers } from '../api/get-users';
import { AddUserForm } from './add-user-form';
import { UserRow } from './user-row';
import { AdminPanel } from './admin-panel';

export function UsersPanel() {
  const query = useUsers();
  const users = query.data?.items ?? [];
  return (
    <AdminPanel
      id="users"
      title="Users"
      count={users.length}
      query={query}
      header={
        <>
          <AddUserForm />
        </>
      }
    >
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
    </AdminPanel>
  );
}
