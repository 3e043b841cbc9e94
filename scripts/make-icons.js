#!/usr/bin/env node
"use strict";
/**
 * Draws the add-in's icons (a rounded blue square with a white check mark) into assets/.
 * Node built-ins only: a signed-distance rasteriser with supersampling and a minimal PNG encoder.
 *
 *   node scripts/make-icons.js [outDir]
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const ICON_SIZES = [16, 32, 64, 80, 128];

// Fluent UI's brand blue (colorBrandBackground) so the icon matches the task pane.
const BACKGROUND = [0x0f, 0x6c, 0xbd];
const FOREGROUND = [0xff, 0xff, 0xff];
const SUPERSAMPLING = 8;

/** Geometry in a unit square (0..1); scaled to each size so every icon has the same shape. */
const SHAPE = {
  inset: 0.03,
  cornerRadius: 0.2,
  check: [
    [0.26, 0.53],
    [0.43, 0.69],
    [0.75, 0.33],
  ],
};

function roundedSquareDistance(x, y) {
  const half = 0.5 - SHAPE.inset;
  const r = SHAPE.cornerRadius;
  const qx = Math.abs(x - 0.5) - (half - r);
  const qy = Math.abs(y - 0.5) - (half - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Thicker strokes on small icons keep the check mark legible at 16 px. */
function checkHalfWidth(size) {
  return size <= 16 ? 0.075 : size <= 32 ? 0.065 : 0.055;
}

function checkDistance(x, y, size) {
  const [a, b, c] = SHAPE.check;
  return Math.min(segmentDistance(x, y, a, b), segmentDistance(x, y, b, c)) - checkHalfWidth(size);
}

/** @returns {Buffer} RGBA pixels, row-major. */
function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLING * SUPERSAMPLING;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let squareCoverage = 0;
      let checkCoverage = 0;
      for (let sy = 0; sy < SUPERSAMPLING; sy++) {
        for (let sx = 0; sx < SUPERSAMPLING; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLING) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLING) / size;
          if (roundedSquareDistance(x, y) <= 0) {
            squareCoverage++;
            if (checkDistance(x, y, size) <= 0) checkCoverage++;
          }
        }
      }
      const alpha = squareCoverage / samples;
      const checkShare = squareCoverage === 0 ? 0 : checkCoverage / squareCoverage;
      const offset = (py * size + px) * 4;
      for (let channel = 0; channel < 3; channel++) {
        const mixed = BACKGROUND[channel] * (1 - checkShare) + FOREGROUND[channel] * checkShare;
        pixels[offset + channel] = Math.round(mixed);
      }
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels as a PNG (no interlacing, filter type 0 on every row). */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const rowLength = width * 4;
  const raw = Buffer.alloc((rowLength + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (rowLength + 1)] = 0;
    rgba.copy(raw, y * (rowLength + 1) + 1, y * rowLength, (y + 1) * rowLength);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function makeIcons(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, size, drawIcon(size)));
    return file;
  });
}

module.exports = { makeIcons, encodePng, drawIcon, ICON_SIZES };

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  for (const file of makeIcons(outDir)) process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
