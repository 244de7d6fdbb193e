//! Synthetic placeholder images for the 券面AP: small but structurally valid PNG and JP2 files.
//!
//! The card face (mynacard.md §9.3) holds the name, address and security code as 1-bit
//! greyscale PNGs and the photo as JPEG 2000 in a JP2 container. The simulator draws no
//! text; it makes images with the right magic bytes, chunk/box structure and checksums, whose
//! pixels are a pattern derived from the text they stand for (so different text gives different
//! bytes).

use alloc::vec::Vec;

/// PNG signature (ISO/IEC 15948 §5.2).
pub const PNG_SIGNATURE: [u8; 8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

/// JP2 signature box (ISO/IEC 15444-1 §I.5.1): length 12, type `jP  `, content `0D 0A 87 0A`.
pub const JP2_SIGNATURE_BOX: [u8; 12] = [
    0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A,
];

/// CRC-32 (ISO 3309, as PNG uses it).
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

fn png_chunk(kind: &[u8; 4], data: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(out.get(start..).unwrap_or_default());
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A `width`×`height` 1-bit greyscale PNG whose pixels are a pattern seeded by `text`.
///
/// ```text
/// | bytes | content                                                          |
/// |-------|------------------------------------------------------------------|
/// | 8     | 89 50 4E 47 0D 0A 1A 0A                                          |
/// | 25    | IHDR: width, height, bit depth 1, colour type 0 (greyscale), 0,0,0 |
/// | …     | IDAT: zlib (78 01), one stored deflate block, Adler-32           |
/// | 12    | IEND                                                             |
/// ```
pub fn png_1bit(width: u16, height: u16, text: &[u8]) -> Vec<u8> {
    let row_bytes = usize::from(width).div_ceil(8);
    let mut raw = Vec::with_capacity((row_bytes + 1) * usize::from(height));
    let mut state = 0x9E37_79B9u32 ^ crc32(text);
    for _ in 0..height {
        let filter_none = 0u8;
        let row = (0..row_bytes).map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8 | 0x81 // mostly white, a few black dots
        });
        raw.extend(core::iter::once(filter_none).chain(row));
    }
    let mut zlib = alloc::vec![0x78, 0x01];
    // Stored blocks of at most 65 535 bytes (RFC 1951 §3.2.4).
    let mut chunks = raw.chunks(0xFFFF).peekable();
    if chunks.peek().is_none() {
        zlib.extend_from_slice(&[0x01, 0x00, 0x00, 0xFF, 0xFF]);
    }
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        zlib.push(u8::from(last));
        let len = chunk.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(chunk);
    }
    zlib.extend_from_slice(&adler32(&raw).to_be_bytes());

    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&u32::from(width).to_be_bytes());
    ihdr.extend_from_slice(&u32::from(height).to_be_bytes());
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]);

    let mut out = PNG_SIGNATURE.to_vec();
    png_chunk(b"IHDR", &ihdr, &mut out);
    png_chunk(b"IDAT", &zlib, &mut out);
    png_chunk(b"IEND", &[], &mut out);
    out
}

fn jp2_box(kind: &[u8; 4], content: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(&((content.len() + 8) as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(content);
}

/// A `width`×`height` 8-bit greyscale JPEG 2000 image in a JP2 container (ISO/IEC 15444-1
/// Annex I): signature box, `ftyp`, `jp2h` { `ihdr`, `colr` (greyscale) }, `jp2c` holding a
/// codestream SOC, SIZ, COD, QCD, SOT, SOD, tile bytes seeded by `seed`, EOC. The box and marker
/// structure is exact; the tile data is a placeholder.
pub fn jp2_greyscale(width: u16, height: u16, seed: &[u8]) -> Vec<u8> {
    let mut out = JP2_SIGNATURE_BOX.to_vec();
    jp2_box(b"ftyp", b"jp2 \x00\x00\x00\x00jp2 ", &mut out);

    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&u32::from(height).to_be_bytes());
    ihdr.extend_from_slice(&u32::from(width).to_be_bytes());
    ihdr.extend_from_slice(&1u16.to_be_bytes()); // one component
    ihdr.extend_from_slice(&[7, 7, 0, 0]); // 8 bits unsigned, JPEG 2000 compression, no IPR
    let mut colr = alloc::vec![1, 0, 0];
    colr.extend_from_slice(&17u32.to_be_bytes()); // enumerated colour space 17 = greyscale
    let mut jp2h = Vec::new();
    jp2_box(b"ihdr", &ihdr, &mut jp2h);
    jp2_box(b"colr", &colr, &mut jp2h);
    jp2_box(b"jp2h", &jp2h, &mut out);

    let mut cs = alloc::vec![0xFF, 0x4F]; // SOC
                                          // SIZ (ISO/IEC 15444-1 §A.5.1), one component: Lsiz = 38 + 3.
    cs.extend_from_slice(&[0xFF, 0x51, 0x00, 0x29, 0x00, 0x00]);
    for v in [
        u32::from(width),
        u32::from(height),
        0,
        0,
        u32::from(width),
        u32::from(height),
        0,
        0,
    ] {
        cs.extend_from_slice(&v.to_be_bytes());
    }
    cs.extend_from_slice(&[0x00, 0x01, 0x07, 0x01, 0x01]);
    // COD: LRCP, 1 layer, no MCT, 5 decomposition levels, 64×64 code blocks, 5-3 reversible.
    cs.extend_from_slice(&[
        0xFF, 0x52, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x01, 0x00, 0x05, 0x04, 0x04, 0x00, 0x01,
    ]);
    // QCD: no quantisation, guard bits 2, 16 sub-bands.
    cs.extend_from_slice(&[0xFF, 0x5C, 0x00, 0x13, 0x40]);
    cs.extend(core::iter::repeat_n(0x48, 16));
    let tile: Vec<u8> = seed
        .iter()
        .map(|b| b & 0x7F)
        .chain(core::iter::repeat_n(0x11, 32))
        .collect();
    // SOT: tile 0, Psot = whole tile-part length (SOT 12 + SOD 2 + data), part 0 of 1.
    let psot = (12 + 2 + tile.len()) as u32;
    cs.extend_from_slice(&[0xFF, 0x90, 0x00, 0x0A, 0x00, 0x00]);
    cs.extend_from_slice(&psot.to_be_bytes());
    cs.extend_from_slice(&[0x00, 0x01]);
    cs.extend_from_slice(&[0xFF, 0x93]); // SOD
    cs.extend_from_slice(&tile);
    cs.extend_from_slice(&[0xFF, 0xD9]); // EOC
    jp2_box(b"jp2c", &cs, &mut out);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_iend_is_the_well_known_value() {
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn png_has_signature_ihdr_and_iend() {
        let png = png_1bit(24, 12, b"2468");
        assert_eq!(&png[..8], &PNG_SIGNATURE);
        assert_eq!(&png[8..16], &[0, 0, 0, 13, b'I', b'H', b'D', b'R']);
        assert_eq!(&png[16..29], &[0, 0, 0, 24, 0, 0, 0, 12, 1, 0, 0, 0, 0]);
        assert_eq!(
            &png[png.len() - 12..],
            &[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]
        );
        // IDAT length: zlib header 2 + block header 5 + 12 rows × (1 + 3) + Adler 4 = 59.
        assert_eq!(&png[33..41], &[0, 0, 0, 59, b'I', b'D', b'A', b'T']);
        assert_eq!(png.len(), 8 + 25 + 12 + 59 + 12);
        assert_ne!(png, png_1bit(24, 12, b"1357"));
    }

    #[test]
    fn jp2_has_signature_ftyp_and_codestream_markers() {
        let jp2 = jp2_greyscale(32, 40, b"photo");
        assert_eq!(&jp2[..12], &JP2_SIGNATURE_BOX);
        assert_eq!(&jp2[4..8], b"jP  ");
        assert_eq!(
            &jp2[12..32],
            b"\x00\x00\x00\x14ftypjp2 \x00\x00\x00\x00jp2 "
        );
        assert_eq!(&jp2[36..40], b"jp2h");
        let jp2h_len = u32::from_be_bytes(jp2[32..36].try_into().unwrap()) as usize;
        assert_eq!(jp2h_len, 8 + 22 + 15);
        let jp2c = 32 + jp2h_len;
        assert_eq!(
            &jp2[jp2c + 4..jp2c + 10],
            &[b'j', b'p', b'2', b'c', 0xFF, 0x4F]
        );
        assert_eq!(
            u32::from_be_bytes(jp2[jp2c..jp2c + 4].try_into().unwrap()) as usize,
            jp2.len() - jp2c
        );
        assert_eq!(&jp2[jp2.len() - 2..], &[0xFF, 0xD9]);
    }
}
