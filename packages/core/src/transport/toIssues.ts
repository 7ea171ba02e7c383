import type { ValidationIssue } from '../schemas/error.js';

interface ZodLikeIssue {
  path: readonly PropertyKey[];
  message: string;
  code: string;
}

/** Turns zod issues into the wire shape of {@link ValidationIssue} (symbols in paths become strings). */
export function toIssues(issues: readonly ZodLikeIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment))),
    message: issue.message,
    code: issue.code,
  }));
}
