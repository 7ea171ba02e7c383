import { callApiExpecting } from '../../../testing/chaos/callApi.js';
import type { CreatedSite } from '../src/sites/createSite.js';

/** Creates an active NPS survey on `site` through the admin API of the server at `baseUrl`; resolves its id. */
export async function createBenchSurvey(baseUrl: string, site: CreatedSite): Promise<string> {
  const survey = await callApiExpecting<{ id: string }>([201], baseUrl, { secretKey: site.secretKey }, '/v1/admin/surveys', {
    method: 'POST',
    body: { name: 'Bench NPS', kind: 'nps', question: 'How likely are you to recommend us?', status: 'active', triggers: [{ type: 'pageview' }] },
  });
  return survey.id;
}
