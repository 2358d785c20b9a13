/** One line of `gpu-sentinel doctor`. */
export interface DoctorCheck {
  name: string;
  isOk: boolean;
  /** A failed required check makes doctor exit 1; others are advice. */
  isRequired: boolean;
  detail: string;
  /** What to do about a failure. */
  fix: string | null;
}

export function passed(name: string, detail: string, isRequired = true): DoctorCheck {
  return { name, isOk: true, isRequired, detail, fix: null };
}

export function failed(name: string, detail: string, fix: string, isRequired = true): DoctorCheck {
  return { name, isOk: false, isRequired, detail, fix };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
