import { provinceOf, transferPairRefusal, transferStatusRefusal, TransferParty } from './transfers';

const city = (code: string, regionCode: string, status: TransferParty['status'] = 'active'): TransferParty => ({ code, kind: 'city', regionCode, status });
const province = (code: string, regionCode: string): TransferParty => ({ code, kind: 'province', regionCode, status: 'active' });

describe('transfers between hotlines', () => {
  const nanjing = city('city-3201', '3201');
  const wuxi = city('city-3202', '3202');
  const jiangsu = province('province-32', '32');

  it('lets a city transfer to another city of its province, the province down and a city up', () => {
    expect(provinceOf(nanjing)).toBe('32');
    expect(transferPairRefusal(nanjing, wuxi)).toBeUndefined();
    expect(transferPairRefusal(jiangsu, wuxi)).toBeUndefined();
    expect(transferPairRefusal(wuxi, jiangsu)).toBeUndefined();
  });

  it('refuses itself, another province, a suspended or unknown hotline', () => {
    expect(transferPairRefusal(nanjing, nanjing)).toMatch(/itself/);
    expect(transferPairRefusal(nanjing, city('city-3301', '3301'))).toMatch(/another province/);
    expect(transferPairRefusal(nanjing, city('city-3203', '3203', 'suspended'))).toMatch(/suspended/);
    expect(transferPairRefusal(nanjing, undefined)).toMatch(/no such/);
  });

  it('transfers only a request no unit holds yet', () => {
    expect(transferStatusRefusal('registered')).toBeUndefined();
    expect(transferStatusRefusal('awaiting-dispatch')).toBeUndefined();
    expect(transferStatusRefusal('dispatched')).toMatch(/退单/);
    expect(transferStatusRefusal('transferred')).toMatch(/transferred/);
  });
});
