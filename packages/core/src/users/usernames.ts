import type { UsernameFormat } from './status.js';

/*
 * Generated names of light accounts (SPEC 4.2): "User 123456" or an animal name ("Brave Otter"),
 * in the platform's chosen format. Unique per platform: the database refuses a repeat and the
 * caller draws again; after a few draws, a number is added.
 */

const adjectives = [
  'Brave',
  'Bright',
  'Calm',
  'Clever',
  'Curious',
  'Eager',
  'Gentle',
  'Glad',
  'Happy',
  'Honest',
  'Jolly',
  'Keen',
  'Kind',
  'Lively',
  'Loyal',
  'Lucky',
  'Merry',
  'Mild',
  'Modest',
  'Nimble',
  'Noble',
  'Patient',
  'Polite',
  'Proud',
  'Quick',
  'Quiet',
  'Rapid',
  'Silent',
  'Sincere',
  'Smart',
  'Steady',
  'Sunny',
  'Swift',
  'Tidy',
  'Wise',
  'Witty',
  'Bold',
  'Cheerful',
  'Daring',
  'Friendly',
];

const animals = [
  'Otter',
  'Badger',
  'Beaver',
  'Bear',
  'Crane',
  'Deer',
  'Dolphin',
  'Eagle',
  'Elk',
  'Falcon',
  'Finch',
  'Fox',
  'Hare',
  'Hawk',
  'Hedgehog',
  'Heron',
  'Lynx',
  'Marten',
  'Mole',
  'Moose',
  'Owl',
  'Puffin',
  'Raven',
  'Reindeer',
  'Robin',
  'Salmon',
  'Seal',
  'Sparrow',
  'Squirrel',
  'Stork',
  'Swan',
  'Trout',
  'Wolf',
  'Wren',
  'Lark',
  'Pike',
  'Gull',
  'Starling',
  'Magpie',
  'Swallow',
];

/**
 * The `attempt`-th candidate name (0 first): from `attempt` 3 on, an animal name carries a number,
 * so drawing never runs out. `random` returns integers in [0, n).
 */
export function generatedUsername(
  format: UsernameFormat,
  attempt: number,
  random: (n: number) => number,
): string {
  if (format === 'user') return `User ${String(random(1_000_000)).padStart(6, '0')}`;
  const name = `${adjectives[random(adjectives.length)]} ${animals[random(animals.length)]}`;
  return attempt < 3 ? name : `${name} ${random(10_000)}`;
}
