import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LeaderboardEntry } from '@stride/core';
import { rankWithTies } from '../../../packages/elements/src/leaderboard/leaderboard.ranking.js';

function entry(id: string, value: number | null, extra: Partial<LeaderboardEntry> = {}): LeaderboardEntry {
  return { id, name: id, kind: 'manager', value, ...extra };
}

function ranks(list: ReturnType<typeof rankWithTies>): [string, number | null][] {
  return list.map((r) => [r.entry.id, r.rank]);
}

test('ties share a rank and the next rank skips (1, 2, 2, 4)', () => {
  const ranked = rankWithTies([entry('d', 5), entry('b', 9), entry('a', 10), entry('c', 9)]);
  assert.deepEqual(ranks(ranked), [
    ['a', 1],
    ['b', 2],
    ['c', 2],
    ['d', 4],
  ]);
  assert.deepEqual(
    ranked.map((r) => r.tied),
    [false, true, true, false],
  );
});

test('everyone tied is rank 1', () => {
  const ranked = rankWithTies([entry('x', 3), entry('y', 3), entry('z', 3)]);
  assert.deepEqual(
    ranked.map((r) => r.rank),
    [1, 1, 1],
  );
});

test('entries without a value go last, unranked, and do not take a rank from anyone', () => {
  const ranked = rankWithTies([entry('nil', null), entry('low', 0), entry('high', 4), entry('missing', null)]);
  assert.deepEqual(ranks(ranked), [
    ['high', 1],
    ['low', 2],
    ['missing', null],
    ['nil', null],
  ]);
  assert.equal(ranked[2]!.movement.kind, 'none');
});

test('zero is a value and is ranked; negative values rank below it', () => {
  const ranked = rankWithTies([entry('neg', -2), entry('zero', 0)]);
  assert.deepEqual(ranks(ranked), [
    ['zero', 1],
    ['neg', 2],
  ]);
});

test('movement compares with the ranks the previous values give, ranked the same way', () => {
  // Previous: c 30 (1), a 20 (2), b 20 (2), d 5 (4). Now: a 50 (1), b 40 (2), d 40 (2), c 10 (4), e new.
  const ranked = rankWithTies([
    entry('a', 50, { previousValue: 20 }),
    entry('b', 40, { previousValue: 20 }),
    entry('c', 10, { previousValue: 30 }),
    entry('d', 40, { previousValue: 5 }),
    entry('e', 45),
    entry('f', 1, { previousValue: null }),
  ]);
  const byId = new Map(ranked.map((r) => [r.entry.id, r]));
  assert.deepEqual(byId.get('a')!.movement, { kind: 'up', by: 1 });
  assert.deepEqual(byId.get('e')!.rank, 2);
  assert.deepEqual(byId.get('e')!.movement, { kind: 'new' });
  // b and d tie at 3 now; b was 2nd, d was 4th.
  assert.equal(byId.get('b')!.rank, 3);
  assert.deepEqual(byId.get('b')!.movement, { kind: 'down', by: 1 });
  assert.deepEqual(byId.get('d')!.movement, { kind: 'up', by: 1 });
  assert.deepEqual(byId.get('c')!.movement, { kind: 'down', by: 4 });
  assert.deepEqual(byId.get('f')!.movement, { kind: 'new' });
});

test('an unchanged rank is "same"', () => {
  const ranked = rankWithTies([entry('a', 9, { previousValue: 3 }), entry('b', 1, { previousValue: 2 })]);
  assert.deepEqual(
    ranked.map((r) => r.movement),
    [{ kind: 'same' }, { kind: 'same' }],
  );
});

test('rank-by target ranks by value / target and leaves entries without a target unranked', () => {
  const ranked = rankWithTies(
    [
      entry('big', 80, { target: 100 }), // 0.8
      entry('small', 9, { target: 10 }), // 0.9
      entry('none', 500),
      entry('zero', 5, { target: 0 }),
    ],
    { rankBy: 'target' },
  );
  assert.deepEqual(ranks(ranked).slice(0, 2), [
    ['small', 1],
    ['big', 2],
  ]);
  assert.equal(ranked[2]!.rank, null);
  assert.equal(ranked[3]!.rank, null);
  assert.equal(ranked[0]!.score, 0.9);
});

test('tie-break "previous" puts the higher previous value first; still-equal entries share', () => {
  const ranked = rankWithTies(
    [
      entry('a', 10, { previousValue: 1 }),
      entry('b', 10, { previousValue: 7 }),
      entry('c', 10, { previousValue: 7 }),
      entry('d', 2),
    ],
    { tieBreak: 'previous' },
  );
  assert.deepEqual(ranks(ranked), [
    ['b', 1],
    ['c', 1],
    ['a', 3],
    ['d', 4],
  ]);
});

test('tie-break "streak" puts the longer streak first', () => {
  const ranked = rankWithTies([entry('a', 10, { streak: 2 }), entry('b', 10, { streak: 5 })], { tieBreak: 'streak' });
  assert.deepEqual(ranks(ranked), [
    ['b', 1],
    ['a', 2],
  ]);
});

test('10,000 entries with many ties keep the competition-rank invariant', () => {
  const entries = Array.from({ length: 10_000 }, (_, i) => entry(`m${i}`, i % 7 === 0 ? null : (i * 37) % 500));
  const ranked = rankWithTies(entries);
  assert.equal(ranked.length, 10_000);
  const rankedOnly = ranked.filter((r) => r.rank !== null);
  // Multiples of 7 below 10,000: 0, 7, ..., 9996 = 1429 entries without a value.
  assert.equal(rankedOnly.length, 10_000 - 1429);
  rankedOnly.forEach((r, i) => {
    const above = rankedOnly.filter((o) => (o.entry.value as number) > (r.entry.value as number)).length;
    if (i % 997 === 0) assert.equal(r.rank, above + 1);
  });
});

test('whole numbers beyond 32 bits, fractions and negatives rank by numeric value', () => {
  // The sort works on the scores' bit patterns, byte by byte: these differ in the sign, the exponent and the lowest
  // bytes, where a mistake in the key mapping or a skipped pass would show.
  const big = rankWithTies([
    entry('small', 3),
    entry('huge', 2 ** 31),
    entry('max32', 2 ** 31 - 1),
    entry('neg', -(2 ** 31)),
    entry('minus1', -1),
  ]);
  assert.deepEqual(
    big.map((r) => r.entry.id),
    ['huge', 'max32', 'small', 'minus1', 'neg'],
  );
  const mixed = rankWithTies([
    entry('half', 0.5),
    entry('one', 1),
    entry('zero', 0),
    entry('negHalf', -0.5),
    entry('minusZero', -0),
  ]);
  assert.deepEqual(ranks(mixed), [
    ['one', 1],
    ['half', 2],
    ['minusZero', 3],
    ['zero', 3],
    ['negHalf', 5],
  ]);
  const whole = rankWithTies([entry('a', 7), entry('b', -(2 ** 31 - 1)), entry('c', 2 ** 31 - 1), entry('d', 0)]);
  assert.deepEqual(ranks(whole), [
    ['c', 1],
    ['a', 2],
    ['d', 3],
    ['b', 4],
  ]);
});

/** The order DESIGN requires, written the plain way: score descending, a tie by name (collated), then by id. */
function referenceOrder(entries: LeaderboardEntry[], locale: string): string[] {
  const collator = new Intl.Collator(locale);
  const score = (e: LeaderboardEntry): number | null => (typeof e.value === 'number' ? e.value + 0 : null);
  return [...entries]
    .sort((a, b) => {
      const x = score(a);
      const y = score(b);
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return y - x;
      }
      return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    })
    .map((e) => e.id);
}

test('a tie lists Chinese names in pinyin order (zh-CN), sharing one rank', () => {
  const ranked = rankWithTies(
    [
      entry('z', 8, { name: '张伟' }),
      entry('w', 8, { name: '王芳' }),
      entry('top', 9, { name: '周杰' }),
      entry('l', 8, { name: '李娜' }),
      entry('a', 8, { name: '阿明' }),
      entry('o', 8, { name: '欧阳娜娜' }),
    ],
    { locale: 'zh-CN' },
  );
  assert.deepEqual(
    ranked.map((r) => [r.entry.name, r.rank]),
    [
      ['周杰', 1],
      ['阿明', 2],
      ['李娜', 2],
      ['欧阳娜娜', 2],
      ['王芳', 2],
      ['张伟', 2],
    ],
  );
});

test('a tie lists Latin names by collation, not by code point (en)', () => {
  const ranked = rankWithTies(
    [
      entry('1', 3, { name: 'carol' }),
      entry('2', 3, { name: 'Émile' }),
      entry('3', 3, { name: 'Bob' }),
      entry('4', 3, { name: 'alice' }),
    ],
    { locale: 'en' },
  );
  assert.deepEqual(
    ranked.map((r) => r.entry.name),
    ['alice', 'Bob', 'carol', 'Émile'],
  );
});

test('equal names in a tie are listed by id; unranked entries by name after every ranked one', () => {
  const ranked = rankWithTies(
    [
      entry('m2', 5, { name: '李娜' }),
      entry('m1', 5, { name: '李娜' }),
      entry('u2', null, { name: '王芳' }),
      entry('u1', null, { name: '阿明' }),
      entry('m3', 1, { name: '阿明' }),
    ],
    { locale: 'zh-CN' },
  );
  assert.deepEqual(
    ranked.map((r) => [r.entry.id, r.rank]),
    [
      ['m1', 1],
      ['m2', 1],
      ['m3', 3],
      ['u1', null],
      ['u2', null],
    ],
  );
});

test('ties of every size, Chinese and Latin names mixed, come out in the plain sort order', () => {
  // Tie groups from 1 to 40 entries (small and large ties are ordered differently inside), names drawn from a pool with
  // repeats, some without a value.
  const pool = [
    '王伟',
    '王芳',
    '李娜',
    '张敏',
    '刘洋',
    '陈静',
    '欧阳娜娜',
    '司马光',
    'Alice',
    'bob',
    'Émile',
    '阿明',
    '李',
  ];
  for (const locale of ['zh-CN', 'en']) {
    const entries: LeaderboardEntry[] = [];
    let seed = 17;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let group = 0; group < 60; group += 1) {
      const size = 1 + (group % 40);
      const value = group % 9 === 8 ? null : 1000 - group * 3;
      for (let k = 0; k < size; k += 1) {
        entries.push(entry(`g${group}-${next() % 1000}`, value, { name: pool[next() % pool.length]! }));
      }
    }
    const unique = entries.filter((e, i) => entries.findIndex((o) => o.id === e.id) === i);
    assert.deepEqual(
      rankWithTies(unique, { locale }).map((r) => r.entry.id),
      referenceOrder(unique, locale),
      locale,
    );
  }
});

test('random boards: every tie of Chinese, Latin and mixed names comes out in the plain sort order, ranks shared', () => {
  // Names from a pool with repeats (common Chinese names recur on a bank-wide board) and made-up ones mixing Han,
  // Latin, accented and digit characters, so ties hold equal names, names equal but for case or accent, names the
  // collator finds equal though their code points differ (É composed and decomposed), and names that share a prefix.
  // Values from a small range, some missing, so most entries tie with others, in ties small and large (the ranking
  // sorts those differently).
  const pool = [
    '王伟',
    '王芳',
    '李娜',
    '欧阳娜娜',
    '司马光',
    '阿明',
    '李',
    'Alice',
    'alice',
    'Émile',
    'E\u0301mile',
    'bob',
    '张Wei',
  ];
  const characters = [...'王李张欧阳司马阿明娜伟芳光客户经理aAbBeéÉzZ 019-', '\u0301'];
  const name = fc.oneof(
    fc.constantFrom(...pool),
    fc.array(fc.constantFrom(...characters), { minLength: 0, maxLength: 6 }).map((chars) => chars.join('')),
  );
  const value = fc.oneof(fc.integer({ min: -2, max: 6 }), fc.constantFrom(null, 0.5, -0, 2.5));
  const board = fc
    .array(fc.record({ name, value }), { maxLength: 80 })
    .map((rows) => rows.map((row, index) => entry(`m${(index * 7) % 97}-${index}`, row.value, { name: row.name })));
  fc.assert(
    fc.property(board, fc.constantFrom('zh-CN', 'en'), (entries, locale) => {
      const ranked = rankWithTies(entries, { locale });
      assert.deepEqual(
        ranked.map((r) => r.entry.id),
        referenceOrder(entries, locale),
      );
      for (const r of ranked) {
        const score = r.entry.value;
        const above =
          score === null ? 0 : entries.filter((e) => e.value !== null && (e.value as number) > score).length;
        assert.equal(r.rank, score === null ? null : above + 1);
      }
    }),
    { numRuns: 500 },
  );
});

test('in a large tie of repeated names, names the collator finds equal are listed by id', () => {
  // A tie of twelve with few distinct names is sorted through each name's collation key; É composed and decomposed
  // collate equal, so they must share a key and fall to their ids (a1 first), whatever order they came in.
  const names = ['王伟', '李娜', '王伟', '李娜', '王伟', '李娜', '王伟', '李娜', '王伟', '李娜'];
  const entries = [
    entry('a2', 5, { name: 'Émile' }),
    ...names.map((name, k) => entry(`m${k}`, 5, { name })),
    entry('a1', 5, { name: 'E\u0301mile' }),
  ];
  for (const locale of ['zh-CN', 'en']) {
    const ranked = rankWithTies(entries, { locale });
    assert.deepEqual(
      ranked.map((r) => r.entry.id),
      referenceOrder(entries, locale),
      locale,
    );
    assert.ok(ranked.every((r) => r.rank === 1 && r.tied));
  }
});
