export { RapportProvider } from './RapportProvider.js';
export type { RapportProviderProps } from './RapportProvider.js';
export { useRapportClient } from './useRapportClient.js';
export { useBootstrap } from './useBootstrap.js';
export type { BootstrapResult } from './useBootstrap.js';
export { useVisitor } from './useVisitor.js';
export type { VisitorResult } from './useVisitor.js';
export { useControllableState } from './useControllableState.js';
export type { ControllableStateOptions, ControllableStateSetter } from './useControllableState.js';
export type { RapportQueryStatus } from './RapportQueryStatus.js';
export { useFeedback } from './feedback/useFeedback.js';
export { useFeedbackPromptState } from './feedback/useFeedbackPromptState.js';
export { useFeedbackPrompt } from './feedback/useFeedbackPrompt.js';
export { useLoopReplies } from './feedback/useLoopReplies.js';
export type {
  FeedbackResult,
  FeedbackPromptStep,
  FeedbackOpenSource,
  FeedbackEcho,
  FeedbackOutcome,
  FeedbackPromptStateOptions,
  FeedbackPromptState,
  FeedbackPromptOptions,
  FeedbackWindow,
  FeedbackPromptResult,
  LoopRepliesResult,
} from './feedback/types.js';
export { usePreferences } from './preferences/usePreferences.js';
export type { PreferencesOptions, PreferencesResult } from './preferences/types.js';
export { useLoyalty } from './loyalty/useLoyalty.js';
export { useMemberToken } from './loyalty/useMemberToken.js';
export type { LoyaltyResult, MemberTokenOptions, MemberTokenResult } from './loyalty/types.js';
export { useContactOwner } from './owner/useContactOwner.js';
export type { ContactOwnerResult } from './owner/types.js';
