import type { DoctorCheck } from './doctor-check.js';

export function formatDoctorText(checks: readonly DoctorCheck[], useColour: boolean): string {
  const paint = (code: number, text: string): string => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines = ['GPU Sentinel doctor', ''];
  for (const check of checks) {
    const mark = check.isOk ? paint(32, '✓') : check.isRequired ? paint(31, '✗') : paint(33, '!');
    lines.push(`${mark} ${check.name}: ${check.detail}`);
    if (check.fix !== null) lines.push(`    fix: ${check.fix}`);
  }
  const failures = checks.filter((check) => !check.isOk && check.isRequired).length;
  lines.push('', failures === 0 ? 'All required checks passed.' : `${failures} required check(s) failed.`);
  return `${lines.join('\n')}\n`;
}

export function formatDoctorJson(checks: readonly DoctorCheck[]): string {
  return `${JSON.stringify({ isOk: isHealthy(checks), checks }, null, 2)}\n`;
}

export function isHealthy(checks: readonly DoctorCheck[]): boolean {
  return checks.every((check) => check.isOk || !check.isRequired);
}
