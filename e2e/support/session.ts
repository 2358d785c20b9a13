import { LoginResponse, User, type CreateUserBody, type Role } from '@gpu-sentinel/protocol';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The first admin's password, given to the server through GPU_SENTINEL_ADMIN_PASSWORD. */
export const ADMIN_PASSWORD = 'e2e-admin-password-1';
export const adminEnv = { GPU_SENTINEL_ADMIN_PASSWORD: ADMIN_PASSWORD };

/** Signs in through the login form, as a user would, and waits for the dashboard. */
export async function signIn(page: Page, username = 'admin', password = ADMIN_PASSWORD): Promise<void> {
  await page.getByTestId('login-form').waitFor({ timeout: 15_000 });
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('current-user').textContent(), { timeout: 15_000 }).toContain(username);
}

export async function apiLogin(baseUrl: string, username = 'admin', password = ADMIN_PASSWORD): Promise<LoginResponse> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  return LoginResponse.parse(await response.json());
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

/** Creates a user through the API, as the admin. */
export async function createUser(baseUrl: string, username: string, role: Role, password: string): Promise<User> {
  const { accessToken } = await apiLogin(baseUrl);
  const body: CreateUserBody = { username, password, role };
  const response = await fetch(`${baseUrl}/api/v1/users`, {
    method: 'POST',
    headers: bearer(accessToken),
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return User.parse(await response.json());
}
