/** Longest host id: a DNS name's limit. */
const MAX_HOST_ID_LENGTH = 253;

/**
 * The stable id of a host, derived from its hostname: lower case, with every run of characters
 * other than letters, digits, dots and dashes turned into one dash. Leading dots and dashes are
 * dropped so the id always starts with a letter or digit; an empty result becomes `localhost`.
 * The server and every agent use this one rule, so a host keeps its id whoever names it.
 */
export function hostIdOf(hostname: string): string {
  const id = hostname
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, MAX_HOST_ID_LENGTH);
  return id === '' ? 'localhost' : id;
}
