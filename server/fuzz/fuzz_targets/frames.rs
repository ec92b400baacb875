//! Feeds arbitrary bytes, in arbitrary pieces, to the frame decoder and
//! decodes every frame as a client message: errors are fine, panics and
//! huge allocations are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shoal_server::protocol::{ClientMsg, FrameDecoder, decode};

fuzz_target!(|data: &[u8]| {
    let (split, bytes) = match data.split_first() {
        Some((s, rest)) => ((*s as usize % 16) + 1, rest),
        None => return,
    };
    let mut d = FrameDecoder::new(4096);
    for piece in bytes.chunks(split) {
        d.push(piece);
        loop {
            match d.next_frame() {
                Ok(Some(frame)) => {
                    let _ = decode::<ClientMsg>(&frame);
                }
                Ok(None) => break,
                Err(_) => return,
            }
        }
    }
});
