import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataCollection } from '@samrad/core';
import { testDatabaseKinds } from '@samrad/db/testing';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.js';
import { errorOf } from '../testing/refusals.js';

type Caller = Awaited<ReturnType<ApiFixture['caller']>>;
type Row = Record<string, string | number | null>;
const day = 86_400_000;

/** An export opened with the library that wrote it: its rows by header. */
async function readBack(file: { base64: string; filename: string }): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  const bytes = Buffer.from(file.base64, 'base64');
  const sheet = file.filename.endsWith('.xlsx')
    ? (await workbook.xlsx.read(Readable.from(bytes))).worksheets[0]!
    : await workbook.csv.read(Readable.from(bytes.toString('utf8').replace(/^\uFEFF/, '')));
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Row[] = [];
  sheet.eachRow((row, index) => {
    if (index === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      Object.fromEntries(
        headers.map((h, i) => {
          const v = values[i];
          return [h, v === undefined || v === '' ? null : (v as string | number)];
        }),
      ),
    );
  });
  return rows;
}

/** Exports (SPEC 2.3, 4.4) through the router, read back with ExcelJS, on both engines. */
describe.each(testDatabaseKinds())('exports on %s', (kind) => {
  let f: ApiFixture;
  let admin: Caller;

  beforeAll(async () => {
    f = await createApiFixture(kind);
    admin = await f.as('admin');
  });
  afterAll(() => f?.close());

  async function project() {
    const { id } = await admin.projects.create({ title: `Exports ${Math.random()}` });
    await admin.projects.setStatus({ id, status: 'published' });
    return id;
  }

  async function ideation(projectId: string, dataCollection: DataCollection, startDaysAgo = 10) {
    const phase = await admin.phases.create({
      projectId,
      title: `Ideas ${dataCollection}`,
      method: 'ideation',
      startAt: new Date(Date.now() - startDaysAgo * day).toISOString(),
      endAt: new Date(Date.now() - (startDaysAgo - 20) * day).toISOString(),
    });
    await admin.phases.setParticipation({
      phaseId: phase.id,
      action: 'post',
      enabled: true,
      permittedBy: 'account',
      dataCollection,
    });
    return phase.id;
  }

  async function projectManagerOf(projectId: string): Promise<Caller> {
    const pm = await f.resident();
    await admin.roles.assign({
      userId: pm.id,
      role: 'project_manager',
      scope: { type: 'project', id: projectId },
    });
    return pm.caller;
  }

  it('names the authors of inputs collected with all data, in CSV and XLSX alike', async () => {
    const phaseId = await ideation(await project(), 'all');
    const author = await f.resident({ age_group: '35_64' });
    await author.caller.inputs.create({
      phaseId,
      title: 'A bench',
      body: 'By the water',
      location: { latitude: 59.5, longitude: 18.25, address: 'Dammen' },
    });
    await author.caller.inputs.create({
      phaseId,
      title: '=HYPERLINK("http://evil.example","click")',
      body: '+1 for this',
    });
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await admin.exports.inputs({ phaseId, format });
      expect(file.filename).toBe(`inputs.${format}`);
      expect(file.rows).toBe(2);
      const rows = await readBack(file);
      expect(rows.map((r) => r.Title)).toEqual(
        format === 'csv'
          ? ['A bench', `'=HYPERLINK("http://evil.example","click")`]
          : ['A bench', '=HYPERLINK("http://evil.example","click")'],
      );
      expect(rows[0]).toMatchObject({ Text: 'By the water', Status: 'visible', Up: 0, Images: 0 });
      expect([rows[0]!.Address, Number(rows[0]!.Latitude), Number(rows[0]!.Longitude)]).toEqual([
        'Dammen',
        59.5,
        18.25,
      ]);
      expect(rows.every((r) => r['E-mail'] !== null && r.Name !== null)).toBe(true);
      expect(rows.every((r) => r['Data collected'] === 'all')).toBe(true);
      // Answers read as people read them: the option's title, not its key.
      expect(rows[0]!['Age group']).toBe('35–64');
    }
  });

  it('names nobody under demographics only, and hides an answer fewer than 5 share', async () => {
    const phaseId = await ideation(await project(), 'demographics');
    const groups = [...Array<string>(5).fill('18_34'), '65_plus'];
    for (const [i, age] of groups.entries()) {
      const { caller } = await f.resident({ age_group: age });
      await caller.inputs.create({ phaseId, title: `Idea ${i}`, body: 'Text' });
    }
    const rows = await readBack(await admin.exports.inputs({ phaseId, format: 'xlsx' }));
    expect(rows.length).toBe(6);
    expect(rows.every((r) => r.Name === null && r['E-mail'] === null)).toBe(true);
    const ages = rows.map((r) => r['Age group']);
    expect(ages.filter((a) => a === '18–34').length).toBe(5);
    expect(ages.filter((a) => a === 'fewer than 5').length).toBe(1);
    expect(ages).not.toContain('65 or older');
    // Posted on a day, never at a time (SPEC 4.4).
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(String(r.Posted)))).toBe(true);

    const anonymous = await ideation(await project(), 'anonymous');
    const { caller } = await f.resident({ age_group: '18_34' });
    await caller.inputs.create({ phaseId: anonymous, title: 'Quiet', body: 'Text' });
    const [row] = await readBack(await admin.exports.inputs({ phaseId: anonymous, format: 'csv' }));
    const personal = Object.entries(row!).filter(
      ([h]) =>
        ![
          'Id',
          'Title',
          'Text',
          'Posted',
          'Status',
          'Up',
          'Down',
          'Comments',
          'Images',
          'Data collected',
        ].includes(h),
    );
    expect(personal.every(([, v]) => v === null)).toBe(true);
  });

  it('exports survey responses per question, managers’ tests left out', async () => {
    const projectId = await project();
    const phase = await admin.phases.create({
      projectId,
      title: 'Survey',
      method: 'survey',
      startAt: new Date(Date.now() - day).toISOString(),
    });
    await admin.surveys.setQuestions({
      phaseId: phase.id,
      questions: [
        { key: 'why', title: 'Why?', type: 'text' },
        {
          key: 'modes',
          title: 'How?',
          type: 'multiple',
          options: [
            { key: 'bus', title: 'Bus' },
            { key: 'bike', title: 'Bike' },
          ],
        },
      ],
    });
    const { caller } = await f.resident();
    await caller.surveys.submit({
      phaseId: phase.id,
      answers: { why: 'Fast', modes: ['bus', 'bike'] },
    });
    await admin.surveys.submit({ phaseId: phase.id, answers: { why: 'Test' } });
    const rows = await readBack(
      await admin.exports.responses({ phaseId: phase.id, format: 'csv' }),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 'Why?': 'Fast', 'How?': 'bus, bike' });
    expect(rows[0]!.Name).not.toBeNull();
  });

  it('never shows project managers who voted; admins may see voters (SPEC 2.3)', async () => {
    const projectId = await project();
    const ideas = await ideation(projectId, 'all', 30);
    const { id: inputId } = await admin.inputs.create({
      phaseId: ideas,
      title: 'Park',
      body: 'Green',
    });
    const vote = await admin.phases.create({
      projectId,
      title: 'Vote',
      method: 'voting',
      votingMethod: 'single',
      startAt: new Date(Date.now() - 9 * day).toISOString(),
    });
    await admin.phases.setParticipation({
      phaseId: vote.id,
      action: 'vote',
      enabled: true,
      permittedBy: 'account',
    });
    const voter = await f.resident();
    await voter.caller.votes.cast({ phaseId: vote.id, inputIds: [inputId] });
    const pm = await projectManagerOf(projectId);

    const forAdmin = await readBack(await admin.exports.votes({ phaseId: vote.id, format: 'csv' }));
    expect(forAdmin).toHaveLength(1);
    expect(forAdmin[0]).toMatchObject({ Choices: 'Park' });
    expect(forAdmin[0]!['E-mail']).toContain('@');
    const forPm = await readBack(await pm.exports.votes({ phaseId: vote.id, format: 'xlsx' }));
    expect(forPm[0]).toMatchObject({ Choices: 'Park', Name: null, 'E-mail': null });

    const everyone = await readBack(await admin.exports.participants({ projectId, format: 'csv' }));
    expect(everyone.map((r) => r.User)).toContain(voter.id);
    expect(everyone.find((r) => r.User === voter.id)).toMatchObject({ Voted: 'yes', Posted: 'no' });
    const withoutVoters = await readBack(
      await pm.exports.participants({ projectId, format: 'csv' }),
    );
    expect(withoutVoters.map((r) => r.User)).not.toContain(voter.id);
    expect(withoutVoters.every((r) => !('Voted' in r))).toBe(true);
    expect(withoutVoters.find((r) => r.Posted === 'yes')).toBeDefined();
  });

  it('is for those who may export participants only; the phase must fit the export', async () => {
    const projectId = await project();
    const phaseId = await ideation(projectId, 'all');
    const { caller: resident } = await f.resident();
    expect((await errorOf(resident.exports.inputs({ phaseId, format: 'csv' }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await errorOf(resident.exports.participants({ projectId, format: 'csv' }))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await errorOf((await f.caller()).exports.inputs({ phaseId, format: 'csv' }))).code,
    ).toBe('UNAUTHORIZED');
    const wrong = await errorOf(admin.exports.votes({ phaseId, format: 'csv' }));
    expect([wrong.code, wrong.field]).toEqual(['BAD_REQUEST', 'phaseId']);
    const format = await errorOf(
      admin.exports.inputs({ phaseId, format: 'pdf' as unknown as 'csv' }),
    );
    expect([format.code, format.field]).toEqual(['BAD_REQUEST', 'format']);
  });
});
