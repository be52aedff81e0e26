import type { ServerWritableStream } from '@grpc/grpc-js';
import type { RpcError } from './rpc-errors';

/**
 * Messages buffered before a sender waits for the client. grpc-js's own mark (16) stalls a reader
 * on every HTTP/2 window update; a deeper buffer keeps the connection busy while staying bounded.
 */
const MAX_BUFFERED_MESSAGES = 1024;

/** A server stream seen as a sink that respects the client's flow control and notices cancellation. */
export class ResponseSink {
  private cancelledFlag = false;
  private readonly cancelListeners: Array<() => void> = [];

  constructor(private readonly call: ServerWritableStream<unknown, Buffer>) {
    const cancel = () => {
      if (this.cancelledFlag) return;
      this.cancelledFlag = true;
      for (const listener of this.cancelListeners.splice(0)) listener();
    };
    call.on('cancelled', cancel);
    call.on('close', cancel);
    call.on('error', cancel);
  }

  get cancelled(): boolean {
    return this.cancelledFlag;
  }

  onCancel(listener: () => void): () => void {
    if (this.cancelledFlag) {
      listener();
      return () => undefined;
    }
    this.cancelListeners.push(listener);
    return () => {
      const at = this.cancelListeners.indexOf(listener);
      if (at >= 0) this.cancelListeners.splice(at, 1);
    };
  }

  /** Sends one message; waits while the client's window is full. */
  async send(message: Buffer): Promise<void> {
    if (this.cancelledFlag) return;
    this.call.write(message);
    if (this.call.writableLength < MAX_BUFFERED_MESSAGES) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.call.off('drain', done);
        stop();
        resolve();
      };
      const stop = this.onCancel(done);
      this.call.once('drain', done);
    });
  }

  end(): void {
    if (!this.cancelledFlag) this.call.end();
  }

  fail(error: RpcError): void {
    if (!this.cancelledFlag) this.call.emit('error', error);
  }
}
