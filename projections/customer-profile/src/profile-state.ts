import type { ConsentChannel, Severity } from '@ledgerline/domain';
import type { ProjectedEvent } from '@ledgerline/read-models';
import { valueTierOf, type ValueTier } from './value-tiers';

// The customer profile in memory: the rows a batch touches, loaded once, changed event by event in log
// order (last writer wins, as in the customer aggregate), and written back once. Pure: no I/O, no clock.
// Times are kept as ISO 8601 strings with milliseconds, so a value reads back the same from the database
// whichever batch wrote it.

export interface Consent {
  readonly given: boolean;
  readonly changedAt: string;
}

export interface Preference {
  readonly value: string;
  readonly recordedAt: string;
}

export interface Profile {
  readonly customerId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  homeLocationId: string | null;
  registeredAt: string | null;
  readonly consents: Map<ConsentChannel, Consent>;
  readonly preferences: Map<string, Preference>;
  /** The latest call or email. */
  lastInteractionAt: string | null;
  /** Currency → purchases − refunds, minor units. */
  readonly netRevenueMinor: Map<string, number>;
  valueTier: ValueTier;
}

export interface Complaint {
  readonly customerId: string;
  readonly complaintId: string;
  readonly category: string;
  readonly severity: Severity;
  readonly channel: string;
  readonly locationId: string;
  readonly openedAt: string;
  status: 'open' | 'resolved';
  resolvedAt: string | null;
  reopenedAt: string | null;
  reopenCount: number;
}

/** The rows of one batch: those loaded, those the batch creates, and which of them changed. */
export class ProfileRows {
  readonly profiles = new Map<string, Profile>();
  readonly complaints = new Map<string, Complaint>();
  readonly changedProfiles = new Set<string>();
  readonly changedComplaints = new Set<string>();

  static complaintKey(customerId: string, complaintId: string): string {
    return JSON.stringify([customerId, complaintId]);
  }

  /** The profile, created empty for a customer seen first through an event other than registration. */
  profile(customerId: string): Profile {
    let profile = this.profiles.get(customerId);
    if (profile === undefined) {
      profile = emptyProfile(customerId);
      this.profiles.set(customerId, profile);
      this.changedProfiles.add(customerId);
    }
    return profile;
  }
}

export const emptyProfile = (customerId: string): Profile => ({
  customerId,
  name: null,
  email: null,
  phone: null,
  homeLocationId: null,
  registeredAt: null,
  consents: new Map(),
  preferences: new Map(),
  lastInteractionAt: null,
  netRevenueMinor: new Map(),
  valueTier: 'none',
});

/** What a batch needs loaded: the profiles of its customers and the earlier complaints it resolves or reopens. */
export function rowsToLoad(events: readonly ProjectedEvent[]): { customerIds: string[]; complaints: { customerId: string; complaintId: string }[] } {
  const customerIds = new Set<string>();
  const opened = new Set<string>();
  const complaints = new Map<string, { customerId: string; complaintId: string }>();
  for (const event of events) {
    if (!('customerId' in event)) continue;
    customerIds.add(event.customerId);
    if (event.type === 'ComplaintOpened') opened.add(ProfileRows.complaintKey(event.customerId, event.data.complaintId));
    if (event.type === 'ComplaintResolved' || event.type === 'ComplaintReopened') {
      const key = ProfileRows.complaintKey(event.customerId, event.data.complaintId);
      if (!opened.has(key)) complaints.set(key, { customerId: event.customerId, complaintId: event.data.complaintId });
    }
  }
  return { customerIds: [...customerIds], complaints: [...complaints.values()] };
}

/** Applies a batch, in log order, to the rows loaded for it. */
export function applyProfileEvents(rows: ProfileRows, events: readonly ProjectedEvent[]): void {
  for (const event of events) {
    if (!('customerId' in event)) continue;
    const { customerId } = event;
    const profile = rows.profile(customerId);
    const changed = () => rows.changedProfiles.add(customerId);
    const at = instant(event.data.occurredAt);
    switch (event.type) {
      case 'CustomerRegistered': {
        const { name, email, phone, homeLocationId } = event.data;
        Object.assign(profile, { name, email: email ?? null, phone: phone ?? null, homeLocationId, registeredAt: at });
        changed();
        break;
      }
      case 'ContactDetailsChanged': {
        const { name, email, phone } = event.data;
        if (name !== undefined) profile.name = name;
        if (email !== undefined) profile.email = email;
        if (phone !== undefined) profile.phone = phone;
        changed();
        break;
      }
      case 'ConsentGiven':
      case 'ConsentWithdrawn':
        profile.consents.set(event.data.channel, { given: event.type === 'ConsentGiven', changedAt: at });
        changed();
        break;
      case 'PreferenceRecorded':
        profile.preferences.set(event.data.key, { value: event.data.value, recordedAt: at });
        changed();
        break;
      case 'PreferenceRemoved':
        profile.preferences.delete(event.data.key);
        changed();
        break;
      case 'CallLogged':
      case 'EmailLogged':
        // Interactions can be logged late: the latest in time counts, not the latest logged.
        if (profile.lastInteractionAt === null || at > profile.lastInteractionAt) {
          profile.lastInteractionAt = at;
          changed();
        }
        break;
      case 'PurchaseRecorded':
      case 'RefundIssued': {
        const { currency, amountMinor } = event.data;
        const sign = event.type === 'PurchaseRecorded' ? 1 : -1;
        profile.netRevenueMinor.set(currency, (profile.netRevenueMinor.get(currency) ?? 0) + sign * amountMinor);
        profile.valueTier = valueTierOf(profile.netRevenueMinor);
        changed();
        break;
      }
      case 'ComplaintOpened': {
        const { complaintId, category, severity, channel, locationId } = event.data;
        const key = ProfileRows.complaintKey(customerId, complaintId);
        rows.complaints.set(key, { customerId, complaintId, category, severity, channel, locationId, openedAt: at, status: 'open', resolvedAt: null, reopenedAt: null, reopenCount: 0 });
        rows.changedComplaints.add(key);
        break;
      }
      case 'ComplaintResolved':
      case 'ComplaintReopened': {
        const key = ProfileRows.complaintKey(customerId, event.data.complaintId);
        const complaint = rows.complaints.get(key);
        // A complaint this projection never saw opened (its event was parked) has nothing to show.
        if (complaint === undefined) break;
        if (event.type === 'ComplaintResolved') {
          Object.assign(complaint, { status: 'resolved', resolvedAt: at });
        } else {
          Object.assign(complaint, { status: 'open', resolvedAt: null, reopenedAt: at, reopenCount: complaint.reopenCount + 1 });
        }
        rows.changedComplaints.add(key);
        break;
      }
      case 'SatisfactionRecorded':
        break;
    }
  }
}

/** ISO 8601 UTC with milliseconds: the precision a timestamptz round trip through a JS Date keeps. */
const instant = (iso: string): string => new Date(iso).toISOString();
