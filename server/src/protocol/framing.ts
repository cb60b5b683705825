// Reads LSP's base protocol (`Content-Length: N\r\n\r\n` then N bytes of JSON) from a stream, strictly. A
// header that is not a length (NaN, negative, beyond any message), a header block that never ends (binary
// junk, a 50 MB header) or a body that is not JSON is an error, never a wait: the server then says so in one
// line and exits, so that the client restarts it, instead of staying up, silent and deaf.
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';

/** A header block longer than this never ends in a real client's message. */
const MAX_HEADER_BYTES = 64 * 1024;
/** Larger than any document the server takes (tiktokErrors.maxFileSize is characters, not bytes) plus JSON. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n');

export class FramingError extends Error {}

export class StrictMessageReader extends AbstractMessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The body length announced by the last header, or -1 while a header is awaited. */
  private expected = -1;
  private failed = false;

  constructor(private readonly input: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string) => {
      if (this.failed) return;
      try {
        this.take(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk, callback);
      } catch (error) {
        this.failed = true;
        this.fireError(error);
      }
    };
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onClose);
    this.input.on('close', onClose);
    return {
      dispose: () => {
        this.input.off('data', onData);
        this.input.off('error', onError);
        this.input.off('end', onClose);
        this.input.off('close', onClose);
      },
    };
  }

  private take(chunk: Buffer, callback: DataCallback): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.expected < 0) {
        const all = this.joined();
        const end = all.indexOf(HEADER_END);
        if (end < 0) {
          if (this.buffered > MAX_HEADER_BYTES) throw new FramingError(`no end of header within ${MAX_HEADER_BYTES} bytes`);
          checkPartialHeader(all);
          return;
        }
        if (end > MAX_HEADER_BYTES) throw new FramingError(`a header of ${end} bytes`);
        this.expected = contentLength(all.subarray(0, end).toString('latin1'));
        this.consume(end + HEADER_END.length);
      }
      if (this.buffered < this.expected) return;
      const all = this.joined();
      const body = all.subarray(0, this.expected);
      this.consume(this.expected);
      this.expected = -1;
      callback(parseBody(body));
    }
  }

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(bytes: number): void {
    const rest = this.joined().subarray(bytes);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
  }
}

/** Header fields are `Name: value` lines of printable ASCII: anything else is not worth waiting on. */
const HEADER_SO_FAR = /^([A-Za-z0-9-]+:[\x20-\x7e\t]*\r\n)*([A-Za-z0-9-]*(:[\x20-\x7e\t]*\r?)?)?$/;

/** A header still arriving, which must already read as one (binary junk, or JSON with no header, does not). */
function checkPartialHeader(bytes: Buffer): void {
  if (!HEADER_SO_FAR.test(bytes.toString('latin1'))) throw new FramingError(`${bytes.length} bytes where a header belongs that are not one`);
}

/** The body length from a header block: a `Content-Length` of decimal digits, at most MAX_MESSAGE_BYTES. */
export function contentLength(header: string): number {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new FramingError(`a header line without a name: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name !== 'content-length') continue;
    if (!/^\d+$/.test(value)) throw new FramingError(`Content-Length ${JSON.stringify(value.slice(0, 40))} is not a length`);
    length = Number(value);
    if (length > MAX_MESSAGE_BYTES) throw new FramingError(`Content-Length ${length} is over the limit of ${MAX_MESSAGE_BYTES} bytes`);
  }
  if (length === undefined) throw new FramingError('a header without Content-Length');
  return length;
}

function parseBody(body: Buffer): Message {
  let message: unknown;
  try {
    message = JSON.parse(body.toString('utf8'));
  } catch {
    throw new FramingError(`a body of ${body.length} bytes that is not JSON (a wrong Content-Length?)`);
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) throw new FramingError('a body that is not a JSON-RPC message');
  return message as Message;
}
