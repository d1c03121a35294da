import type { Migration } from './migration.ts';
export type { Migration } from './migration.ts';
import { initialSchema } from './001_initial.ts';
import { linksSpeakersMatching } from './003_links_speakers_matching.ts';
import { searchAndHistory } from './002_search_and_history.ts';
import { versionsOrphansReviews } from './004_versions_orphans_reviews.ts';
import { stableIdentity } from './005_stable_identity.ts';
import { operations } from './006_operations.ts';
import { realDates } from './007_real_dates.ts';
import { sourcesAndReviewWording } from './008_sources_and_review_wording.ts';
import { eventChain } from './009_event_chain.ts';
import { articleListIndexes } from './012_article_list_indexes.ts';
import { storedSuggestions } from './014_stored_suggestions.ts';
import { teamSync } from './015_team_sync.ts';
import { speakerEntities } from './016_speaker_entities.ts';
import { projectOptions } from './017_project_options.ts';
import { curatedLayer } from './018_curated_layer.ts';
import { storedClaimGroups } from './019_stored_claim_groups.ts';
import { outletCounts } from './020_outlet_counts.ts';
import { matchIndexShadow } from './022_match_index_shadow.ts';
import { curators } from './023_curators.ts';
import { storedTextReuse } from './024_stored_text_reuse.ts';
import { outboxCount } from './025_outbox_count.ts';

/** In order; a migration is never edited once released, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  searchAndHistory,
  linksSpeakersMatching,
  versionsOrphansReviews,
  stableIdentity,
  operations,
  realDates,
  sourcesAndReviewWording,
  eventChain,
  articleListIndexes,
  storedSuggestions,
  teamSync,
  speakerEntities,
  projectOptions,
  curatedLayer,
  storedClaimGroups,
  outletCounts,
  matchIndexShadow,
  curators,
  storedTextReuse,
  outboxCount,
];

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
