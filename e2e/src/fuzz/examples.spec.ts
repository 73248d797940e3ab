import { buildObject, candidatesFor, parseFieldName, repairBody, schemaAt } from './examples';
import { Rng } from './random';
import { conforms, Schema } from './schema';

const body: Schema = {
  type: 'object',
  properties: {
    channel: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,39}$' },
    requester: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 50 }, phone: { type: 'string', pattern: '^[0-9+-]{5,20}$' } }, required: ['name'], additionalProperties: false },
    urgency: { type: 'string', enum: ['normal', 'urgent'] },
    amount: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 10000 },
    day: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    note: { type: 'string', maxLength: 10 },
  },
  required: ['channel', 'requester', 'urgency', 'amount', 'day'],
  additionalProperties: false,
};
const nothingHarvested = () => [];

describe('examples', () => {
  it('builds a body that satisfies the schema, with only the required properties', () => {
    const built = buildObject(body, nothingHarvested, new Rng('b'));
    expect(conforms(built, body)).toBe(true);
    expect(Object.keys(built).sort()).toEqual(['amount', 'channel', 'day', 'requester', 'urgency']);
  });

  it('prefers what the platform showed, then the default and the enum, then drawn values; all valid', () => {
    const harvested = (name: string) => (name === 'channel' ? ['web', 'Not Valid'] : []);
    const channel = candidatesFor(body.properties!['channel']!, 'channel', harvested, new Rng('c'));
    expect(channel[0]).toBe('web');
    expect(channel).not.toContain('Not Valid');
    expect(candidatesFor(body.properties!['urgency']!, 'urgency', nothingHarvested, new Rng('c')).slice(0, 2)).toEqual(['normal', 'urgent']);
    expect(candidatesFor(body.properties!['amount']!, 'amount', nothingHarvested, new Rng('c'))[0]).toBe(1);
    expect(candidatesFor({ type: 'string' }, 'phone', nothingHarvested, new Rng('c'))[0]).toBe('13812345678');
    expect(candidatesFor(body.properties!['day']!, 'day', nothingHarvested, new Rng('c'))[0]).toBe('2026-03-02');
  });

  it('gives the same candidates when asked again (calibration walks them in order)', () => {
    const ask = () => candidatesFor(body.properties!['channel']!, 'channel', nothingHarvested, new Rng('same'));
    expect(ask()).toEqual(ask());
  });

  it('repairs a body where a 400 points: next candidate, unknown keys removed, optional fields dropped', () => {
    const rng = new Rng('r');
    const start = { ...buildObject(body, nothingHarvested, rng), stray: 1 };
    const first = candidatesFor(body.properties!['urgency']!, 'urgency', nothingHarvested, rng);
    const repaired = repairBody(
      start,
      body,
      [
        { field: 'urgency', message: 'not allowed here' },
        { field: '(body)', message: "Unrecognized key(s) in object: 'stray'" },
      ],
      nothingHarvested,
      rng,
    ) as Record<string, unknown>;
    expect(repaired['urgency']).toBe(first[1]);
    expect(repaired).not.toHaveProperty('stray');
    const withNote = { ...start, note: 'abc' };
    const exhausted = candidatesFor(body.properties!['note']!, 'note', nothingHarvested, rng);
    const atLast = { ...withNote, note: exhausted[exhausted.length - 1] };
    expect(repairBody(atLast, body, [{ field: 'note', message: 'no' }], nothingHarvested, rng)).not.toHaveProperty('note');
    expect(repairBody({ ...start }, body, [{ field: 'nowhere', message: 'x' }], nothingHarvested, rng)).toBeUndefined();
  });

  it('reads field names the way problems write them', () => {
    expect(parseFieldName('entries.0.areaCode')).toEqual(['entries', 0, 'areaCode']);
    expect(parseFieldName('(body)')).toEqual([]);
    expect(schemaAt(body, ['requester', 'name'])).toEqual({ type: 'string', minLength: 1, maxLength: 50 });
    expect(schemaAt(body, ['requester', 'nope'])).toBeUndefined();
  });
});
