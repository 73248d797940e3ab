import { Example } from '../src';
import { seededRandom } from '../src/random';

// Small synthetic corpus for fast tests: each class has its own topic words, all classes share
// filler words, so that a classifier must find the topic words.
export const TOPICS: Record<string, string[]> = {
  交通: ['公交车', '道路拥堵', '地铁站', '红绿灯', '停车位', '出租车'],
  教育: ['学校', '老师', '学生', '学费', '幼儿园', '课程'],
  环境: ['污染', '噪音扰民', '垃圾', '排放', '臭气', '污水'],
};

const FILLER = ['您好', '我们小区', '希望领导', '尽快解决', '多次反映', '没有回应', '谢谢', '附近'];

export function syntheticExamples(count: number, seed: number, topics: Record<string, string[]> = TOPICS): Example[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const labels = Object.keys(topics);
  return Array.from({ length: count }, (_, i) => {
    const label = labels[i % labels.length];
    const words = [pick(FILLER), pick(topics[label]), pick(FILLER), pick(topics[label]), pick(FILLER)];
    return { fields: [`关于${pick(topics[label])}的问题`, words.join('，')], label };
  });
}
