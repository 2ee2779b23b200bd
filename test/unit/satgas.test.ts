// Satgas rules without a database: the body schemas, the map's cells, the page and the OpenAPI description.
import { describe, expect, it } from 'vitest';
import { CreateActivityBody, PutSatgasBody } from '../../functions/domain/satgas.schema.ts';
import { cellCounter, cellsOf, type RiskMap } from '../../functions/domain/vulnerability-map.ts';
import { riskMapPage } from '../../functions/views/vulnerability-page.ts';
import { buildOpenApi } from '../../functions/lib/openapi.ts';
import { routes } from '../../functions/http/routes.ts';
import { activityBody, satgasBody } from '../support/api.ts';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('PutSatgasBody', () => {
  it('takes one KETUA with up to 49 others, and names every repeated NIP', () => {
    const others = Array.from({ length: 49 }, (_, i) => ({ name: `A${i}`, role: 'ANGGOTA' }));
    expect(PutSatgasBody.safeParse(satgasBody({ members: [{ name: 'K', role: 'KETUA' }, ...others] })).success).toBe(true);
    expect(paths(PutSatgasBody.safeParse(satgasBody({ members: [{ name: 'K', role: 'KETUA' }, ...others, { name: 'X', role: 'ANGGOTA' }] })))).toEqual(['members']);
    const nip = '197501012000031001';
    const repeated = PutSatgasBody.safeParse(satgasBody({
      members: [{ name: 'K', role: 'KETUA', nip }, { name: 'B', role: 'ANGGOTA', nip }, { name: 'C', role: 'SEKRETARIS', nip }],
    }));
    expect(paths(repeated)).toEqual(['members.1.nip', 'members.2.nip']);
  });
});

describe('CreateActivityBody', () => {
  it('defaults risks and reportIds; monitoring may find nothing', () => {
    const parsed = CreateActivityBody.parse(activityBody({ kind: 'PEMANTAUAN_MEDIA_SOSIAL', risks: undefined }));
    expect(parsed.risks).toEqual([]);
    expect(parsed.reportIds).toEqual([]);
  });

  it('names each bad risk row by its index', () => {
    const risk = { stage: 'KAMPANYE', category: 'ATRIBUT', level: 'SEDANG', description: 'x' };
    const result = CreateActivityBody.safeParse(activityBody({ risks: [risk, { ...risk, level: 'x' }, risk, { ...risk, stage: 'x', category: 'x' }] }));
    expect(paths(result)).toEqual(['risks.1.level', 'risks.3.stage', 'risks.3.category']);
  });
});

describe('the map', () => {
  it('keeps the non-empty cells of one status in stage, category, level order', () => {
    const counters = {
      [cellCounter('TERBUKA', { stage: 'MASA_TENANG', category: 'POLITIK_UANG', level: 'RENDAH' })]: 2,
      [cellCounter('TERBUKA', { stage: 'KAMPANYE', category: 'MEDIA_SOSIAL', level: 'TINGGI' })]: 1,
      [cellCounter('TERBUKA', { stage: 'KAMPANYE', category: 'MEDIA_SOSIAL', level: 'RENDAH' })]: 0,
      [cellCounter('DITANGANI', { stage: 'KAMPANYE', category: 'ATRIBUT', level: 'SEDANG' })]: 4,
    };
    expect(cellsOf(counters, 'TERBUKA')).toEqual([
      { stage: 'KAMPANYE', category: 'MEDIA_SOSIAL', level: 'TINGGI', count: 1 },
      { stage: 'MASA_TENANG', category: 'POLITIK_UANG', level: 'RENDAH', count: 2 },
    ]);
    expect(cellsOf(counters, 'DITANGANI')).toEqual([{ stage: 'KAMPANYE', category: 'ATRIBUT', level: 'SEDANG', count: 4 }]);
  });

  it('draws each stage × category cell with its count and highest level, and escapes what people wrote', () => {
    const risk = {
      id: '01J00000000000000000000000', regionId: '64.02', opdId: 'disdik', electionId: 'pilkada-2024' as const, activityId: 'a',
      stage: 'KAMPANYE' as const, category: 'MEDIA_SOSIAL' as const, level: 'SEDANG' as const, description: '<script>alert(1)</script>',
      status: 'TERBUKA' as const, history: [], createdAt: '2024-10-02T06:30:00Z', updatedAt: '2024-10-02T06:30:00Z',
    };
    const map: RiskMap = {
      regionId: '64.02', electionId: 'pilkada-2024', status: 'TERBUKA', total: 3, byLevel: { RENDAH: 0, SEDANG: 2, TINGGI: 1 },
      cells: [
        { stage: 'KAMPANYE', category: 'MEDIA_SOSIAL', level: 'SEDANG', count: 2 },
        { stage: 'KAMPANYE', category: 'MEDIA_SOSIAL', level: 'TINGGI', count: 1 },
      ],
      risks: [risk], truncated: true,
    };
    const { body, headers } = riskMapPage({
      map, region: { name: 'Kabupaten Kutai Kartanegara', agencyName: 'BKPSDM', timeZone: 'Asia/Makassar' }, opdNames: { disdik: 'Dinas Pendidikan' },
      generatedAt: new Date('2024-10-03T01:00:00Z'),
    });
    expect(headers!['content-security-policy']).toContain("default-src 'none'");
    expect(body).toMatch(/data-stage="KAMPANYE" data-category="MEDIA_SOSIAL" data-count="3"><title>[^<]*<\/title><rect[^>]*fill="#c8382a"/);
    expect(body).toContain('data-stage="KAMPANYE" data-category="ATRIBUT" data-count="0"');
    expect(body.match(/<g data-stage=/g)).toHaveLength(6 * 11);
    expect(body).not.toContain('<script>');
    expect(body).toContain('&lt;script&gt;');
    expect(body).toContain('2024-10-02 14:30 WITA');
    expect(body).toContain('2024-10-03 09:00 WITA');
    expect(body).toContain('BKPSDM Kabupaten Kutai Kartanegara');
    expect(body).toContain('Daftar dipotong');
  });
});

describe('OpenAPI', () => {
  it('describes the Satgas routes from their schemas, the map also as text/html', () => {
    const doc = buildOpenApi(routes) as any;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/v1/directory/opds/{opdId}/satgas', '/v1/satgas/activities', '/v1/satgas/risks/{riskId}', '/v1/satgas/risks',
    ]));
    const map = doc.paths['/v1/satgas/risks'].get;
    expect(Object.keys(map.responses['200'].content)).toEqual(['application/json', 'text/html']);
    expect(doc.components.schemas.RiskInputInput.properties.level.enum).toEqual(['RENDAH', 'SEDANG', 'TINGGI']);
    expect(doc.components.schemas.SatgasMemberInput.properties.role.enum).toEqual(['KETUA', 'SEKRETARIS', 'ANGGOTA']);
    const post = doc.paths['/v1/satgas/activities'].post;
    expect(post.parameters.map((p: { name: string }) => p.name)).toContain('idempotency-key');
    expect(doc.components.schemas.OpdCompliance.properties.satgas.$ref).toBe('#/components/schemas/SatgasFigures');
  });
});
