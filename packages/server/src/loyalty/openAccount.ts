import type { LoyaltyAccountSummary, LoyaltyMember, LoyaltyProgram, Traits } from '@rapport/core/schemas';
import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import { findContactByExternalId, type ContactRow } from '../contacts/contactQueries.js';
import { resolveVisitorContact } from '../contacts/resolveVisitorContact.js';
import { upsertContactFromAdmin } from '../contacts/upsertContactFromAdmin.js';
import { ApiError } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';
import { grantDueRewards, syncBirthday } from './automaticRewards.js';
import { buildSummary } from './buildSummary.js';
import { ensureAccount, findAccount, findEntryByKey, lockAccount, toLedgerEntry, type AccountRow } from './ledgerQueries.js';
import type { LedgerScope } from './LedgerScope.js';
import { readAccountState } from './ledgerWrites.js';
import { programOr404 } from './programQueries.js';

/** An account opened for a write or a read, locked until the transaction ends. */
export interface OpenAccount {
  scope: LedgerScope;
  account: AccountRow;
  externalId: string;
}

const NO_CARD = 'Sign in to collect points: an anonymous visitor has no card';

/** 403 unless the visitor is signed in: an anonymous visitor has no card. */
export function requireKnown(visitor: VisitorIdentity): void {
  if (visitor.kind !== 'known') throw new ApiError(403, 'forbidden', NO_CARD);
}

/** Where an account is opened: the site and the clock, read again once the account is locked. */
interface OpenInput {
  siteId: string;
  clock: () => Date;
}

/** Joins (on first use) and locks the contact's account, copying the birthday trait over. */
async function openAccountOf(
  tx: SqlExecutor,
  input: OpenInput & { program: LoyaltyProgram; contact: ContactRow; externalId: string; arrived: Date },
): Promise<OpenAccount> {
  const { account } = await ensureAccount(tx, { siteId: input.siteId, contactId: input.contact.id, now: input.arrived });
  return {
    // The account is locked now: every decision from here on is taken at this time, not the request's arrival.
    scope: { siteId: input.siteId, program: input.program, now: input.clock() },
    account: await syncBirthday(tx, account, input.contact.traits),
    externalId: input.externalId,
  };
}

/** The signed-in visitor's account (joined on first use), with the birthday trait copied over. */
export async function openVisitorAccount(tx: SqlExecutor, input: OpenInput & { visitor: VisitorIdentity }): Promise<OpenAccount> {
  requireKnown(input.visitor);
  const program = await programOr404(tx, input.siteId);
  const arrived = input.clock();
  const contact = await resolveVisitorContact(tx, { siteId: input.siteId, visitor: input.visitor, now: arrived });
  return openAccountOf(tx, { ...input, program, contact, externalId: input.visitor.subject, arrived });
}

/** As {@link openVisitorAccount}, for a contact already resolved (the bootstrap's); 403 when it is anonymous. */
export async function openContactAccount(tx: SqlExecutor, input: OpenInput & { contact: ContactRow }): Promise<OpenAccount> {
  const externalId = input.contact.external_id;
  if (externalId === null) throw new ApiError(403, 'forbidden', NO_CARD);
  const program = await programOr404(tx, input.siteId);
  return openAccountOf(tx, { ...input, program, externalId, arrived: input.clock() });
}

/**
 * The business's server sees the member as the visitor would: the birthday trait copied over and the automatic
 * rewards now due granted (once each, by key), so the owner's ledger shows them and the card celebrates them.
 */
async function withDueRewards(tx: SqlExecutor, open: OpenAccount, traits: Traits): Promise<OpenAccount> {
  const account = await syncBirthday(tx, open.account, traits);
  await grantDueRewards(tx, open.scope, account);
  return { ...open, account };
}

/** A contact's account for the business's server (created, with the contact, when missing), rewards due granted. */
export async function openAdminAccount(tx: SqlExecutor, input: OpenInput & { externalId: string }): Promise<OpenAccount> {
  const program = await programOr404(tx, input.siteId);
  const arrived = input.clock();
  const { row } = await upsertContactFromAdmin(tx, { siteId: input.siteId, externalId: input.externalId, changes: {}, now: arrived });
  const { account } = await ensureAccount(tx, { siteId: input.siteId, contactId: row.id, now: arrived });
  return withDueRewards(tx, { scope: { siteId: input.siteId, program, now: input.clock() }, account, externalId: input.externalId }, row.traits);
}

/** An existing member by external id or account id, locked, rewards due granted; 404 when there is none. */
export async function findMember(
  tx: SqlExecutor,
  input: OpenInput & ({ externalId: string } | { accountId: string }),
): Promise<OpenAccount> {
  const program = await programOr404(tx, input.siteId);
  let account: AccountRow | null = null;
  let externalId: string | null = null;
  let traits: Traits = {};
  if ('externalId' in input) {
    const contact = await findContactByExternalId(tx, input.siteId, input.externalId);
    account = contact ? await findAccount(tx, contact.id, true) : null;
    externalId = input.externalId;
    traits = contact?.traits ?? {};
  } else {
    const { rows } = await tx.query<{ external_id: string | null; traits: Traits }>(
      `SELECT c.external_id, c.traits FROM loyalty_accounts a JOIN contacts c ON c.id = a.contact_id WHERE a.id = $1 AND a.site_id = $2`,
      [input.accountId, input.siteId],
    );
    if (rows[0]?.external_id) {
      account = await lockAccount(tx, input.accountId);
      externalId = rows[0].external_id;
      traits = rows[0].traits;
    }
  }
  if (!account || externalId === null) throw new ApiError(404, 'not_found', 'No loyalty member here');
  return withDueRewards(tx, { scope: { siteId: input.siteId, program, now: input.clock() }, account, externalId }, traits);
}

/** The member an order was awarded to, as {@link findMember}; 404 when the order has no award. */
export async function findOrderMember(tx: SqlExecutor, input: OpenInput & { orderId: string }): Promise<OpenAccount> {
  const earn = await findEntryByKey(tx, input.siteId, `order:${input.orderId}`);
  if (!earn) throw new ApiError(404, 'not_found', 'No award for this order');
  return findMember(tx, { siteId: input.siteId, clock: input.clock, accountId: earn.account_id });
}

/** The card of an open account, after writing any expiry that is due. */
export async function readCard(tx: SqlExecutor, open: OpenAccount): Promise<LoyaltyAccountSummary> {
  const { entries, state } = await readAccountState(tx, open.scope, open.account);
  return buildSummary({ program: open.scope.program, account: open.account, entries, state, now: open.scope.now });
}

/** The admin view: card and full ledger. */
export async function readMember(tx: SqlExecutor, open: OpenAccount): Promise<LoyaltyMember> {
  const { entries, state } = await readAccountState(tx, open.scope, open.account);
  return {
    externalId: open.externalId,
    joinedAt: open.account.joined_at.toISOString(),
    summary: buildSummary({ program: open.scope.program, account: open.account, entries, state, now: open.scope.now }),
    ledger: entries.map(toLedgerEntry),
  };
}
