import { describe, expect, it } from 'vitest';
import { countWords, weightedLength } from '../../src/core/measure';

describe('countWords', () => {
  it('does not count hashtags and mentions', () => {
    expect(countWords('#one #two @three')).toBe(0);
    expect(countWords('four real words here #tag')).toBe(4);
  });

  it('counts the words of scripts written without spaces', () => {
    expect(countWords('東京都は月曜日、新しい防災計画を発表した。')).toBe(10);
    expect(countWords('ประเทศไทยมีฝนตกหนักในวันนี้')).toBe(7);
    expect(countWords('市役所の発表 #防災 #東京')).toBe(3);
  });

  it('counts Korean by its spaces', () => {
    expect(countWords('서울시는 월요일 새로운 계획을 발표했다.')).toBe(5);
  });

  it('stops at the limit', () => {
    expect(countWords('one two three four five', 2)).toBe(2);
  });
});

describe('weightedLength', () => {
  it('counts Latin and Cyrillic letters once each', () => {
    expect(weightedLength('harbour')).toBe(7);
    expect(weightedLength('гавань')).toBe(6);
  });

  it('adds the spaces Thai does not write', () => {
    expect(weightedLength('ทะเล')).toBe(5);
  });

  it('weighs Han, kana and Hangul by what they carry', () => {
    expect(weightedLength('港')).toBe(3);
    expect(weightedLength('みなと')).toBe(6);
    expect(weightedLength('항구')).toBe(5);
  });
});
