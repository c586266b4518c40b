// AbuseIPDB reputation with the user's own key: GET /api/v2/check?ipAddress=…, header `Key`.
// https://docs.abuseipdb.com/#check-endpoint. The key travels in a header only; it is not part of the
// cache key, the URL or any message.

import type { JsonClient } from './http-json';
import type { AbuseIpdbInfo, ItemState } from './types';

export const ABUSEIPDB_URL = 'https://api.abuseipdb.com/api/v2/check';
const TTL_SECONDS = 3600;

export async function lookupAbuseIpdb(
  ip: string,
  key: string,
  json: JsonClient,
  baseUrl: string,
): Promise<{ info: AbuseIpdbInfo | null; state: ItemState }> {
  const url = `${baseUrl}?ipAddress=${encodeURIComponent(ip)}&maxAgeInDays=90`;
  const result = await json.get({ url, headers: { Key: key }, cacheKey: `abuseipdb:${ip}`, ttlSeconds: TTL_SECONDS });
  if (result.status !== 'ok')
    return { info: null, state: { status: result.status, detail: `AbuseIPDB: ${result.detail}` } };
  const data = (result.body as { data?: Record<string, unknown> })?.data;
  if (!data || typeof data.abuseConfidenceScore !== 'number') {
    return { info: null, state: { status: 'error', detail: 'AbuseIPDB: unexpected answer' } };
  }
  return {
    info: {
      score: data.abuseConfidenceScore,
      reports: typeof data.totalReports === 'number' ? data.totalReports : 0,
      lastReportedAt: typeof data.lastReportedAt === 'string' ? data.lastReportedAt : null,
      usageType: typeof data.usageType === 'string' ? data.usageType : null,
      isp: typeof data.isp === 'string' ? data.isp : null,
    },
    state: { status: 'ok' },
  };
}
