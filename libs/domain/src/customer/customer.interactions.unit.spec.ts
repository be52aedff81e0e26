import { notFound, violation } from '../testing/decider-spec';
import { CUSTOMER_ID, customer, oslo, registered } from '../testing/customer-fixtures';
import type { CustomerEvent } from './customer.events';

const id = { customerId: CUSTOMER_ID };
const at = '2025-02-10T14:30:00Z';

describe('customer: calls', () => {
  const call = { type: 'LogCall', ...id, callId: 'call-1', direction: 'inbound', locationId: oslo.locationId, durationSeconds: 95, outcome: 'booked', occurredAt: at } as const;
  const logged: CustomerEvent = {
    type: 'CallLogged',
    data: { callId: 'call-1', direction: 'inbound', locationId: oslo.locationId, durationSeconds: 95, outcome: 'booked', occurredAt: at },
  };

  it('logs a call at the time the command gives', () => {
    customer.given([registered]).when(call).then([logged]);
  });

  it('keeps the optional agent and notes', () => {
    customer
      .given([registered])
      .when({ ...call, agentId: 'agent-7', notes: 'asked about prices' })
      .then([{ type: 'CallLogged', data: { ...logged.data, agentId: 'agent-7', notes: 'asked about prices' } } as CustomerEvent]);
  });

  it('refuses an unknown location', () => {
    customer.given([registered]).when({ ...call, locationId: 'loc-x' }).then(notFound('location', 'loc-x'));
  });

  it('refuses a call id already used', () => {
    customer.given([registered, logged]).when(call).then(violation('duplicate-id'));
  });
});

describe('customer: emails', () => {
  const email = { type: 'LogEmail', ...id, emailId: 'email-1', direction: 'outbound', subject: 'Welcome', occurredAt: at } as const;
  const logged: CustomerEvent = { type: 'EmailLogged', data: { emailId: 'email-1', direction: 'outbound', subject: 'Welcome', occurredAt: at } };

  it('logs an email without a location', () => {
    customer.given([registered]).when(email).then([logged]);
  });

  it('logs an email with a location and campaign', () => {
    customer
      .given([registered])
      .when({ ...email, locationId: oslo.locationId, campaign: 'spring' })
      .then([{ type: 'EmailLogged', data: { ...logged.data, locationId: oslo.locationId, campaign: 'spring' } } as CustomerEvent]);
  });

  it('refuses an unknown location when one is named', () => {
    customer.given([registered]).when({ ...email, locationId: 'loc-x' }).then(notFound('location', 'loc-x'));
  });

  it('refuses an email id already used', () => {
    customer.given([registered, logged]).when(email).then(violation('duplicate-id'));
  });

  it('keeps id kinds apart: an email may reuse a call id', () => {
    customer
      .given([registered, { type: 'CallLogged', data: { callId: 'x-1', direction: 'inbound', locationId: oslo.locationId, durationSeconds: 1, outcome: 'ok', occurredAt: at } }])
      .when({ ...email, emailId: 'x-1' })
      .then([{ type: 'EmailLogged', data: { ...logged.data, emailId: 'x-1' } } as CustomerEvent]);
  });
});

describe('customer: satisfaction (NPS)', () => {
  const survey = { type: 'RecordSatisfaction', ...id, surveyId: 'nps-1', score: 10, locationId: oslo.locationId, occurredAt: at } as const;
  const recorded: CustomerEvent = { type: 'SatisfactionRecorded', data: { surveyId: 'nps-1', score: 10, locationId: oslo.locationId, occurredAt: at } };

  it('records a score', () => {
    customer.given([registered]).when(survey).then([recorded]);
  });

  it('records a zero with a comment', () => {
    customer
      .given([registered])
      .when({ ...survey, score: 0, comment: 'never again' })
      .then([{ type: 'SatisfactionRecorded', data: { ...recorded.data, score: 0, comment: 'never again' } } as CustomerEvent]);
  });

  it('refuses a survey id already used', () => {
    customer.given([registered, recorded]).when(survey).then(violation('duplicate-id'));
  });

  it('refuses an unknown location', () => {
    customer.given([registered]).when({ ...survey, locationId: 'loc-x' }).then(notFound('location', 'loc-x'));
  });

  // The range is the event schema's to enforce (see customer-event-schemas spec); the decider
  // checks what it emits against that schema, so an out-of-range score never reaches the log.
  it.each([11, -1, 7.5])('never emits an event its schema rejects (score %s)', (score) => {
    customer.given([registered]).when({ ...survey, score }).then(violation('schema-violation'));
  });
});
