import { UsersResponse } from '@gpu-sentinel/protocol';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

/** `GET /api/v1/users` */
export function getUsers(signal?: AbortSignal): Promise<UsersResponse> {
  return apiRequest('/users', UsersResponse, signal ? { signal } : {});
}

export function usersQueryOptions() {
  return queryOptions({ queryKey: adminKeys.users, queryFn: ({ signal }) => getUsers(signal) });
}

export function useUsers() {
  return useQuery(usersQueryOptions());
}
