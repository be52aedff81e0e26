import { Module } from '@nestjs/common';
import { ChangeContactDetailsHandler } from './change-contact-details.handler';
import { CustomersController } from './customers.controller';
import { GetCustomerHandler } from './get-customer.handler';
import { RegisterCustomerHandler } from './register-customer.handler';

@Module({ controllers: [CustomersController], providers: [RegisterCustomerHandler, ChangeContactDetailsHandler, GetCustomerHandler] })
export class CustomersModule {}
