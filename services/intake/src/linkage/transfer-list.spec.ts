import { suggestTransfers, TransferListItem } from './transfer-list';

const item = (code: string, over: Partial<TransferListItem> = {}): TransferListItem => ({
  direction: 'outgoing', counterpart: '110', code, className: '治安类', itemName: code, categoryCodes: [], keywords: [], ...over,
});

describe('suggestTransfers', () => {
  const items = [
    item('T1-01', { keywords: ['持刀', '威胁'] }),
    item('T1-02', { categoryCodes: ['0101'] }),
    item('T2-01', { keywords: ['噪音'], direction: 'incoming' }),
    item('T1-03', { keywords: ['走失'] }),
  ];

  it('matches by category (the item names it or an ancestor) and by keyword, best first, saying why', () => {
    const found = suggestTransfers(items, { categoryCode: '010101', text: '楼下有人持刀威胁邻居' });
    expect(found.map((s) => [s.item.code, s.why])).toEqual([
      ['T1-01', ['keyword 持刀', 'keyword 威胁']],
      ['T1-02', ['category 0101']],
    ]);
  });

  it('suggests nothing for a request no outgoing item covers, and never an incoming item', () => {
    expect(suggestTransfers(items, { categoryCode: '02', text: '夜间施工噪音' })).toEqual([]);
    expect(suggestTransfers(items, { categoryCode: null, text: '' })).toEqual([]);
  });
});
