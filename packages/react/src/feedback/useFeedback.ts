import { useBootstrapQuery } from '../useBootstrapQuery.js';
import { feedbackSlot } from './feedbackSlot.js';
import type { FeedbackResult } from './types.js';

/**
 * The site's feedback surveys and the visitor's unseen replies, from the shared bootstrap request (no request
 * of its own).
 */
export function useFeedback(): FeedbackResult {
  const { data, status, error } = useBootstrapQuery('useFeedback');
  return { status, error, ...feedbackSlot(data) };
}
