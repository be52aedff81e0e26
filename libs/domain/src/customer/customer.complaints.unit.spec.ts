import { notFound, violation } from '../testing/decider-spec';
import { complaintOpened, complaintResolved, CUSTOMER_ID, customer, oslo, registered } from '../testing/customer-fixtures';

const id = { customerId: CUSTOMER_ID };
const at = '2025-02-10T14:30:00Z';

describe('customer: complaints', () => {
  const open = {
    type: 'OpenComplaint',
    ...id,
    complaintId: 'cmp-1',
    category: 'billing',
    severity: 'high',
    channel: 'phone',
    locationId: oslo.locationId,
    occurredAt: at,
  } as const;
  const resolve = { type: 'ResolveComplaint', ...id, complaintId: 'cmp-1', resolution: 'credited', resolvedOnFirstContact: false, occurredAt: at } as const;
  const reopen = { type: 'ReopenComplaint', ...id, complaintId: 'cmp-1', occurredAt: at } as const;

  it('opens a complaint', () => {
    customer
      .given([registered])
      .when({ ...open, description: 'charged twice' })
      .then([
        {
          type: 'ComplaintOpened',
          data: { complaintId: 'cmp-1', category: 'billing', severity: 'high', channel: 'phone', locationId: oslo.locationId, occurredAt: at, description: 'charged twice' },
        },
      ]);
  });

  it('refuses an unknown location', () => {
    customer.given([registered]).when({ ...open, locationId: 'loc-x' }).then(notFound('location', 'loc-x'));
  });

  it('refuses a complaint id already used, even once resolved', () => {
    customer.given([registered, complaintOpened('cmp-1'), complaintResolved('cmp-1')]).when(open).then(violation('duplicate-id'));
  });

  it('resolves an open complaint, carrying its location and opening time', () => {
    customer
      .given([registered, complaintOpened('cmp-1')])
      .when(resolve)
      .then([
        {
          type: 'ComplaintResolved',
          data: { complaintId: 'cmp-1', locationId: oslo.locationId, openedAt: '2025-02-03T10:00:00Z', resolution: 'credited', resolvedOnFirstContact: false, occurredAt: at },
        },
      ]);
  });

  it('refuses to resolve a resolved complaint', () => {
    customer.given([registered, complaintOpened('cmp-1'), complaintResolved('cmp-1')]).when(resolve).then(violation('complaint-not-open'));
  });

  it('refuses to resolve an unknown complaint', () => {
    customer.given([registered]).when(resolve).then(violation('unknown-complaint'));
  });

  it('reopens a resolved complaint', () => {
    customer
      .given([registered, complaintOpened('cmp-1'), complaintResolved('cmp-1')])
      .when({ ...reopen, reason: 'not fixed' })
      .then([{ type: 'ComplaintReopened', data: { complaintId: 'cmp-1', locationId: oslo.locationId, reason: 'not fixed', occurredAt: at } }]);
  });

  it('resolves a reopened complaint again', () => {
    customer
      .given([
        registered,
        complaintOpened('cmp-1'),
        complaintResolved('cmp-1'),
        { type: 'ComplaintReopened', data: { complaintId: 'cmp-1', locationId: oslo.locationId, occurredAt: at } },
      ])
      .when(resolve)
      .then([
        {
          type: 'ComplaintResolved',
          data: { complaintId: 'cmp-1', locationId: oslo.locationId, openedAt: '2025-02-03T10:00:00Z', resolution: 'credited', resolvedOnFirstContact: false, occurredAt: at },
        },
      ]);
  });

  it('refuses to reopen an open complaint', () => {
    customer.given([registered, complaintOpened('cmp-1')]).when(reopen).then(violation('complaint-not-resolved'));
  });

  it('refuses to reopen an unknown complaint', () => {
    customer.given([registered]).when(reopen).then(violation('unknown-complaint'));
  });
});
