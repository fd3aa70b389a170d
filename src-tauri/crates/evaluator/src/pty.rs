//! Pseudo-terminals for the simulator and the tests (Unix only).

use std::fs::File;
use std::io;
use std::os::fd::FromRawFd;
use std::path::PathBuf;

/// Both ends of a pseudo-terminal. The device side writes to `master`; the
/// reader opens `path` like any serial port. Keeping `slave` open means the
/// master never reads EIO while the reader is away.
pub struct Pty {
    pub master: File,
    pub slave: File,
    pub path: PathBuf,
}

/// A new pseudo-terminal in raw mode (no echo, no line editing).
pub fn open() -> io::Result<Pty> {
    let (mut m, mut s) = (0, 0);
    // SAFETY: openpty writes two fds; null name/termios/winsize are allowed.
    let rc = unsafe { libc::openpty(&mut m, &mut s, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the fds are ours and open.
    let (master, slave) = unsafe { (File::from_raw_fd(m), File::from_raw_fd(s)) };
    let mut buf = vec![0 as libc::c_char; 256];
    // SAFETY: buf is writable for its length.
    let rc = unsafe { libc::ttyname_r(s, buf.as_mut_ptr(), buf.len()) };
    if rc != 0 {
        return Err(io::Error::from_raw_os_error(rc));
    }
    // SAFETY: ttyname_r wrote a NUL-terminated string.
    let path = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned();
    // SAFETY: termios is plain data; tcgetattr fills it.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(s, &mut t) == 0 {
            libc::cfmakeraw(&mut t);
            libc::tcsetattr(s, libc::TCSANOW, &t);
        }
    }
    Ok(Pty { master, slave, path: PathBuf::from(path) })
}

/// Waits up to `timeout_ms` for `fd` to be readable; true when it is (or hung up).
pub fn wait_readable(fd: std::os::fd::RawFd, timeout_ms: i32) -> bool {
    let mut p = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid pollfd.
    let n = unsafe { libc::poll(&mut p, 1, timeout_ms) };
    n > 0
}
