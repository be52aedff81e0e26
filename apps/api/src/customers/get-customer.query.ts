import { Query } from '@nestjs/cqrs';
import type { CustomerState } from '@ledgerline/domain';

export type CustomerView = CustomerState & { readonly revision: number };

export class GetCustomerQuery extends Query<CustomerView> {
  constructor(readonly customerId: string) {
    super();
  }
}
