import { Controller, Get, Inject } from '@nestjs/common';
import { EntityNotFound } from '@ledgerline/domain';
import { customerProfile } from '@ledgerline/projections/customer-profile';
import { customerLifetimeValue, topCustomers } from '@ledgerline/projections/lifetime-value';
import type { Kysely } from 'kysely';
import { customerPath, type CustomerPath } from '../http/customer-paths';
import { Operation } from '../http/operation.decorator';
import { RequireScope } from '../http/scopes.decorator';
import { ZodParams, ZodQuery } from '../http/zod-input.decorators';
import { READ_MODELS } from '../infrastructure/tokens';
import { topCustomersQuery, type TopCustomersParams } from './analytics.schemas';
import { MinPosition } from './min-position.decorator';
import { ReadYourWrites } from './read-your-writes.service';

@Controller('v1')
@RequireScope('analytics:read')
export class CustomerValueController {
  constructor(
    @Inject(READ_MODELS) private readonly db: Kysely<unknown>,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('customers/:id/lifetime-value')
  @Operation({ summary: 'A customer’s value: net revenue per currency, orders, RFM segment and predicted future value (BG/NBD + Gamma-Gamma)', tags: ['analytics'], responses: { 200: { description: 'The customer’s value' } } })
  async lifetimeValue(@ZodParams(customerPath) { id }: CustomerPath, @MinPosition() minPosition: bigint | undefined) {
    await this.readYourWrites.await(['lifetime-value'], minPosition);
    return (await customerLifetimeValue(this.db, id)) ?? Promise.reject(new EntityNotFound('customer', id));
  }

  @Get('customers/:id/profile')
  @Operation({ summary: 'What an agent sees when the phone rings: contact details, consents, preferences, open complaints, value tier', tags: ['analytics'], responses: { 200: { description: 'The profile' } } })
  async profile(@ZodParams(customerPath) { id }: CustomerPath, @MinPosition() minPosition: bigint | undefined) {
    await this.readYourWrites.await(['customer-profile'], minPosition);
    return (await customerProfile(this.db, id)) ?? Promise.reject(new EntityNotFound('customer', id));
  }

  @Get('analytics/lifetime-value')
  @Operation({ summary: 'Top customers by net revenue or predicted value, by location, RFM segment or currency', tags: ['analytics'], responses: { 200: { description: 'Customers, best first' } } })
  async top(@ZodQuery(topCustomersQuery) query: TopCustomersParams, @MinPosition() minPosition: bigint | undefined) {
    await this.readYourWrites.await(['lifetime-value'], minPosition);
    return { customers: await topCustomers(this.db, query) };
  }
}
