// The one content hash: SHA-256 as lower-case hex, for manifests, template caches and calendar UIDs.
import { createHash } from 'node:crypto';

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');
