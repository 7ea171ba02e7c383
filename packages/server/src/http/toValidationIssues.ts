import type { ValidationIssue } from '@rapport/core';
import type { core } from 'zod/mini';

type Issue = core.$ZodIssue;

function describe(issue: Issue): string {
  // zod/mini ships no locale, so its own messages are all "Invalid input"; say what is wrong instead.
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `Expected ${issue.expected}`;
    case 'too_big': {
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      return `Must be at most ${String(issue.maximum)}${unit}`;
    }
    case 'too_small': {
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      return `Must be at least ${String(issue.minimum)}${unit}`;
    }
    case 'invalid_format':
      return `Not a valid ${issue.format}`;
    case 'invalid_value':
      return `Expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_union':
      return 'Does not match any allowed type';
    case 'invalid_key':
      return 'Invalid key';
    case 'invalid_element':
      return 'Invalid element';
    case 'not_multiple_of':
      return `Must be a multiple of ${String(issue.divisor)}`;
    default:
      return 'Invalid value';
  }
}

function toPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((part) => (typeof part === 'number' ? part : String(part)));
}

/**
 * Turns zod issues into the wire's `issues`, each under `prefix` (e.g. `['query']`). An unknown field
 * becomes one issue per field, pointing at the field itself.
 */
export function toValidationIssues(issues: readonly Issue[], prefix: (string | number)[] = []): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...toPath(issue.path)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: 'Unknown field', code: issue.code });
    } else {
      out.push({ path, message: describe(issue), code: issue.code });
    }
  }
  return out;
}
