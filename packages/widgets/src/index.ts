export { RapportTheme } from './RapportTheme/RapportTheme.js';
export type { RapportThemeProps, RapportThemeName } from './RapportTheme/RapportTheme.js';
export { VisitorStatus } from './VisitorStatus/VisitorStatus.js';
export type { VisitorStatusProps } from './VisitorStatus/VisitorStatus.js';
export { VisitorStatusView } from './VisitorStatus/VisitorStatusView.js';
export type { VisitorStatusState, VisitorStatusParts } from './VisitorStatus/VisitorStatusView.js';
export { defaultVisitorStatusMessages } from './VisitorStatus/visitorStatusMessages.js';
export type { VisitorStatusMessages } from './VisitorStatus/visitorStatusMessages.js';
export { FeedbackPrompt } from './FeedbackPrompt/FeedbackPrompt.js';
export type { FeedbackPromptProps } from './FeedbackPrompt/FeedbackPrompt.js';
export { FeedbackPromptView } from './FeedbackPrompt/FeedbackPromptView.js';
export type {
  FeedbackPromptState,
  FeedbackPromptPlacementState,
  FeedbackPromptParts,
} from './FeedbackPrompt/FeedbackPromptView.js';
export { useFeedbackPromptDialog } from './FeedbackPrompt/useFeedbackPromptDialog.js';
export type {
  FeedbackPromptDialogOptions,
  FeedbackPromptDialogProps,
  FeedbackPromptTriggerProps,
  FeedbackPromptDialogResult,
} from './FeedbackPrompt/useFeedbackPromptDialog.js';
export { useFeedbackReply } from './FeedbackPrompt/useFeedbackReply.js';
export type { FeedbackReplyOptions, FeedbackReplyResult } from './FeedbackPrompt/useFeedbackReply.js';
export { defaultFeedbackPromptMessages } from './FeedbackPrompt/feedbackPromptMessages.js';
export type { FeedbackPromptMessages } from './FeedbackPrompt/feedbackPromptMessages.js';
export { PreferenceCenter } from './PreferenceCenter/PreferenceCenter.js';
export type { PreferenceCenterProps } from './PreferenceCenter/PreferenceCenter.js';
export { PreferenceCenterView } from './PreferenceCenter/PreferenceCenterView.js';
export type {
  PreferenceCenterState,
  PreferenceChannelState,
  PreferenceCenterParts,
} from './PreferenceCenter/PreferenceCenterView.js';
export { defaultPreferenceCenterMessages } from './PreferenceCenter/preferenceCenterMessages.js';
export type { PreferenceCenterMessages, PausePeriod } from './PreferenceCenter/preferenceCenterMessages.js';
export { LoyaltyCard } from './LoyaltyCard/LoyaltyCard.js';
export type { LoyaltyCardProps } from './LoyaltyCard/LoyaltyCard.js';
export { LoyaltyCardView } from './LoyaltyCard/LoyaltyCardView.js';
export type {
  LoyaltyCardState,
  LoyaltyRedeemState,
  LoyaltyNoteState,
  LoyaltyCardParts,
} from './LoyaltyCard/LoyaltyCardView.js';
export { useRedemptionFlow } from './LoyaltyCard/useRedemptionFlow.js';
export type {
  RedeemTarget,
  RedemptionFlowOptions,
  RedemptionDialogProps,
  RedemptionFlowResult,
} from './LoyaltyCard/useRedemptionFlow.js';
export { defaultLoyaltyCardMessages } from './LoyaltyCard/loyaltyCardMessages.js';
export type { LoyaltyCardMessages } from './LoyaltyCard/loyaltyCardMessages.js';
export { ContactOwnerBadge } from './ContactOwnerBadge/ContactOwnerBadge.js';
export type { ContactOwnerBadgeProps } from './ContactOwnerBadge/ContactOwnerBadge.js';
export { ContactOwnerBadgeView } from './ContactOwnerBadge/ContactOwnerBadgeView.js';
export type { ContactOwnerBadgeState, ContactOwnerChannel, ContactOwnerBadgeParts } from './ContactOwnerBadge/ContactOwnerBadgeView.js';
export { defaultContactOwnerBadgeMessages } from './ContactOwnerBadge/contactOwnerBadgeMessages.js';
export type { ContactOwnerBadgeMessages } from './ContactOwnerBadge/contactOwnerBadgeMessages.js';
