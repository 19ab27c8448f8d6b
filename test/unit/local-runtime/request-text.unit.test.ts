import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { requestText } from '../../../src/infrastructure/local/request-text';

const request = (chunks: Buffer[]) => Readable.from(chunks) as unknown as IncomingMessage;

describe('a local server reading a request body', () => {
  it('keeps a character whole when the chunks split its bytes', async () => {
    const bytes = Buffer.from('{"name":"Ə é 😀"}', 'utf8');
    const chunks = [bytes.subarray(0, 10), bytes.subarray(10, 16), bytes.subarray(16)]; // inside Ə and 😀
    expect(await requestText(request(chunks))).toBe('{"name":"Ə é 😀"}');
  });

  it('reads an empty body as the empty string', async () => {
    expect(await requestText(request([]))).toBe('');
  });
});
