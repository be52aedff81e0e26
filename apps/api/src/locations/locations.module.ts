import { Module } from '@nestjs/common';
import { LocationsController } from './locations.controller';
import { RegisterLocationHandler } from './register-location.handler';

@Module({ controllers: [LocationsController], providers: [RegisterLocationHandler] })
export class LocationsModule {}
