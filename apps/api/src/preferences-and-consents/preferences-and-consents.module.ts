import { Module } from '@nestjs/common';
import { GiveConsentHandler } from './give-consent.handler';
import { PreferencesAndConsentsController } from './preferences-and-consents.controller';
import { RecordPreferenceHandler } from './record-preference.handler';
import { RemovePreferenceHandler } from './remove-preference.handler';
import { WithdrawConsentHandler } from './withdraw-consent.handler';

@Module({
  controllers: [PreferencesAndConsentsController],
  providers: [RecordPreferenceHandler, RemovePreferenceHandler, GiveConsentHandler, WithdrawConsentHandler],
})
export class PreferencesAndConsentsModule {}
