// The typed client's types per direction: a minimal valid body of each create compiles without a cast (a field with
// a default is optional to the caller), the answers carry those fields as present, and the API accepts the bodies.
// `npm test` runs `tsc --noEmit` over this file first: a type that regresses fails there, before vitest runs.
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import type { paths, Schemas } from '#client';
import { routes } from '../../functions/http/routes.ts';

type Body<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

const employee = { nip: '198001012005011001', name: 'Budi Santoso', position: 'Guru', opdId: 'disdik', employmentType: 'PNS' } as const;

// No evidenceUrls, no source (both defaulted).
const report: Body<'/v1/reports', 'post'> = {
  electionId: 'pilkada-2024', incidentDate: '2024-10-02', category: 'MEDIA_SOSIAL', description: 'Membagikan poster calon di grup WhatsApp kantor.',
  location: 'Bantul', employee, reporter: { kind: 'PUBLIC' },
};
// No opdIds, no evidenceUrls.
const ceremony: Body<'/v1/ceremonies', 'post'> = {
  kind: 'IKRAR_ASN', electionId: 'pilkada-2024', location: 'Pendopo Parasamya', leader: { name: 'Sekretaris Daerah', title: 'Sekda' }, participants: { asn: 100, nonAsn: 5 },
};
// No evidenceUrls, no risks, no reportIds.
const activity: Body<'/v1/satgas/activities', 'post'> = {
  opdId: 'disdik', electionId: 'pilkada-2024', kind: 'SOSIALISASI', heldAt: '2024-09-10', summary: 'Sosialisasi netralitas ASN', participants: { asn: 40, nonAsn: 2 },
};
// One step; the others keep their values.
const settings: Body<'/v1/directory/settings', 'put'> = { opdReview: { remindAfter: 'P2D', deadline: 'P5D' } };
const bkppOnly: Body<'/v1/directory/settings', 'put'> = { bkppAssessment: { remindAfter: 'P2D', deadline: 'P10D' } }; // maxEscalations defaulted

describe('the client types, per direction', () => {
  it('take a minimal body of each create without a cast, and still require what has no default', () => {
    const { description: _, ...withoutDescription } = report;
    // @ts-expect-error description has no default: a body without it does not compile.
    const missing: Body<'/v1/reports', 'post'> = withoutDescription;
    expect(missing).not.toHaveProperty('description');
    expectTypeOf<Body<'/v1/reports', 'post'>['evidenceUrls']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<Body<'/v1/ceremonies', 'post'>['opdIds']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<Body<'/v1/satgas/activities', 'post'>['risks']>().toEqualTypeOf<Schemas['RiskInputInput'][] | undefined>();
  });

  it('give answers the defaulted fields as present (the output shape)', () => {
    expectTypeOf<Schemas['Report']['evidenceUrls']>().toEqualTypeOf<string[]>();
    expectTypeOf<Schemas['Report']['source']>().not.toEqualTypeOf<undefined>();
    expectTypeOf<Schemas['Settings']['ppkDecision']['maxEscalations']>().toEqualTypeOf<number>();
  });

  it('match what the API accepts: each minimal body passes its route\'s own schema', () => {
    const cases = [
      [routes.submitReport.body, report],
      [routes.createCeremony.body, ceremony],
      [routes.createSatgasActivity.body, activity],
      [routes.putSettings.body, settings],
      [routes.putSettings.body, bkppOnly],
    ] as const;
    for (const [schema, body] of cases) {
      const parsed = z.safeParse(schema, body);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });
});
