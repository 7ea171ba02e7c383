import { sha256 } from '../crypto/sha256.js';

/**
 * The visitor's bucket for a survey, 0–9999: the first 4 bytes of SHA-256(`surveyId:contactId`) as an
 * unsigned big-endian integer, mod 10000. The same visitor always lands in the same bucket for a survey,
 * and buckets of different surveys are independent.
 */
export async function sampleBucket(surveyId: string, contactId: string): Promise<number> {
  const digest = await sha256(`${surveyId}:${contactId}`);
  const view = new DataView(digest.buffer, digest.byteOffset, 4);
  return view.getUint32(0, false) % 10_000;
}

/** Whether the visitor is inside the survey's sample: bucket < samplePercent × 100 (100 % takes everyone). */
export async function isSampledIn(surveyId: string, contactId: string, samplePercent: number): Promise<boolean> {
  if (samplePercent >= 100) return true;
  if (samplePercent <= 0) return false;
  return (await sampleBucket(surveyId, contactId)) < samplePercent * 100;
}
