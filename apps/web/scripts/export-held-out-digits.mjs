#!/usr/bin/env node
// Writes src/held-out/held-out-digits.safetensors: the first DIGITS_PER_CLASS digits of each
// class from apps/mnist's held-out test split (the 2,000 digits the MNIST MLP never trained
// on), as `images` F32 [n, 784], `labels` I32 [n] and `ids` I32 [n] (each digit's position
// among the 10,000 bundled ones). The page offers them to pick; the browser test feeds them.
//
// Needs apps/mnist built (`npx -y pnpm@10.34.8 --filter mnist run build`). Run it again only
// if apps/mnist's split changes; the file is committed.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeSafetensors } from '@qaxon/safetensors';
import { Tensor } from '@qaxon/tensor';

const DIGITS_PER_CLASS = 5;
const CLASSES = 10;
const PIXELS = 784;
const OUT = fileURLToPath(new URL('../src/held-out/held-out-digits.safetensors', import.meta.url));

const dataModule = new URL('../../mnist/dist/data.js', import.meta.url);
let splitDigits;
try {
  ({ splitDigits } = await import(dataModule.href));
} catch (error) {
  console.error(`export-held-out-digits: expected apps/mnist to be built (${fileURLToPath(dataModule)}); build it with npx -y pnpm@10.34.8 --filter mnist run build`);
  throw error;
}

const { test } = splitDigits();
const chosen = [];
for (let label = 0; label < CLASSES; label++) {
  for (let position = 0, taken = 0; position < test.count && taken < DIGITS_PER_CLASS; position++) {
    if (test.labels[position] === label) {
      chosen.push(position);
      taken++;
    }
  }
}
const images = new Float32Array(chosen.length * PIXELS);
chosen.forEach((position, i) => images.set(test.images.subarray(position * PIXELS, (position + 1) * PIXELS), i * PIXELS));
const bytes = writeSafetensors(
  {
    images: new Tensor(images, [chosen.length, PIXELS], 'f32'),
    labels: new Tensor(Int32Array.from(chosen, (position) => test.labels[position]), [chosen.length], 's32'),
    ids: new Tensor(Int32Array.from(chosen, (position) => test.ids[position]), [chosen.length], 's32'),
  },
  { source: 'apps/mnist splitDigits().test', digitsPerClass: String(DIGITS_PER_CLASS) },
);
writeFileSync(OUT, bytes);
console.log(`wrote ${chosen.length} held-out digits (${bytes.length} bytes) to ${OUT}`);
