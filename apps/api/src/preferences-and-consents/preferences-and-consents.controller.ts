import { Controller, Delete, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../command-pipeline/command-envelope';
import { Envelope } from '../command-pipeline/command-envelope.decorator';
import { CommandRoute } from '../command-pipeline/command-route.decorator';
import { customerAnswer } from '../command-pipeline/customer-answer';
import { consentPath, preferencePath, type ConsentPath, type PreferencePath } from '../http/customer-paths';
import { ZodBody, ZodParams } from '../http/zod-input.decorators';
import { GiveConsentCommand } from './give-consent.command';
import { consentBody, recordPreferenceBody, type ConsentBody, type RecordPreferenceBody } from './preference-and-consent.schemas';
import { RecordPreferenceCommand } from './record-preference.command';
import { RemovePreferenceCommand } from './remove-preference.command';
import { WithdrawConsentCommand } from './withdraw-consent.command';

@Controller('v1/customers/:id')
export class PreferencesAndConsentsController {
  constructor(private readonly commands: CommandBus) {}

  @Put('preferences/:key')
  @CommandRoute({ summary: 'Set a customer preference', tag: 'preferences-and-consents', idField: 'customerId' })
  async recordPreference(
    @ZodParams(preferencePath) { id, key }: PreferencePath,
    @ZodBody(recordPreferenceBody) { value }: RecordPreferenceBody,
    @Envelope() envelope: CommandEnvelope,
  ) {
    return customerAnswer(await this.commands.execute(new RecordPreferenceCommand({ customerId: id, key, value }, envelope)));
  }

  @Delete('preferences/:key')
  @CommandRoute({ summary: 'Remove a customer preference', tag: 'preferences-and-consents', idField: 'customerId' })
  async removePreference(@ZodParams(preferencePath) { id, key }: PreferencePath, @Envelope() envelope: CommandEnvelope) {
    return customerAnswer(await this.commands.execute(new RemovePreferenceCommand({ customerId: id, key }, envelope)));
  }

  @Put('consents/:channel')
  @CommandRoute({ summary: 'Give or withdraw consent to be contacted on a channel', tag: 'preferences-and-consents', idField: 'customerId' })
  async setConsent(
    @ZodParams(consentPath) { id, channel }: ConsentPath,
    @ZodBody(consentBody) { granted }: ConsentBody,
    @Envelope() envelope: CommandEnvelope,
  ) {
    const command = granted
      ? new GiveConsentCommand({ customerId: id, channel }, envelope)
      : new WithdrawConsentCommand({ customerId: id, channel }, envelope);
    return customerAnswer(await this.commands.execute(command));
  }
}
