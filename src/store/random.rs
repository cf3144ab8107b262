//! Where SQLCipher's random bytes come from.
//!
//! SQLCipher asks OpenSSL for random bytes as soon as SQLite starts, for every
//! journal, plain ones included. OpenSSL's own generator then loads its whole
//! provider machinery first (several milliseconds and megabytes), which a plain
//! journal never needs. attune gives OpenSSL a random method that reads the kernel's
//! generator (`getrandom`, the source OpenSSL seeds its own from) before SQLite starts,
//! so OpenSSL wakes only when a journal is really encrypted or decrypted. The salt of a
//! new journal and every page's IV come from this method.

use std::os::raw::{c_double, c_int, c_void};

/// OpenSSL's `RAND_METHOD` (crypto/rand.h); every member may be null.
#[repr(C)]
struct RandMethod {
    seed: Option<unsafe extern "C" fn(*const c_void, c_int) -> c_int>,
    bytes: Option<unsafe extern "C" fn(*mut u8, c_int) -> c_int>,
    cleanup: Option<unsafe extern "C" fn()>,
    add: Option<unsafe extern "C" fn(*const c_void, c_int, c_double) -> c_int>,
    pseudorand: Option<unsafe extern "C" fn(*mut u8, c_int) -> c_int>,
    status: Option<unsafe extern "C" fn() -> c_int>,
}

unsafe extern "C" {
    // In the libcrypto that SQLCipher links (OpenSSL 3, vendored).
    fn RAND_set_rand_method(meth: *const RandMethod) -> c_int;
}

/// Fill `buf` with `num` bytes from the kernel: 1 on success, 0 on failure (OpenSSL's
/// convention; SQLCipher then refuses to write rather than use weak bytes).
unsafe extern "C" fn bytes(buf: *mut u8, num: c_int) -> c_int {
    let Ok(len) = usize::try_from(num) else {
        return 0;
    };
    if len == 0 {
        return 1;
    }
    if buf.is_null() {
        return 0;
    }
    // SAFETY: OpenSSL passes a writable buffer of `num` bytes.
    let out = unsafe { std::slice::from_raw_parts_mut(buf, len) };
    match getrandom::fill(out) {
        Ok(()) => 1,
        Err(_) => 0,
    }
}

/// The kernel's generator needs no seeding: added entropy is accepted and ignored.
unsafe extern "C" fn seed(_: *const c_void, _: c_int) -> c_int {
    1
}

unsafe extern "C" fn add(_: *const c_void, _: c_int, _: c_double) -> c_int {
    1
}

unsafe extern "C" fn status() -> c_int {
    1
}

static KERNEL: RandMethod = RandMethod {
    seed: Some(seed),
    bytes: Some(bytes),
    cleanup: None,
    add: Some(add),
    pseudorand: Some(bytes),
    status: Some(status),
};

/// Point OpenSSL's random bytes at the kernel. Call before SQLite starts; later calls
/// do nothing.
pub(super) fn from_kernel() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: KERNEL is a static that lives as long as the process, with functions
        // of the signatures OpenSSL expects.
        unsafe {
            RAND_set_rand_method(&KERNEL);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    unsafe extern "C" {
        fn RAND_get_rand_method() -> *const RandMethod;
    }

    #[test]
    fn openssl_draws_from_the_kernel_once_set() {
        from_kernel();
        // SAFETY: plain calls into libcrypto with a buffer of the size given.
        let (method, a, b) = unsafe {
            let method = RAND_get_rand_method();
            let mut a = [0u8; 32];
            let mut b = [0u8; 32];
            assert_eq!(openssl_sys::RAND_bytes(a.as_mut_ptr(), 32), 1);
            assert_eq!(openssl_sys::RAND_bytes(b.as_mut_ptr(), 32), 1);
            (method, a, b)
        };
        assert!(std::ptr::eq(method, &KERNEL));
        assert_ne!(a, b);
        assert_ne!(a, [0u8; 32]);
    }

    #[test]
    fn odd_requests_fail_or_do_nothing_safely() {
        // SAFETY: a null buffer with a length, a negative length and a zero length are
        // all answered without touching memory.
        unsafe {
            assert_eq!(bytes(std::ptr::null_mut(), 16), 0);
            assert_eq!(bytes(std::ptr::null_mut(), -1), 0);
            assert_eq!(bytes(std::ptr::null_mut(), 0), 1);
        }
    }
}
