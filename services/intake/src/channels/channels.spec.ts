import { intakeV1 } from '@hotline/contracts';
import { CHANNEL_KINDS } from '@hotline/vocabulary';
import { ChannelEntity } from './channel.entity';
import { CreateChannelBody } from './channels.schemas';
import { toChannelMessage, toChannelView } from './channels.views';

const channel = (kind: ChannelEntity['kind']) =>
  Object.assign(new ChannelEntity(), { id: 'c1', tenantId: 'city-a', code: kind, name: kind, kind, enabled: true, createdAt: new Date(0) });

describe('channels', () => {
  it('maps every vocabulary channel kind to its own proto kind', () => {
    const kinds = CHANNEL_KINDS.map((kind) => toChannelMessage(channel(kind)).kind);
    expect(new Set(kinds).size).toBe(CHANNEL_KINDS.length);
    expect(kinds).not.toContain(intakeV1.ChannelKind.CHANNEL_KIND_UNSPECIFIED);
    expect(toChannelMessage(channel('web'))).toMatchObject({ code: 'web', kind: intakeV1.ChannelKind.CHANNEL_KIND_WEB, createdAt: '1970-01-01T00:00:00.000Z' });
    expect(toChannelView(channel('wechat'))).toMatchObject({ code: 'wechat', kind: 'wechat', enabled: true });
  });

  it('takes the vocabulary kinds and lowercase codes only', () => {
    expect(CreateChannelBody.parse({ code: 'mayor-mailbox', name: '市长信箱', kind: 'email' })).toMatchObject({ enabled: true });
    expect(CreateChannelBody.safeParse({ code: 'pigeon', name: '信鸽', kind: 'carrier-pigeon' }).success).toBe(false);
    expect(CreateChannelBody.safeParse({ code: 'Web Portal', name: '网站', kind: 'web' }).success).toBe(false);
  });
});
