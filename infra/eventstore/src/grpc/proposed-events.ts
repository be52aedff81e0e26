import type { ProposedEvent } from '../storage/event-store';
import type { streams } from './protocol';
import { invalidArgument, maximumAppendSizeExceeded, requiredMetadataPropertyMissing } from './rpc-errors';
import { uuidToBytes } from './uuid';

type ProposedMessage = streams.AppendReq.ProposedMessage | streams.BatchAppendReq.ProposedMessage;

/** EventStoreDB's default MaxAppendSize (1 MiB). */
export const MAX_APPEND_SIZE = 1024 * 1024;

/** Collects the events of one append, checking each as EventStoreDB does (Streams.Append.cs). */
export class ProposedEvents {
  readonly events: ProposedEvent[] = [];
  private size = 0;

  constructor(private readonly maxAppendSize = MAX_APPEND_SIZE) {}

  add(message: ProposedMessage): void {
    const metadata = message.getMetadataMap();
    const type = metadata.get('type');
    if (type === undefined) throw requiredMetadataPropertyMissing('type');
    const contentType = metadata.get('content-type');
    if (contentType === undefined) throw requiredMetadataPropertyMissing('content-type');
    const id = uuidToBytes(message.getId());
    if (!id) throw invalidArgument('Every event needs a valid id.');
    const data = message.getData_asU8();
    const customMetadata = message.getCustomMetadata_asU8();
    // Event.SizeOnDisk: data, metadata and the event type as UTF-16.
    this.size += data.length + customMetadata.length + type.length * 2;
    if (this.size > this.maxAppendSize) throw maximumAppendSizeExceeded(this.maxAppendSize);
    this.events.push({ id, type, isJson: contentType === 'application/json', data, metadata: customMetadata });
  }
}
