import { Controller, Delete, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../command-pipeline/command-envelope';
import { Envelope } from '../command-pipeline/command-envelope.decorator';
import { CommandRoute } from '../command-pipeline/command-route.decorator';
import { customerAnswer } from '../command-pipeline/customer-answer';
import { consentPath, preferencePath, type ConsentPath, type PreferencePath } from '../http/customer-paths';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-input.decorators';
import { GiveConsentCommand } from './give-consent.command';
import {
  consentBody,
  recordPreferenceBody,
  removePreferenceQuery,
  type ConsentBody,
  type RecordPreferenceBody,
  type RemovePreferenceQuery,
} from './preference-and-consent.schemas';
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
    @ZodBody(recordPreferenceBody) body: RecordPreferenceBody,
    @Envelope() envelope: CommandEnvelope,
  ) {
    return customerAnswer(await this.commands.execute(new RecordPreferenceCommand({ ...body, customerId: id, key }, envelope)));
  }

  @Delete('preferences/:key')
  @CommandRoute({ summary: 'Remove a customer preference', tag: 'preferences-and-consents', idField: 'customerId' })
  async removePreference(
    @ZodParams(preferencePath) { id, key }: PreferencePath,
    @ZodQuery(removePreferenceQuery) query: RemovePreferenceQuery,
    @Envelope() envelope: CommandEnvelope,
  ) {
    return customerAnswer(await this.commands.execute(new RemovePreferenceCommand({ ...query, customerId: id, key }, envelope)));
  }

  @Put('consents/:channel')
  @CommandRoute({ summary: 'Give or withdraw consent to be contacted on a channel', tag: 'preferences-and-consents', idField: 'customerId' })
  async setConsent(
    @ZodParams(consentPath) { id, channel }: ConsentPath,
    @ZodBody(consentBody) { granted, ...businessTime }: ConsentBody,
    @Envelope() envelope: CommandEnvelope,
  ) {
    const payload = { ...businessTime, customerId: id, channel };
    const command = granted ? new GiveConsentCommand(payload, envelope) : new WithdrawConsentCommand(payload, envelope);
    return customerAnswer(await this.commands.execute(command));
  }
}
