import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import {
  findBootstrapContact,
  findBootstrapContacts,
  type BootstrapContactRead,
} from '../bootstrap/findBootstrapContact.js';
import { findSiteByPublishableKey, findSitesByPublishableKeys, type SiteRecord } from '../sites/siteQueries.js';
import type { RapportStore } from '../store/Store.js';
import { createReadBatcher } from './createReadBatcher.js';
import { createReadMemo } from './createReadMemo.js';

/** A publishable key's site and the origins it may be used from. */
export interface PublishableKeySite {
  site: SiteRecord;
  allowedOrigins: string[];
}

/** What a returning visitor's bootstrap reads: {@link findBootstrapContact}'s input. */
export interface BootstrapContactQuery {
  siteId: string;
  visitor: VisitorIdentity;
  mergeFrom: string | null;
}

/** The two reads every visitor request (and every bootstrap) makes, shared by the requests of one app. */
export interface VisitorReads {
  /** The site of an unrevoked publishable key, or `null`. */
  siteOfKey(key: string): Promise<PublishableKeySite | null>;
  /** The visitor's contact with its change versions, or `null` (see `findBootstrapContact`). */
  bootstrapContact(query: BootstrapContactQuery): Promise<BootstrapContactRead | null>;
}

const SEPARATOR = '\u0000';

/**
 * The hot visitor reads of `store`. On PGlite (one process owns the data) an answer is kept while the store has not
 * written (`createReadMemo`), so a returning visitor costs no statement. On PostgreSQL, where other instances write,
 * every request reads, but the reads of requests arriving together are gathered into one statement each
 * (`createReadBatcher`): never staler than a read of its own, a fraction of the round trips under load.
 */
export function createVisitorReads(store: RapportStore): VisitorReads {
  const memo = createReadMemo(store);
  if (memo) {
    return {
      siteOfKey: (key) => memo.get(`site-of-key ${key}`, () => findSiteByPublishableKey(store, key)),
      bootstrapContact: (query) =>
        memo.get(
          `bootstrap-contact ${query.siteId} ${query.visitor.kind} ${query.visitor.subject} ${query.mergeFrom ?? ''}`,
          () => findBootstrapContact(store, query),
        ),
    };
  }
  const sites = createReadBatcher({ load: (keys: string[]) => findSitesByPublishableKeys(store, keys) });
  // One batch key per visitor: site, kind and subject; a batch reads each site and kind in one statement.
  const contacts = createReadBatcher({
    load: async (keys: string[]) => {
      const groups = new Map<string, string[]>();
      for (const key of keys) {
        const [siteId, kind, subject] = key.split(SEPARATOR) as [string, string, string];
        const group = `${siteId}${SEPARATOR}${kind}`;
        groups.set(group, [...(groups.get(group) ?? []), subject]);
      }
      const found = new Map<string, BootstrapContactRead>();
      await Promise.all(
        [...groups].map(async ([group, subjects]) => {
          const [siteId, kind] = group.split(SEPARATOR) as [string, VisitorIdentity['kind']];
          const reads = await findBootstrapContacts(store, { siteId, kind, subjects });
          for (const [subject, read] of reads) found.set(`${group}${SEPARATOR}${subject}`, read);
        }),
      );
      return found;
    },
  });
  return {
    siteOfKey: (key) => sites.get(key),
    bootstrapContact: (query) =>
      query.mergeFrom === null
        ? contacts.get([query.siteId, query.visitor.kind, query.visitor.subject].join(SEPARATOR))
        : findBootstrapContact(store, query),
  };
}
