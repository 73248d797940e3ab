import { ListCategoriesQuery, PublishTaxonomyBody } from './categories.schemas';
import { toTaxonomyCategoryMessage } from './categories.views';

describe('taxonomy schemas and messages', () => {
  it('takes codes of the vocabulary shape and levels up to the vocabulary maximum', () => {
    const one = (category: Record<string, unknown>) => PublishTaxonomyBody.safeParse({ categories: [category] }).success;
    expect(one({ code: 'A1.02', name: '自定义', level: 4, parentCode: 'A1' })).toBe(true);
    expect(one({ code: '01', name: '城乡建设', level: 5 })).toBe(false);
    expect(one({ code: '-01', name: '城乡建设', level: 1 })).toBe(false);
    expect(one({ code: '01', name: ' ', level: 1 })).toBe(false);
  });

  it('lists a version (the latest when none is named) with the platform paging', () => {
    expect(ListCategoriesQuery.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(ListCategoriesQuery.parse({ version: '2', level: '3', parent: '0101' })).toEqual({
      version: 2,
      level: 3,
      parent: '0101',
      limit: 50,
      offset: 0,
    });
    expect(ListCategoriesQuery.safeParse({ version: '0' }).success).toBe(false);
  });

  it('announces a level-1 category with an empty parent', () => {
    expect(toTaxonomyCategoryMessage({ code: '01', name: '城乡建设', level: 1 })).toEqual({ code: '01', name: '城乡建设', parentCode: '', level: 1 });
    expect(toTaxonomyCategoryMessage({ code: '0101', name: '住房', parentCode: '01', level: 2 })).toMatchObject({ parentCode: '01' });
  });
});
