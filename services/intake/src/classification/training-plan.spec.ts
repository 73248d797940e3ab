import { trainingJobOf } from './training-job';
import { holdoutFigures, learntCategories, replacesActive, splitByTime } from './training-plan';

describe('classification training plan', () => {
  it('holds back the most recent share, at least one, never all', () => {
    const days = Array.from({ length: 20 }, (_, i) => i);
    expect(splitByTime(days, 0.15)).toEqual({ train: days.slice(0, 17), holdout: [17, 18, 19] });
    expect(splitByTime([1, 2, 3], 0.1)).toEqual({ train: [1, 2], holdout: [3] });
    expect(splitByTime([1, 2], 0.9)).toEqual({ train: [1], holdout: [2] });
    expect(splitByTime([1], 0.5)).toEqual({ train: [1], holdout: [] });
  });

  it('learns a rare category as its parent, pooling rare siblings, up to level 1', () => {
    const parents = new Map<string, string | null>([
      ['03', null],
      ['0306', '03'],
      ['030601', '0306'],
      ['030602', '0306'],
      ['04', null],
      ['0402', '04'],
    ]);
    const codes = ['030601', '030601', '030601', '030602', '030602', '0402'];
    const learnt = learntCategories(codes, parents, 3);
    expect(learnt.get('030601')).toBe('030601');
    // Two alone are too few; pooled under 0306 they are still two: up to 03, where they stay.
    expect(learnt.get('030602')).toBe('03');
    expect(learnt.get('0402')).toBe('04');
    expect(learntCategories(codes, parents, 1).get('030602')).toBe('030602');
    // A code the tree lacks stays itself.
    expect(learntCategories(['zz'], parents, 3).get('zz')).toBe('zz');
  });

  it('counts a suggestion of the category or one above it as right', () => {
    const paths = [['03', '0306', '030601'], ['04', '0402'], ['05']];
    const figures = holdoutFigures([['030601', '04'], ['03', '05', '04'], ['04', '03', '01']], paths);
    expect(figures).toEqual({ count: 3, accuracy: 1 / 3, top3: 2 / 3 });
    expect(holdoutFigures([], [])).toEqual({ count: 0, accuracy: 0, top3: 0 });
  });

  it('replaces the active model only when strictly better on top-1; a tie keeps it', () => {
    const figures = (accuracy: number, top3 = 0.9) => ({ count: 100, accuracy, top3 });
    expect(replacesActive(figures(0.5), undefined)).toBe(true);
    expect(replacesActive(figures(0.81), figures(0.8))).toBe(true);
    expect(replacesActive(figures(0.8, 1), figures(0.8, 0.5))).toBe(false);
    expect(replacesActive(figures(0.7), figures(0.8))).toBe(false);
  });
});

describe('the training job of a history', () => {
  it('splits by time, learns rare leaves as parents and judges on the confirmed paths', () => {
    const tree = new Map<string, { parentCode: string | null }>([
      ['03', { parentCode: null }],
      ['0306', { parentCode: '03' }],
      ['05', { parentCode: null }],
    ]);
    const history = [
      ...Array.from({ length: 8 }, (_, i) => ({ title: `t${i}`, content: '公交车晚点', categoryCode: '05' })),
      { title: 'x', content: '物业收费', categoryCode: '0306' },
      { title: 'y', content: '物业收费', categoryCode: '0306' },
    ];
    const job = trainingJobOf(history, tree, { holdoutFraction: 0.2, minExamplesPerCategory: 3, maxModelWeights: 1_000_000 });
    expect(job.train.map((e) => e.label)).toEqual([...Array(8).fill('05')]);
    expect(job.holdoutPaths).toEqual([
      ['03', '0306'],
      ['03', '0306'],
    ]);
    const rare = trainingJobOf([...history, history[0], history[0]], tree, { holdoutFraction: 0.2, minExamplesPerCategory: 3, maxModelWeights: 1_000_000 });
    expect(rare.train.filter((e) => e.label !== '05').map((e) => e.label)).toEqual(['03', '03']);
  });
});
