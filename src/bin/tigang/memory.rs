//! The allocator of the command line: the system's, with one clear error
//! when memory runs out. Rust's default aborts with `memory allocation of N
//! bytes failed` and a core dump; a document that needs more memory than
//! the machine gives (`ulimit -v`, a container's limit, a 32-bit address
//! space) ends instead with a message that says what happened and what to
//! do, in both languages (one per line, before the language is known), and
//! exit status 1, as for an input that could not be read.
//!
//! The handler allocates nothing: it formats the size on the stack and
//! writes with one `write(2)` per piece.

use std::alloc::{GlobalAlloc, Layout, System};

/// [`System`], and [`out_of_memory`] where it returns null.
pub struct Guarded;

// SAFETY: every call is passed to `System` unchanged; only a null result,
// which the caller would have turned into an abort, is handled here.
unsafe impl GlobalAlloc for Guarded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        checked(unsafe { System.alloc(layout) }, layout.size())
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        checked(unsafe { System.alloc_zeroed(layout) }, layout.size())
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        checked(unsafe { System.realloc(ptr, layout, new_size) }, new_size)
    }
}

fn checked(ptr: *mut u8, size: usize) -> *mut u8 {
    if ptr.is_null() {
        out_of_memory(size);
    }
    ptr
}

/// Says that `size` bytes could not be had, and exits with status 1.
fn out_of_memory(size: usize) -> ! {
    let mut digits = itoa::Buffer::new();
    let mb = digits.format(size.div_ceil(1_000_000));
    for piece in [
        "tigang: out of memory: ",
        mb,
        " MB more could not be had. Split the document, or give tigang more memory (ulimit -v, the container's limit).\n",
        "tigang：内存不足，无法再分配 ",
        mb,
        " MB。请拆分文档，或为 tigang 提供更多内存（ulimit -v、容器的内存上限）。\n",
    ] {
        // SAFETY: writing a valid buffer to standard error.
        unsafe { libc::write(2, piece.as_ptr().cast(), piece.len()) };
    }
    // SAFETY: `_exit` runs no destructors and allocates nothing.
    unsafe { libc::_exit(1) }
}
