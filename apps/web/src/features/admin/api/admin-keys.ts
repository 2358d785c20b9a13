/** The query keys of the admin pages: every mutation here invalidates its list and the audit log. */
export const adminKeys = {
  root: ['admin'] as const,
  users: ['admin', 'users'] as const,
  apiKeys: ['admin', 'apikeys'] as const,
  audit: ['admin', 'audit'] as const,
  storage: ['admin', 'storage'] as const,
};
