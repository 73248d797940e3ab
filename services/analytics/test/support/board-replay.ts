// The 2020 泰迪杯 board messages (../shared/data/messages-with-likes.csv) as accepted requests of
// one tenant, for the early-warning suites. The board has no category or area columns: the area
// is the anonymised district the text names (A3区 → 430103, none → the city 4301) and the
// category the first keyword group the title or body hits (a fixture rule, not the classifier).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCsvTable } from '@hotline/classify';
import type { commonV1 } from '@hotline/contracts';

export const BOARD_CSV = resolve(__dirname, '../../../../../shared/data/messages-with-likes.csv');

const CATEGORY_KEYWORDS: Array<[string, string[]]> = [
  ['traffic', ['公交', '道路', '交通', '车辆', '停车', '地铁', '高速', '出租车']],
  ['education', ['学校', '教育', '老师', '学生', '幼儿园', '招生']],
  ['environment', ['噪音', '污染', '环保', '垃圾', '排放', '异味', '扰民']],
  ['housing', ['小区', '物业', '拆迁', '业主', '工地', '房']],
  ['labour', ['工资', '社保', '养老', '医保', '就业', '劳动']],
  ['health', ['医院', '卫生', '医生', '疫苗']],
  ['commerce', ['商家', '消费', '价格', '市场', '旅游', '快递']],
];

/** 313 weeks: 2019-01-07 (a Monday) lands on 2025-01-06 (a Monday), so weekdays and 2025's holiday data apply. */
export const SHIFT_MS = 313 * 7 * 86_400_000;

export interface BoardMessage {
  id: string;
  userId: string;
  likes: number;
  categoryCode: string;
  areaCode: string;
  /** Shifted creation time, at minute precision. */
  at: Date;
  title: string;
  content: string;
}

function categoryOf(text: string): string {
  return CATEGORY_KEYWORDS.find(([, words]) => words.some((w) => text.includes(w)))?.[0] ?? 'other';
}

function areaOf(text: string): string {
  const m = /A(\d+)[区县市]/.exec(text);
  return m ? `4301${String(Number(m[1])).padStart(2, '0')}` : '4301';
}

/** The board's 2019 messages (the months it has in volume), shifted onto 2025, oldest first. */
export function boardMessages(): BoardMessage[] {
  const table = parseCsvTable(readFileSync(BOARD_CSV, 'utf8'));
  const col = (name: string) => table.header.indexOf(name);
  const [id, user, title, body, created, likes] = ['id', 'user_id', 'title', 'body', 'created_at', 'likes'].map(col) as number[];
  return table.rows
    .map((r) => {
      const createdAt = new Date(`${(r[created as number] ?? '').replace(' ', 'T')}+08:00`);
      const text = `${r[title as number]} ${r[body as number]}`;
      return {
        id: r[id as number] ?? '',
        userId: r[user as number] ?? '',
        likes: Number(r[likes as number] ?? 0),
        categoryCode: categoryOf(text),
        areaCode: areaOf(text),
        at: new Date(Math.floor((createdAt.getTime() + SHIFT_MS) / 60_000) * 60_000),
        title: r[title as number] ?? '',
        content: r[body as number] ?? '',
        createdAt,
      };
    })
    .filter((m) => m.createdAt >= new Date('2019-01-07T00:00:00+08:00') && m.createdAt < new Date('2020-01-06T00:00:00+08:00'))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id))
    .map(({ createdAt: _createdAt, ...m }) => m);
}

/**
 * The brief intake would publish. A board user appears as a masked phone derived from the
 * user id (the board has no phone): distinct users, distinct masks, as the requester spread needs.
 */
export function briefOf(m: { requestId: string; categoryCode: string; areaCode: string; at: Date; title: string; content: string; userId?: string }): commonV1.RequestBrief {
  const digits = m.userId ? m.userId.replace(/\D/g, '').padStart(8, '0') : '';
  return {
    requestId: m.requestId, number: '', channel: 'web', requestType: 'complaint', urgency: 'normal', categoryCode: m.categoryCode,
    areaCode: m.areaCode, title: m.title, content: m.content, receivedAt: m.at.toISOString(), requesterMaskedName: '',
    requesterMaskedPhone: digits ? `1${digits.slice(0, 2)}****${digits.slice(-4)}` : '', confidential: false, anonymous: false, categoryPath: [m.categoryCode], taxonomyVersion: 1,
  };
}
