import { migration0001Initial } from './0001_initial.js';
import { migration0002Feedback } from './0002_feedback.js';
import { migration0003Preferences } from './0003_preferences.js';
import { migration0004Loyalty } from './0004_loyalty.js';
import { migration0005Owners } from './0005_owners.js';
import { migration0006LoyaltyMemberList } from './0006_loyalty_member_list.js';
import { migration0007IdempotencyKeyAge } from './0007_idempotency_key_age.js';
import { migration0008LoyaltyBalance } from './0008_loyalty_balance.js';
import { migration0009ConsentTimeOrder } from './0009_consent_time_order.js';
import { migration0010DisplayCapOwnerHistory } from './0010_display_cap_owner_history.js';
import { migration0011SiteSecrets } from './0011_site_secrets.js';
import { migration0012ClusterCoordination } from './0012_cluster_coordination.js';
import { migration0013ChangeCounters } from './0013_change_counters.js';
import { migration0014SurveyResultAggregates } from './0014_survey_result_aggregates.js';
import { migration0015LoyaltyMemberSearch } from './0015_loyalty_member_search.js';
import { migration0016ConsentCheckpoints } from './0016_consent_checkpoints.js';
import { migration0018Webhooks } from './0018_webhooks.js';
import type { Migration } from './Migration.js';

/** Every migration, in the order they run. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001Initial,
  migration0002Feedback,
  migration0003Preferences,
  migration0004Loyalty,
  migration0005Owners,
  migration0006LoyaltyMemberList,
  migration0007IdempotencyKeyAge,
  migration0008LoyaltyBalance,
  migration0009ConsentTimeOrder,
  migration0010DisplayCapOwnerHistory,
  migration0011SiteSecrets,
  migration0012ClusterCoordination,
  migration0013ChangeCounters,
  migration0014SurveyResultAggregates,
  migration0015LoyaltyMemberSearch,
  migration0016ConsentCheckpoints,
  migration0018Webhooks,
];
export type { Migration };
