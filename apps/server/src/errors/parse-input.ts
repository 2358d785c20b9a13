import { ValidationError } from './app-error.js';

/** What the routes need of a protocol schema (zod's `safeParse`), without depending on zod here. */
export interface InputSchema<Output> {
  safeParse(input: unknown): { success: true; data: Output } | { success: false; error: { issues: readonly Issue[] } };
}

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** Set on `unrecognized_keys` issues. */
  readonly keys?: readonly string[];
}

/** Parse untrusted input with a protocol schema; a failure names the offending field. */
export function parseInput<Output>(schema: InputSchema<Output>, input: unknown, what: string): Output {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new ValidationError(`invalid ${what}`);
  const field = fieldOf(issue);
  const message = field === undefined ? `${what}: ${issue.message}` : `${field}: ${issue.message}`;
  throw new ValidationError(message, field);
}

function fieldOf(issue: Issue): string | undefined {
  if (issue.code === 'unrecognized_keys') return issue.keys?.[0];
  return issue.path.length === 0 ? undefined : issue.path.map(String).join('.');
}
