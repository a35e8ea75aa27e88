#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| loa_fuzz::sitemap(data));
