import { createHash, createHmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { Pool } from 'pg';

/**
 * The projection consumer with the alternative: a `pg` pool to an RDS Proxy, signing in with an IAM token the way
 * `@aws-sdk/rds-signer` makes one (a SigV4-presigned `connect` URL, credentials from the default chain), built at
 * load. Nothing connects here; the bench compares what each choice costs to load.
 */
export { handler } from '../../src/infrastructure/lambda/projection-consumer';

/** SHA-256 (plain or HMAC) for the signer, over node:crypto. */
type Bytes = string | ArrayBuffer | ArrayBufferView;
const bytesOf = (data: Bytes): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

class Sha256 {
  private hash;
  private readonly secret?: string | Uint8Array;
  constructor(secret?: Bytes) {
    this.secret = secret === undefined ? undefined : bytesOf(secret);
    this.hash = this.secret ? createHmac('sha256', this.secret) : createHash('sha256');
  }
  update(data: Bytes): void {
    this.hash.update(bytesOf(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    this.hash = this.secret ? createHmac('sha256', this.secret) : createHash('sha256');
  }
}

const proxy = {
  hostname: 'cold-start.proxy-000000000000.us-east-1.rds.amazonaws.com',
  port: 5432,
  user: 'eventfold',
};
const signer = new SignatureV4({
  service: 'rds-db',
  region: process.env.AWS_REGION ?? 'us-east-1',
  credentials: defaultProvider(),
  sha256: Sha256,
});

/** An IAM authentication token for the proxy (valid 15 minutes). */
async function authToken(): Promise<string> {
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: proxy.hostname,
      port: proxy.port,
      path: '/',
      query: { Action: 'connect', DBUser: proxy.user },
      headers: { host: `${proxy.hostname}:${proxy.port}` },
    },
    { expiresIn: 900 },
  );
  const query = new URLSearchParams(signed.query as Record<string, string>).toString();
  return `${proxy.hostname}:${proxy.port}/?${query}`;
}

export const pool = new Pool({
  host: proxy.hostname,
  port: proxy.port,
  user: proxy.user,
  database: 'eventfold',
  password: authToken,
  ssl: { rejectUnauthorized: true },
  max: 1,
});
