//! Smaller copies of an outlet's picture, made once when loa stores it, so
//! a phone loads a 320-pixel picture instead of the outlet's 2000-pixel
//! one: each width in the picture's own format and, where it is lighter,
//! in WebP. Decoding is bounded (a picture claiming to be larger than
//! [`MAX_SIDE`] pixels, or needing more than [`MAX_DECODE_BYTES`], is kept
//! as it is, with no copies), so a decompression bomb costs nothing.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};

/// The widths copies are made at: phones, tablets, wide screens.
pub const WIDTHS: [u32; 3] = [320, 640, 1280];
/// The longest side decoded.
pub const MAX_SIDE: u32 = 12_000;
/// The most memory one decode may take.
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
/// JPEG quality of the copies: no visible loss at their size.
const JPEG_QUALITY: u8 = 82;

/// One copy made: its width, file extension, media type and bytes.
#[derive(Debug)]
pub struct Copy {
    pub width: u32,
    pub ext: &'static str,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// The copies of `bytes` (a picture of type `ext`, as stored) narrower
/// than it. GIFs (often animated) and SVGs (drawn at any size) get none.
pub fn make(bytes: &[u8], ext: &str) -> Result<Vec<Copy>, String> {
    let (format, own_ext, own_mime) = match ext {
        "jpg" => (ImageFormat::Jpeg, "jpg", "image/jpeg"),
        "png" => (ImageFormat::Png, "png", "image/png"),
        "webp" => (ImageFormat::WebP, "webp", "image/webp"),
        _ => return Ok(Vec::new()),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let picture = reader.decode().map_err(|e| format!("not a readable {ext} picture: {e}"))?;
    let mut copies = Vec::new();
    for width in WIDTHS.into_iter().filter(|w| *w < picture.width()) {
        let small = picture.resize(width, u32::MAX, FilterType::Triangle);
        let own = encode(&small, format)?;
        if format != ImageFormat::WebP {
            let webp = encode(&small, ImageFormat::WebP)?;
            // WebP only where it is the lighter file: the encoder is lossless.
            if webp.len() < own.len() {
                copies.push(Copy { width, ext: "webp", mime: "image/webp", bytes: webp });
            }
        }
        copies.push(Copy { width, ext: own_ext, mime: own_mime, bytes: own });
    }
    Ok(copies)
}

fn encode(picture: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let done = match format {
        ImageFormat::Jpeg => JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).encode_image(&picture.to_rgb8()),
        ImageFormat::WebP if picture.color().has_alpha() => {
            DynamicImage::ImageRgba8(picture.to_rgba8()).write_to(&mut Cursor::new(&mut out), ImageFormat::WebP)
        }
        ImageFormat::WebP => DynamicImage::ImageRgb8(picture.to_rgb8()).write_to(&mut Cursor::new(&mut out), ImageFormat::WebP),
        other => picture.write_to(&mut Cursor::new(&mut out), other),
    };
    done.map_err(|e| format!("cannot encode a copy: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 251) as u8, (y % 241) as u8, 90]));
        encode(&DynamicImage::ImageRgb8(picture), ImageFormat::Jpeg).unwrap()
    }

    #[test]
    fn copies_are_narrower_than_the_picture_and_keep_its_shape() {
        let copies = make(&jpeg(900, 600), "jpg").unwrap();
        let widths: Vec<(u32, &str)> = copies.iter().map(|c| (c.width, c.ext)).filter(|(_, e)| *e == "jpg").collect();
        assert_eq!(widths, [(320, "jpg"), (640, "jpg")], "no copy as wide as the picture or wider");
        for copy in &copies {
            let (w, h) = image::load_from_memory(&copy.bytes).unwrap().into_rgb8().dimensions();
            assert_eq!(w, copy.width);
            assert!((h as i64 - (copy.width as i64 * 2 / 3)).abs() <= 1, "{w}×{h}");
        }
        assert!(make(&jpeg(300, 200), "jpg").unwrap().is_empty(), "a small picture needs no copies");
        assert!(make(b"GIF89a", "gif").unwrap().is_empty());
    }

    #[test]
    fn what_is_not_a_picture_or_too_large_is_refused_with_a_reason() {
        let err = make(b"<html>not a picture</html>", "jpg").unwrap_err();
        assert!(err.contains("not a readable jpg picture"), "{err}");
        // A well-formed PNG header announcing 100 000 × 100 000 pixels
        // (30 GB once decoded): refused by the limits, before decoding.
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend_from_slice(&100_000u32.to_be_bytes());
        ihdr.extend_from_slice(&100_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut crc = flate2::Crc::new();
        crc.update(&ihdr);
        let mut header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0d".to_vec();
        header.extend_from_slice(&ihdr);
        header.extend_from_slice(&crc.sum().to_be_bytes());
        let err = make(&header, "png").unwrap_err();
        assert!(err.contains("not a readable png picture") && err.to_lowercase().contains("limit"), "{err}");
    }
}
