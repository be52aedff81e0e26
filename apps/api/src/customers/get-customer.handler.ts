import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityNotFound } from '@ledgerline/domain';
import { customerAggregate } from '../command-pipeline/aggregates';
import { CommandRunner } from '../command-pipeline/command-runner';
import { CustomerView, GetCustomerQuery } from './get-customer.query';

/** Reads the customer from its own stream: always current, unlike the read models. */
@QueryHandler(GetCustomerQuery)
export class GetCustomerHandler implements IQueryHandler<GetCustomerQuery> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ customerId }: GetCustomerQuery): Promise<CustomerView> {
    const { state, revision } = await this.runner.load(customerAggregate, customerId);
    if (revision === undefined || !state.registered) throw new EntityNotFound('customer', customerId);
    return { ...state, revision: Number(revision) };
  }
}
